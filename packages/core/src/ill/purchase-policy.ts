/**
 * The `purchase:` section of the policy file: when an interlibrary-loan request is bought
 * for the collection instead of borrowed. Every key has a default, so a library that leaves
 * the section out gets a common purchase-on-demand policy. Keys stay snake_case, as written.
 *
 * Only the policy module and the hub parse this; the evaluation path (purchase.ts) imports
 * the type alone, so the browser extension's content script carries no zod.
 */
import * as z from 'zod';
import { defaultExcludedDocumentTypes, defaultPurchasePolicy, type PurchasePolicy } from './purchase-defaults.js';

export { defaultExcludedDocumentTypes, defaultPurchasePolicy, type PurchasePolicy } from './purchase-defaults.js';

const names = (what: string) => z.array(z.string().trim().min(1, `is empty; write a ${what}, or remove the entry`));

export const purchasePolicySchema = z
  .strictObject({
    /** Most the library pays for one title, in the library's currency. */
    max_price: z.number().nonnegative('is negative; write the most the library pays for one title, e.g. 150').default(defaultPurchasePolicy.max_price),
    /** Titles published more than this many years before the current year are borrowed. */
    max_age_years: z.number().int('is not a whole number of years').nonnegative('is negative; write a number of years, e.g. 5').default(defaultPurchasePolicy.max_age_years),
    /** Document types (as the request system writes them, compared without regard to case) never bought. */
    exclude_document_types: names('document type').default(() => [...defaultExcludedDocumentTypes]),
    /** Patron statuses purchases are made for; empty means every patron. */
    eligible_patron_statuses: names('patron status').default(() => []),
    /** Requests for a title in the demand window needed before it is bought (1 = the first request). */
    min_requests: z.number().int('is not a whole number of requests').min(1, 'is less than 1; write 1 to buy on the first request').default(defaultPurchasePolicy.min_requests),
    /** Days over which requests for one title are counted. */
    demand_window_days: z.number().int('is not a whole number of days').min(1, 'is less than 1; write a number of days, e.g. 365').default(defaultPurchasePolicy.demand_window_days),
  })
  // An omitted section parses as `{}`, so it gets every default.
  .prefault({});

// The schema's output must be exactly the policy the rules take (defined without zod beside the defaults).
const _outputIsPurchasePolicy: [z.output<typeof purchasePolicySchema>] extends [PurchasePolicy] ? ([PurchasePolicy] extends [z.output<typeof purchasePolicySchema>] ? true : never) : never = true;
void _outputIsPurchasePolicy;

/** The purchase policy as a library writes it: every key optional. */
export type PurchasePolicyInput = z.input<typeof purchasePolicySchema>;

