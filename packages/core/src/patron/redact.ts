/**
 * Applies the library's privacy rules to a patron's context before any surface sees it. The hub
 * gathers the full context, calls `redactPatronContext`, sends the result to the sidebar or the
 * dashboard, and writes `shownFields` to the audit log as the record of what a staff member saw.
 *
 * Free text written by people (block messages, hand-off summaries, ticket subjects) is passed on
 * as written: it may name a title, and no rule here can recognise every title. Amounts of money in
 * it are masked when fines are hidden, because those follow a recognisable pattern.
 */
import type { EarlierHandoff, EarlierTicket, HoldOrRequest, IllRequest, Loan, PatronBlock, PatronContext } from './context.js';
import type { PrivacyPolicy } from './privacy.js';

/** A loan is "due soon" when it falls due within this many days of now. */
export const dueSoonDays = 3;

const dayInMilliseconds = 24 * 60 * 60 * 1000;

export interface RedactedIdentity {
  /** The patron's id in the system that answered; only at identity level `full`. */
  id?: string;
  name?: string;
  email?: string;
  username?: string;
  barcode?: string;
  patronType?: string;
  affiliation?: string;
  liaisonLibrarian?: string;
  expiresOn?: string;
}

export interface RedactedFines {
  /** The sum of every charge, in `currency`, rounded to 4 decimal places to drop floating-point noise. */
  total: number;
  currency: string;
  /** How many charges make up the total. */
  count: number;
  /** Each charge; only when fines are `itemized`. A charge's title only when loan titles are shown too. */
  items?: { amount: number; reason: string; createdAt?: string; title?: string }[];
}

export interface RedactedLoans {
  count: number;
  /** Loans the library's system flags as overdue. */
  overdue: number;
  /** Loans not yet overdue that fall due within `dueSoonDays` days of now. */
  dueSoon: number;
  /** The earliest due date of a loan that is not overdue (ISO 8601 instant), or null when there is none. */
  nextDueAt: string | null;
  /** Every loan's due date and overdue flag, earliest first, without titles. */
  dueDates: { dueAt: string; isOverdue: boolean }[];
  /** The loans themselves, earliest due first; only when loan titles are shown. */
  items?: Loan[];
}

export interface RedactedHolds {
  count: number;
  /** How many holds are in each status, as the library's system words it, in order of first appearance. */
  byStatus: { status: string; count: number }[];
  /** The holds themselves; only when hold titles are shown. */
  items?: HoldOrRequest[];
}

export interface RedactedIllRequests {
  count: number;
  /** Each request's number, type, status and dates; its title only when ILL titles are shown. */
  items: (Omit<IllRequest, 'title'> & { title?: string })[];
}

/** What a staff surface may show of a patron. A field group left out was hidden by the policy. */
export interface RedactedPatronContext {
  identity: RedactedIdentity;
  blocks?: PatronBlock[];
  fines?: RedactedFines;
  loans?: RedactedLoans;
  holds?: RedactedHolds;
  illRequests?: RedactedIllRequests;
  handoffs?: EarlierHandoff[];
  tickets?: EarlierTicket[];
  /** Sources that did not answer, passed through so staff know what is missing. */
  missing: { source: string; reason: string }[];
  /**
   * Each field group shown and at which level, e.g. `identity.name_and_email`, `blocks`,
   * `fines.total`, `loans.counts`, `ill_requests.status`. The hub writes exactly this to the audit log.
   */
  shownFields: string[];
}

/**
 * The patron's context as the policy lets staff see it: a new object, the input left untouched.
 * `now` decides which loans are due soon (within `dueSoonDays` days).
 */
export function redactPatronContext(context: PatronContext, privacy: PrivacyPolicy, now: Date): RedactedPatronContext {
  const rules = privacy.patron_context;
  const shownFields: string[] = [];
  const maskMoney = rules.fines === 'hidden' ? moneyMask(context.standing.currency) : (text: string) => text;

  const identity = redactIdentity(context, privacy, shownFields);
  const redacted: RedactedPatronContext = { identity, missing: context.missing.map((gap) => ({ ...gap })), shownFields };

  if (rules.blocks === 'shown') {
    redacted.blocks = context.standing.blocks.map((block) => ({ ...block, message: maskMoney(block.message) }));
    shownFields.push('blocks');
  }
  if (rules.fines !== 'hidden') {
    const fines = context.standing.fines;
    const total = Math.round(fines.reduce((sum, fine) => sum + fine.amount, 0) * 10_000) / 10_000;
    redacted.fines = { total, currency: context.standing.currency, count: fines.length };
    if (rules.fines === 'itemized') {
      // A charge for a lost or damaged book names what the patron borrowed: reading history.
      const showTitles = rules.loans === 'titles';
      redacted.fines.items = fines.map(({ amount, reason, createdAt, title }) => ({
        amount,
        reason,
        ...(createdAt !== undefined && { createdAt }),
        ...(showTitles && title !== undefined && { title }),
      }));
    }
    shownFields.push(`fines.${rules.fines}`);
  }
  if (rules.loans !== 'hidden') {
    redacted.loans = summariseLoans(context.loans, rules.loans === 'titles', now);
    shownFields.push(`loans.${rules.loans}`);
  }
  if (rules.holds !== 'hidden') {
    redacted.holds = summariseHolds(context.holds, rules.holds === 'titles');
    shownFields.push(`holds.${rules.holds}`);
  }
  if (rules.ill_requests !== 'hidden') {
    const showTitles = rules.ill_requests === 'titles';
    redacted.illRequests = {
      count: context.illRequests.length,
      items: context.illRequests.map(({ title, ...request }) => ({ ...request, ...(showTitles && { title }) })),
    };
    shownFields.push(`ill_requests.${rules.ill_requests}`);
  }
  if (rules.handoffs === 'shown') {
    redacted.handoffs = context.handoffs.map((handoff) => ({ ...handoff, summary: maskMoney(handoff.summary) }));
    shownFields.push('handoffs');
  }
  if (rules.tickets === 'shown') {
    redacted.tickets = context.tickets.map((ticket) => ({ ...ticket, subject: maskMoney(ticket.subject) }));
    shownFields.push('tickets');
  }
  return redacted;
}

function redactIdentity(context: PatronContext, privacy: PrivacyPolicy, shownFields: string[]): RedactedIdentity {
  const rules = privacy.patron_context;
  const source = context.identity;
  const identity: RedactedIdentity = {};
  const level = rules.identity;
  if (level !== 'hidden') {
    if (level === 'full') identity.id = source.id;
    identity.name = source.name;
    if ((level === 'full' || level === 'name_and_email') && source.email !== undefined) identity.email = source.email;
    if (level === 'full') {
      if (source.username !== undefined) identity.username = source.username;
      if (source.barcode !== undefined) identity.barcode = source.barcode;
    }
    shownFields.push(`identity.${level}`);
  }
  if (rules.patron_type === 'shown') {
    identity.patronType = source.patronType;
    shownFields.push('patron_type');
  }
  // The optional parts are named in the audit log only when the patron record had them.
  if (rules.affiliation === 'shown' && source.affiliation !== undefined) {
    identity.affiliation = source.affiliation;
    shownFields.push('affiliation');
  }
  if (rules.liaison_librarian === 'shown' && source.liaisonLibrarian !== undefined) {
    identity.liaisonLibrarian = source.liaisonLibrarian;
    shownFields.push('liaison_librarian');
  }
  if (rules.expiry === 'shown' && source.expiresOn !== undefined) {
    identity.expiresOn = source.expiresOn;
    shownFields.push('expiry');
  }
  return identity;
}

function summariseLoans(loans: Loan[], showTitles: boolean, now: Date): RedactedLoans {
  const byDueDate = [...loans].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const dueSoonLimit = now.getTime() + dueSoonDays * dayInMilliseconds;
  const current = byDueDate.filter((loan) => !loan.isOverdue);
  const summary: RedactedLoans = {
    count: loans.length,
    overdue: loans.length - current.length,
    dueSoon: current.filter((loan) => Date.parse(loan.dueAt) <= dueSoonLimit).length,
    nextDueAt: current[0]?.dueAt ?? null,
    dueDates: byDueDate.map(({ dueAt, isOverdue }) => ({ dueAt, isOverdue })),
  };
  if (showTitles) summary.items = byDueDate.map((loan) => ({ ...loan }));
  return summary;
}

function summariseHolds(holds: HoldOrRequest[], showTitles: boolean): RedactedHolds {
  const counts = new Map<string, number>();
  for (const hold of holds) counts.set(hold.status, (counts.get(hold.status) ?? 0) + 1);
  const summary: RedactedHolds = {
    count: holds.length,
    byStatus: [...counts].map(([status, count]) => ({ status, count })),
  };
  if (showTitles) summary.items = holds.map((hold) => ({ ...hold }));
  return summary;
}

const currencySymbols = '$€£¥₹₩₽₺₪₫฿₱';
const currencyWords = 'dollars?|euros?|pounds?|cents?|pence';

/**
 * Replaces amounts of money in free text with "[amount hidden]": a currency symbol or code before
 * or after a number, a currency word after one, or a bare number with two decimals ("owes 12.50").
 */
function moneyMask(currency: string): (text: string) => string {
  const codes = ['USD', 'CAD', 'AUD', 'NZD', 'EUR', 'GBP', 'CHF', 'JPY', 'SEK', 'NOK', 'DKK', currency]
    .filter((code) => /^[A-Za-z]{3}$/.test(code))
    .join('|');
  const number = '\\d(?:[\\d,.\\s]*\\d)?';
  // An amount with its currency after it starts only at the first digit of a run of digits,
  // spaces, commas and points: it ends at the run's last digit wherever it starts, so a later start
  // finds nothing the first did not — and trying every start made long runs take quadratic time.
  const firstDigitOfRun = '\\d(?<!\\d[,.\\s]*\\d)(?:[\\d,.\\s]*\\d)?';
  const symbol = `(?:[A-Z]{0,2}[${currencySymbols}]|\\b(?:${codes})\\b)`;
  const pattern = new RegExp(
    [
      `${symbol}\\s?(?:${number})`,
      `${firstDigitOfRun}\\s?(?:[${currencySymbols}]|\\b(?:${codes}|${currencyWords})\\b)`,
      '\\b\\d+[.,]\\d{2}\\b',
    ].join('|'),
    'giu',
  );
  return (text) => text.replace(pattern, '[amount hidden]');
}

/** What a Slack hand-off card may carry about the patron. */
export interface SlackCardPatron {
  name?: string;
  email?: string;
  patronType?: string;
  /** Each field shown, for the audit log: `identity` (name and e-mail) and `patron_type`. */
  shownFields: string[];
}

/**
 * The patron as a Slack card may name them: the patron type and, only when the library allows it,
 * the name and e-mail. Takes a hand-off's patron or a patron identity; barcodes never go to Slack.
 */
export function redactForSlackCard(
  patron: { name?: string; email?: string; patronType?: string } | null | undefined,
  privacy: PrivacyPolicy,
): SlackCardPatron {
  const card: SlackCardPatron = { shownFields: [] };
  if (!patron) return card;
  if (privacy.slack_card.show_patron_identity && (patron.name !== undefined || patron.email !== undefined)) {
    if (patron.name !== undefined) card.name = patron.name;
    if (patron.email !== undefined) card.email = patron.email;
    card.shownFields.push('identity');
  }
  if (privacy.slack_card.show_patron_type && patron.patronType !== undefined) {
    card.patronType = patron.patronType;
    card.shownFields.push('patron_type');
  }
  return card;
}

// A run of 12 or more digits, single spaces or hyphens allowed between them: payment cards (12–19
// digits) and library card barcodes (usually 14) — but not phone numbers, years or dates.
const cardNumberPattern = /\d(?:[ -]?\d){11,}/gu;
// Generous on purpose: anything shaped like local@domain.tld is treated as an address.
const emailAddressPattern = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[\p{L}]{2,}/giu;

/**
 * Masks what identifies a patron in text a patron wrote (a comment on the status page): e-mail
 * addresses become "[e-mail hidden]" and card numbers "[card number hidden]", so coordinators
 * read what was said without who said it.
 */
export function maskContactDetails(text: string): string {
  return text.replace(emailAddressPattern, '[e-mail hidden]').replace(cardNumberPattern, '[card number hidden]');
}
