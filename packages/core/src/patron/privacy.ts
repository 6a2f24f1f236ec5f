/**
 * The `privacy` section of the policy file: what staff surfaces may see of a patron, and how long
 * Liaison keeps patron identifiers. The defaults follow one principle: what a patron reads is
 * theirs. Reading history (titles of loans, holds and interlibrary-loan requests) is hidden unless
 * the library opts in; staff see counts, due dates and overdue flags, and fines as a total.
 * Every field group can be widened or narrowed on its own.
 */
import * as z from 'zod';

const shownOrHidden = z.enum(['shown', 'hidden']);

/**
 * How much of the patron's identity a surface shows.
 * - `full`: name, e-mail, username, barcode and the patron's id in the answering system.
 * - `name_and_email` (default): what a help-desk agent already sees on the ticket. Barcodes and
 *   usernames are left out because at many libraries they are half of a login.
 * - `name`: the name only.
 * - `hidden`: nothing that identifies the patron.
 */
export const identityLevels = ['full', 'name_and_email', 'name', 'hidden'] as const;
export type IdentityLevel = (typeof identityLevels)[number];

/** Fines: `total` (default) is one sum; `itemized` lists each charge with its reason and date. */
export const fineLevels = ['itemized', 'total', 'hidden'] as const;
export type FineLevel = (typeof fineLevels)[number];

/** Loans and holds: `counts` (default) gives numbers, due dates and overdue flags, never titles. */
export const readingListLevels = ['titles', 'counts', 'hidden'] as const;
export type ReadingListLevel = (typeof readingListLevels)[number];

/** Interlibrary-loan requests: `status` (default) gives each request's status and dates, not its title. */
export const illRequestLevels = ['titles', 'status', 'hidden'] as const;
export type IllRequestLevel = (typeof illRequestLevels)[number];

const patronContextSchema = z.strictObject({
  identity: z.enum(identityLevels).default('name_and_email'),
  patron_type: shownOrHidden.default('shown'),
  affiliation: shownOrHidden.default('shown'),
  liaison_librarian: shownOrHidden.default('shown'),
  /** The date the patron's account expires: often why a login fails. */
  expiry: shownOrHidden.default('shown'),
  blocks: shownOrHidden.default('shown'),
  fines: z.enum(fineLevels).default('total'),
  loans: z.enum(readingListLevels).default('counts'),
  holds: z.enum(readingListLevels).default('counts'),
  ill_requests: z.enum(illRequestLevels).default('status'),
  handoffs: shownOrHidden.default('shown'),
  tickets: shownOrHidden.default('shown'),
});

const slackCardSchema = z.strictObject({
  /** Slack channels are read by whole departments, so the patron's name stays off the card by default. */
  show_patron_identity: z.boolean().default(false),
  show_patron_type: z.boolean().default(true),
});

/** The `privacy` section as the library writes it; every key is defaulted, so the section may be left out. */
export const privacyPolicySchema = z.strictObject({
  /** Days after a hand-off is resolved before its patron identifiers are purged. 0 purges at the next sweep. */
  retention_days: z
    .number('is not a number of days; write e.g. 180')
    .int('is not a whole number of days')
    .min(0, 'is negative; write 0 or more days')
    .default(180),
  patron_context: patronContextSchema.prefault({}),
  slack_card: slackCardSchema.prefault({}),
  /** Whether a hand-off may give the patron a link to a page showing its status. */
  patron_status_link: z.boolean().default(true),
}).prefault({});

export type PrivacyPolicy = z.output<typeof privacyPolicySchema>;
/** The section as written; `undefined` when the policy file leaves it out. */
export type PrivacyPolicyInput = z.input<typeof privacyPolicySchema>;

/** The privacy rules a library gets when its policy file has no `privacy` section. */
export const defaultPrivacyPolicy: Readonly<PrivacyPolicy> = deepFreeze(privacyPolicySchema.parse({}));

// Shared by every caller, so no caller may change it for the others.
function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (typeof inner === 'object' && inner !== null) deepFreeze(inner);
  return Object.freeze(value);
}
