/**
 * The purchase-on-demand policy a library gets when it leaves the `purchase:` section out. Kept
 * apart from the schema (purchase-policy.ts, which needs zod) so that the browser extension can
 * apply the same defaults when no hub answers, without carrying zod into every staff page.
 */

/** The document types most libraries never buy on demand. */
export const defaultExcludedDocumentTypes = ['Thesis', 'Dissertation', 'Article', 'Book Chapter', 'Conference Paper'] as const;

/** The purchase policy as parsed: every key present, snake_case as in the policy file. */
export interface PurchasePolicy {
  /** Most the library pays for one title, in the library's currency. */
  max_price: number;
  /** Titles published more than this many years before the current year are borrowed. */
  max_age_years: number;
  /** Document types (compared without regard to case) never bought. */
  exclude_document_types: string[];
  /** Patron statuses purchases are made for; empty means every patron. */
  eligible_patron_statuses: string[];
  /** Requests for a title in the demand window needed before it is bought. */
  min_requests: number;
  /** Days over which requests for one title are counted. */
  demand_window_days: number;
}

/** The policy a library gets when it leaves the `purchase:` section out. */
export const defaultPurchasePolicy: Readonly<PurchasePolicy> = Object.freeze({
  max_price: 150,
  max_age_years: 5,
  exclude_document_types: [...defaultExcludedDocumentTypes],
  eligible_patron_statuses: [],
  min_requests: 1,
  demand_window_days: 365,
});
