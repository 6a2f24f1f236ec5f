/**
 * The tables as Kysely sees them. Column names are snake_case as in SQL; repositories translate
 * rows to the camelCase shapes of @liaison/core at the edge. Timestamps come back as `Date`
 * from both backends; jsonb is written as JSON text and read back parsed.
 */
import type { ColumnType, Generated } from 'kysely';

/** A timestamptz: read as a Date, written as a Date or an ISO 8601 string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A jsonb column: read parsed, written as JSON text (see `json()`). */
export type Json<T> = ColumnType<T, string, string>;

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: Timestamp;
}

export interface HandoffsTable {
  id: string;
  state: string;
  question: string;
  summary: string;
  category: string | null;
  channel: string | null;
  from_department: string | null;
  department: string;
  owner: string | null;
  sender_id: string;
  sender: Json<unknown>;
  responsibility: string;
  service_level: string;
  created_at: Timestamp;
  due_at: Timestamp;
  updated_at: Timestamp;
  resolved_at: Timestamp | null;
  patron: Json<unknown> | null;
  patron_purged_at: Timestamp | null;
  links: Json<unknown>;
  routing: Json<unknown> | null;
  reminders_sent: ColumnType<string[], string[] | undefined, string[]>;
  status_token: string;
  /** Sequence number of the last event in the hand-off's history. */
  last_sequence: number;
}

export interface HandoffEventsTable {
  handoff_id: string;
  sequence: number;
  type: string;
  at: Timestamp;
  actor: Json<unknown>;
  from_state: string | null;
  to_state: string;
  note: string | null;
  to_department: string | null;
  to_owner: string | null;
}

export interface SentRemindersTable {
  handoff_id: string;
  rung: string;
  sent_at: Timestamp;
}

export interface RubricsTable {
  id: string;
  version: number;
  definition: Json<unknown>;
  created_at: Timestamp;
}

export interface EvaluationsTable {
  id: Generated<number>;
  rubric_id: string;
  rubric_version: number;
  answers: Json<unknown>;
  score: number | null;
  rater: string;
  staff: string;
  channel: string | null;
  created_at: Timestamp;
  unit_id: ColumnType<string | null, string | null | undefined, string | null>;
  result: ColumnType<Json<unknown> | null, string | null | undefined, string | null>;
  comment: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PurchaseDecisionsTable {
  id: Generated<number>;
  transaction_number: string;
  request: Json<unknown>;
  verdict: string;
  score: number | null;
  reasons: Json<unknown>;
  facts: Json<unknown>;
  decided_at: Timestamp;
  title_key: ColumnType<string | null, string | null | undefined, string | null>;
  decided_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PurchaseOverridesTable {
  id: Generated<number>;
  decision_id: number;
  staff: string;
  verdict: string;
  reason: string;
  at: Timestamp;
}

export interface PatronContextViewsTable {
  id: Generated<number>;
  actor: string;
  surface: string;
  patron_key: string;
  fields: string[];
  at: Timestamp;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  response: Json<unknown> | null;
  /** Digest of the request the key was first used with; null when none was given. */
  fingerprint: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  role: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  expires_at: Timestamp | null;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  key: string;
  run_at: Timestamp;
  payload: Json<unknown>;
  attempts: Generated<number>;
  last_error: string | null;
  locked_by: string | null;
  locked_until: Timestamp | null;
  done_at: Timestamp | null;
  failed_at: Timestamp | null;
  created_at: Timestamp;
}

export interface CacheEntriesTable {
  key: string;
  value: Json<unknown>;
  expires_at: Timestamp;
}

export interface PatronFeedbackTable {
  handoff_id: string;
  department: string;
  topics: string[];
  rating: number;
  comment: string | null;
  answered_at: Timestamp;
}

export interface DashboardSessionsTable {
  secret_hash: string;
  principal: Json<unknown>;
  token_id: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface Database {
  schema_migrations: SchemaMigrationsTable;
  handoffs: HandoffsTable;
  handoff_events: HandoffEventsTable;
  sent_reminders: SentRemindersTable;
  rubrics: RubricsTable;
  evaluations: EvaluationsTable;
  purchase_decisions: PurchaseDecisionsTable;
  purchase_overrides: PurchaseOverridesTable;
  patron_context_views: PatronContextViewsTable;
  idempotency_keys: IdempotencyKeysTable;
  api_tokens: ApiTokensTable;
  jobs: JobsTable;
  cache_entries: CacheEntriesTable;
  dashboard_sessions: DashboardSessionsTable;
  patron_feedback: PatronFeedbackTable;
  away_periods: AwayPeriodsTable;
}

export interface AwayPeriodsTable {
  person: string;
  from_date: string;
  until_date: string;
  backup: string | null;
  set_by: string;
  updated_at: Timestamp;
}

/** Writes a value for a jsonb column. Both drivers would turn a bare JS array into a Postgres array. */
export function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** An ISO 8601 string from a timestamptz value. */
export function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
