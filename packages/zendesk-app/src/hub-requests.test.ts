import { describe, expect, it } from 'vitest';
import { createHandoffRequest, internalNoteRequest, patronContextRequest } from './hub-requests.js';
import { localeFor } from './messages.js';

const agent = { id: 501, name: 'Dana' };

describe('hub requests', () => {
  it('asks the proxy to sign a short-lived HS256 token naming the requester, and sends no patron in the URL', () => {
    const options = patronContextRequest('https://hub.example.edu/', agent, 'a+b@example.edu');
    expect(options).toMatchObject({
      url: 'https://hub.example.edu/api/v1/patron-context',
      type: 'GET',
      secure: true,
      headers: { Authorization: 'Bearer {{jwt.token}}' },
      jwt: { algorithm: 'HS256', secret_key: '{{setting.shared_secret}}', expiry: 300, claims: { sub: '501', name: 'Dana', patron_email: 'a+b@example.edu' } },
    });
  });

  it('links the hand-off to the ticket and carries the idempotency key', () => {
    const ticket = { id: 7, subject: 'Renewal', description: 'Please renew', url: 'https://lib.zendesk.com/agent/tickets/7' };
    const options = createHandoffRequest('https://hub.example.edu', agent, { ticket, department: 'circulation', patron: { email: 'p@example.edu' }, idempotencyKey: 'zendesk-7-abc' });
    expect(options.headers).toMatchObject({ 'Idempotency-Key': 'zendesk-7-abc' });
    expect(JSON.parse(options.data!)).toEqual({
      question: 'Renewal\n\nPlease renew',
      summary: 'Renewal',
      department: 'circulation',
      channel: 'zendesk',
      patron: { email: 'p@example.edu' },
      links: { zendeskTicket: '7', url: 'https://lib.zendesk.com/agent/tickets/7' },
    });
  });

  it('writes the internal note as a private comment through Zendesk\'s Tickets API', () => {
    const options = internalNoteRequest(7, 'Handed off as H-1');
    expect(options).toMatchObject({ url: '/api/v2/tickets/7.json', type: 'PUT' });
    expect(options.secure).toBeUndefined();
    expect(JSON.parse(options.data!)).toEqual({ ticket: { comment: { body: 'Handed off as H-1', public: false } } });
  });

  it.each([
    ['en-US', 'en'], ['es-419', 'es'], ['fr-ca', 'fr'], ['de', 'en'], [undefined, 'en'],
  ] as const)('shows Zendesk locale %s in %s', (zendesk, locale) => {
    expect(localeFor(zendesk)).toBe(locale);
  });
});
