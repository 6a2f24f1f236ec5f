/**
 * The purchase rules, the same code the hub runs, from `@liaison/core/batch`: core's rules
 * without the policy schema (zod) and calendars of its index, which would swell the content
 * script that every staff page loads.
 */
export { compilePurchasePolicy, purchaseVerdicts, formatMoney, extractIsbns, normalizeIsbn } from '@liaison/core/batch';
export type { PurchaseEvaluation, PurchaseEvaluator, PurchaseVerdict, PurchaseReason, PurchaseFactsUsed } from '@liaison/core/batch';
// The policy the extension applies when no hub answers: the library's defaults, from the same file the schema takes them from.
export { defaultPurchasePolicy } from '@liaison/core/batch';
