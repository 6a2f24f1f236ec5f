/**
 * The hub calls the sidebar makes, as `client.request` options. Every call goes through Zendesk's
 * proxy (`secure: true`) so the shared secret never reaches the browser: the proxy signs an HS256
 * JWT with `{{setting.shared_secret}}` and puts it in place of `{{jwt.token}}`.
 */
import type { ZafRequestOptions } from './zaf-client.js';

/** How long the proxy-signed token is valid, in seconds; short because each call gets a new one. */
export const tokenLifetimeSeconds = 300;

/** How long the sidebar waits for the hub, in milliseconds, before it shows the error state. */
export const hubTimeoutMilliseconds = 15_000;

/** The agent the token speaks for; the hub records it in the audit log. */
export interface Agent {
  id: string | number;
  name: string;
}

/** A request to the hub at `hubUrl` (no trailing slash needed). */
export function hubRequest(
  hubUrl: string,
  agent: Agent,
  call: { type: 'GET' | 'POST'; path: string; body?: unknown; idempotencyKey?: string; claims?: Record<string, string> },
): ZafRequestOptions {
  const headers: Record<string, string> = { Authorization: 'Bearer {{jwt.token}}' };
  if (call.idempotencyKey) headers['Idempotency-Key'] = call.idempotencyKey;
  const options: ZafRequestOptions = {
    url: `${hubUrl.replace(/\/+$/, '')}${call.path}`,
    type: call.type,
    dataType: 'json',
    headers,
    secure: true,
    cors: false,
    timeout: hubTimeoutMilliseconds,
    jwt: {
      algorithm: 'HS256',
      secret_key: '{{setting.shared_secret}}',
      expiry: tokenLifetimeSeconds,
      claims: { ...call.claims, sub: String(agent.id), name: agent.name },
    },
  };
  if (call.body !== undefined) {
    options.contentType = 'application/json';
    options.data = JSON.stringify(call.body);
  }
  return options;
}

/**
 * `GET /api/v1/patron-context` for the ticket's requester. The patron travels as the token's
 * `patron_email` claim, signed by Zendesk's proxy, not in the query: the hub lets a Zendesk token
 * read only the patron it names, so a token copied from the network panel cannot be used to walk
 * other patrons' e-mails or barcodes.
 */
export function patronContextRequest(hubUrl: string, agent: Agent, requesterEmail: string): ZafRequestOptions {
  return hubRequest(hubUrl, agent, { type: 'GET', path: '/api/v1/patron-context', claims: { patron_email: requesterEmail } });
}

/** `POST /api/v1/route`: which department the policy's routing rules suggest (nothing is stored). */
export function routeRequest(
  hubUrl: string,
  agent: Agent,
  question: { question: string; patronType?: string },
): ZafRequestOptions {
  return hubRequest(hubUrl, agent, {
    type: 'POST',
    path: '/api/v1/route',
    body: { question: question.question, channel: 'zendesk', ...(question.patronType && { patronType: question.patronType }) },
  });
}

export interface TicketForHandoff {
  id: number;
  subject: string;
  description: string;
  /** The ticket's address in the agent interface, kept on the hand-off as its link back. */
  url: string;
}

/**
 * `POST /api/v1/handoffs` linked to the ticket. The idempotency key is made once per click, so a
 * proxy retry of the same click never makes a second hand-off.
 */
export function createHandoffRequest(
  hubUrl: string,
  agent: Agent,
  handoff: { ticket: TicketForHandoff; department: string; patron?: { email?: string; patronType?: string }; idempotencyKey: string },
): ZafRequestOptions {
  const { ticket } = handoff;
  const question = [ticket.subject, ticket.description].filter((part) => part.trim().length > 0).join('\n\n').slice(0, 4000);
  return hubRequest(hubUrl, agent, {
    type: 'POST',
    path: '/api/v1/handoffs',
    idempotencyKey: handoff.idempotencyKey,
    body: {
      question: question || `Zendesk ticket ${ticket.id}`,
      summary: ticket.subject.slice(0, 200) || undefined,
      department: handoff.department,
      channel: 'zendesk',
      ...(handoff.patron && { patron: handoff.patron }),
      links: { zendeskTicket: String(ticket.id), url: ticket.url },
    },
  });
}

/**
 * Zendesk's own API: an internal (private) comment on the ticket, `PUT /api/v2/tickets/{id}.json`
 * with `{ ticket: { comment: { body, public: false } } }`. Same-origin, so no proxy and no token.
 */
export function internalNoteRequest(ticketId: number, body: string): ZafRequestOptions {
  return {
    url: `/api/v2/tickets/${ticketId}.json`,
    type: 'PUT',
    contentType: 'application/json',
    dataType: 'json',
    data: JSON.stringify({ ticket: { comment: { body, public: false } } }),
  };
}
