/**
 * The purchase policy the extension applies on its own, when the hub is not configured or
 * not answering. It is core's `defaultPurchasePolicy`, written out here because core's copy
 * sits beside the policy schema (zod), which must stay out of the content script; a test
 * holds the two equal. With the hub, the library's own policy decides.
 */
import type { PurchasePolicy } from '@liaison/core';

export const fallbackPurchasePolicy: Readonly<PurchasePolicy> = Object.freeze({
  max_price: 150,
  max_age_years: 5,
  exclude_document_types: ['Thesis', 'Dissertation', 'Article', 'Book Chapter', 'Conference Paper'],
  eligible_patron_statuses: [],
  min_requests: 1,
  demand_window_days: 365,
});
