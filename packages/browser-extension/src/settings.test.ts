import { describe, expect, it } from 'vitest';
import { matchPatternOf, originOf, parseSettings } from './settings.js';

describe('originOf', () => {
  it.each([
    ['illiad.library.edu/', 'https://illiad.library.edu'],
    ['http://127.0.0.1:8123/ILLiad/StaffWebClient', 'http://127.0.0.1:8123'],
    ['  https://koha-staff.library.org  ', 'https://koha-staff.library.org'],
    ['ftp://files.library.edu', null],
    ['', null],
    ['http://', null],
  ])('%j → %j', (text, origin) => expect(originOf(text)).toBe(origin));
});

describe('matchPatternOf', () => {
  it('drops the port, which match patterns cannot carry', () => {
    expect(matchPatternOf('http://127.0.0.1:8123')).toBe('http://127.0.0.1/*');
  });
});

describe('parseSettings', () => {
  it('keeps good entries, drops unknown systems and bad origins, trims the hub URL', () => {
    expect(
      parseSettings({
        hubUrl: 'https://hub.library.edu/ ',
        token: ' lsn_abc ',
        sites: [{ system: 'koha', origin: 'koha.library.edu' }, { system: 'voyager', origin: 'https://x.edu' }, { system: 'alma', origin: 'nope://' }, 7],
        pausedOrigins: ['https://koha.library.edu', 3],
        extra: true,
      }),
    ).toEqual({
      hubUrl: 'https://hub.library.edu',
      token: 'lsn_abc',
      sites: [{ system: 'koha', origin: 'https://koha.library.edu' }],
      pausedOrigins: ['https://koha.library.edu'],
    });
  });

  it('gives empty settings for nothing stored', () => {
    expect(parseSettings(undefined)).toEqual({ hubUrl: '', token: '', sites: [], pausedOrigins: [] });
  });
});
