import { describe, expect, it } from 'vitest';
import { readHubDomain } from './hub-domain.js';

describe('--hub-domain', () => {
  it.each([
    ['liaison.example.edu', 'liaison.example.edu'],
    ['https://liaison.example.edu/', 'liaison.example.edu'],
    ['https://Liaison.Example.edu', 'liaison.example.edu'],
    ['https://liaison.example.edu:8443/hub/?x=1', 'liaison.example.edu'],
    ['http://liaison.example.edu', 'liaison.example.edu'],
  ])('%s → domainWhitelist entry %s', (given, host) => {
    const read = readHubDomain(given);
    expect(read).toMatchObject({ ok: true, host });
    if (given !== host) expect((read as { note?: string }).note).toContain(host);
  });

  it.each([
    ['', 'empty'],
    ['ftp://liaison.example.edu', 'ftp:'],
    ['javascript:alert(1)', 'host'],
    ['https://user:pw@liaison.example.edu', 'password'],
    ['https://localhost:3000', 'Zendesk\'s servers'],
    ['127.0.0.1', 'Zendesk\'s servers'],
    ['liaison example edu', 'host'],
  ])('refuses %j, saying why (%s)', (given, reason) => {
    const read = readHubDomain(given);
    expect(read.ok).toBe(false);
    expect((read as { reason: string }).reason).toContain(reason);
  });
});
