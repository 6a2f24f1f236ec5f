/**
 * The purchase rules, the same code the hub runs, imported file by file from core's ill/
 * folder rather than through `@liaison/core`'s index: the index also carries the policy
 * schema (zod) and calendars, which would swell the content script that every staff page loads.
 */
export { compilePurchasePolicy, purchaseVerdicts, formatMoney } from '../../../core/src/ill/purchase.js';
export type { PurchaseEvaluation, PurchaseEvaluator, PurchaseVerdict, PurchaseReason, PurchaseFactsUsed } from '../../../core/src/ill/purchase.js';
export { extractIsbns, normalizeIsbn } from '../../../core/src/ill/isbn.js';
// The policy the extension applies when no hub answers: the library's defaults, from the same file the schema takes them from.
export { defaultPurchasePolicy } from '../../../core/src/ill/purchase-defaults.js';
