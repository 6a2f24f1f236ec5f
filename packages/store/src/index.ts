// The public face of @liaison/store.
export { openStore } from './open-store.js';
export type { Store, StoreOptions, StoreTransaction, Repositories } from './open-store.js';
export { StoreError, HandoffConflictError, storeErrorCodes } from './errors.js';
export type { StoreErrorCode } from './errors.js';
export { migrations } from './migrations.js';
export type { Migration } from './migrations.js';
export type { Database } from './database.js';
export type { HandoffRepository, HandoffFilter, NewHandoff, StoredHandoff } from './repositories/handoffs.js';
export type { JobRepository, Job, FailJobOptions } from './repositories/jobs.js';
export type { IdempotencyRepository, Remembered, RememberOptions } from './repositories/idempotency.js';
export { tokenPrefix } from './repositories/tokens.js';
export type { TokenRepository, StaffRole, StaffToken } from './repositories/tokens.js';
export type { CacheRepository } from './repositories/cache.js';
export type { AuditRepository, PatronContextView, NewPatronContextView } from './repositories/audit.js';
export type { RubricRepository, StoredRubric } from './repositories/rubrics.js';
export type { EvaluationRepository, StoredEvaluation, NewEvaluation, EvaluationFilter } from './repositories/evaluations.js';
export type { PurchaseRepository, StoredPurchaseDecision, NewPurchaseDecision, StoredOverride, OverruledRule } from './repositories/purchases.js';
