/**
 * The text an agent pastes into a reply to tell the patron where their interlibrary loan requests
 * stand: one line per request with its number, kind and status, in the agent's language. Titles
 * are included only when the privacy policy let the hub send them.
 */
import type { RedactedIllRequests } from '@liaison/core';
import type { Translator } from './messages.js';

/** The reply text, or null when the patron has no ILL requests to report. */
export function illStatusReply(requests: RedactedIllRequests | undefined, t: Translator): string | null {
  if (!requests || requests.items.length === 0) return null;
  const date = new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const lines = requests.items.map((request) => {
    const type = t(request.requestType === 'Article' ? 'ill_type_article' : 'ill_type_loan');
    let line = `• ${t('ill_reply_line', { number: request.transactionNumber, type, status: request.status })}`;
    if (request.title) line += ` — ${request.title}`;
    if (request.updatedAt && !Number.isNaN(Date.parse(request.updatedAt))) {
      line += ` (${t('ill_reply_updated', { date: date.format(new Date(request.updatedAt)) })})`;
    }
    return line;
  });
  return [t('ill_reply_intro'), ...lines].join('\n');
}
