/**
 * The schema, as numbered migrations kept in code. Each runs once, in order, and is recorded in
 * `schema_migrations`. Migrating takes a Postgres advisory lock first, so when two hubs start at
 * once against one database the second waits, then finds everything applied and does nothing.
 * Never edit a migration that has shipped: add the next number.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'hand-offs, evaluations, purchase decisions, audit log, idempotency keys, tokens, jobs, cache',
    statements: [
      `create sequence handoff_number start with 1001`,
      `create table handoffs (
        id text primary key,
        state text not null,
        question text not null,
        summary text not null,
        category text,
        channel text,
        from_department text,
        department text not null,
        owner text,
        sender_id text not null,
        sender jsonb not null,
        responsibility text not null,
        service_level text not null,
        created_at timestamptz not null,
        due_at timestamptz not null,
        updated_at timestamptz not null,
        resolved_at timestamptz,
        patron jsonb,
        patron_purged_at timestamptz,
        links jsonb not null default '{}',
        routing jsonb,
        reminders_sent text[] not null default '{}',
        status_token text not null unique,
        last_sequence integer not null
      )`,
      `create index handoffs_state_due on handoffs (state, due_at)`,
      `create index handoffs_department_due on handoffs (department, due_at)`,
      `create index handoffs_owner on handoffs (owner)`,
      `create index handoffs_sender on handoffs (sender_id)`,
      `create table handoff_events (
        handoff_id text not null references handoffs (id),
        sequence integer not null check (sequence >= 1),
        type text not null,
        at timestamptz not null,
        actor jsonb not null,
        from_state text,
        to_state text not null,
        note text,
        to_department text,
        to_owner text,
        primary key (handoff_id, sequence)
      )`,
      `create table sent_reminders (
        handoff_id text not null references handoffs (id),
        rung text not null,
        sent_at timestamptz not null,
        primary key (handoff_id, rung)
      )`,
      `create table rubrics (
        id text not null,
        version integer not null check (version >= 1),
        definition jsonb not null,
        created_at timestamptz not null,
        primary key (id, version)
      )`,
      `create table evaluations (
        id bigint generated always as identity primary key,
        rubric_id text not null,
        rubric_version integer not null,
        answers jsonb not null,
        score double precision,
        rater text not null,
        staff text not null,
        channel text,
        created_at timestamptz not null,
        foreign key (rubric_id, rubric_version) references rubrics (id, version)
      )`,
      `create index evaluations_rubric on evaluations (rubric_id, rubric_version, created_at)`,
      `create index evaluations_staff on evaluations (staff, created_at)`,
      `create table purchase_decisions (
        id bigint generated always as identity primary key,
        transaction_number text not null,
        request jsonb not null,
        verdict text not null,
        score double precision,
        reasons jsonb not null,
        facts jsonb not null,
        decided_at timestamptz not null
      )`,
      `create index purchase_decisions_transaction on purchase_decisions (transaction_number, decided_at)`,
      `create table purchase_overrides (
        id bigint generated always as identity primary key,
        decision_id bigint not null references purchase_decisions (id),
        staff text not null,
        verdict text not null,
        reason text not null,
        at timestamptz not null
      )`,
      `create index purchase_overrides_decision on purchase_overrides (decision_id)`,
      `create table patron_context_views (
        id bigint generated always as identity primary key,
        actor text not null,
        surface text not null,
        patron_key text not null,
        fields text[] not null,
        at timestamptz not null
      )`,
      `create index patron_context_views_patron on patron_context_views (patron_key, at)`,
      `create index patron_context_views_actor on patron_context_views (actor, at)`,
      `create table idempotency_keys (
        scope text not null,
        key text not null,
        response jsonb,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        primary key (scope, key)
      )`,
      `create index idempotency_keys_expiry on idempotency_keys (expires_at)`,
      `create table api_tokens (
        id text primary key,
        name text not null,
        role text not null check (role in ('staff', 'coordinator', 'admin')),
        token_hash text not null unique,
        created_at timestamptz not null,
        last_used_at timestamptz,
        revoked_at timestamptz
      )`,
      `create table jobs (
        id bigint generated always as identity primary key,
        kind text not null,
        key text not null,
        run_at timestamptz not null,
        payload jsonb not null,
        attempts integer not null default 0,
        last_error text,
        locked_by text,
        locked_until timestamptz,
        done_at timestamptz,
        failed_at timestamptz,
        created_at timestamptz not null,
        unique (kind, key)
      )`,
      `create index jobs_due on jobs (kind, run_at) where done_at is null and failed_at is null`,
      `create table cache_entries (
        key text primary key,
        value jsonb not null,
        expires_at timestamptz not null
      )`,
      `create index cache_entries_expiry on cache_entries (expires_at)`,
      // History and the audit log are append-only: refuse changes in the database itself,
      // so no code path (or hand-written SQL) can rewrite what happened.
      `create function refuse_change() returns trigger language plpgsql as $$
        begin
          raise exception '% is append-only', tg_table_name using hint = 'add a new row instead';
        end
      $$`,
      `create trigger handoff_events_append_only before update or delete on handoff_events
        for each row execute function refuse_change()`,
      `create trigger patron_context_views_append_only before update or delete on patron_context_views
        for each row execute function refuse_change()`,
    ],
  },
  {
    version: 2,
    name: 'patron look-ups on hand-offs, demand by title, evaluation units and results',
    statements: [
      // Earlier hand-offs for the patron in context: looked up by e-mail or barcode.
      `create index handoffs_patron_email on handoffs ((lower(patron ->> 'email')))`,
      `create index handoffs_patron_barcode on handoffs ((patron ->> 'barcode'))`,
      `create index handoffs_created on handoffs (created_at)`,
      // Demand: distinct requests for one title (ISBN, or title and author) within the policy's window.
      `alter table purchase_decisions add column title_key text`,
      `alter table purchase_decisions add column decided_by text`,
      `create index purchase_decisions_title on purchase_decisions (title_key, decided_at)`,
      // Calibration compares raters on the same unit (one interaction); the full result keeps pass/fail and sections.
      `alter table evaluations add column unit_id text`,
      `alter table evaluations add column result jsonb`,
      `alter table evaluations add column comment text`,
      `create index evaluations_unit on evaluations (rubric_id, unit_id)`,
    ],
  },
  {
    version: 3,
    name: 'Slack: where each hand-off card is, and OAuth installations',
    statements: [
      // The channel card of a hand-off, so every event updates it in place (chat.update needs channel and ts).
      `create table slack_cards (
        handoff_id text primary key references handoffs (id),
        team_id text,
        channel text not null,
        ts text not null,
        posted_at timestamptz not null
      )`,
      // One row per workspace (or Enterprise Grid organisation) that installed the app by OAuth.
      `create table slack_installations (
        installation_key text primary key,
        installation jsonb not null,
        installed_at timestamptz not null
      )`,
    ],
  },
  {
    version: 4,
    name: 'idempotency keys remember what request they were first used with',
    statements: [
      // A digest of the first request's body: the same key sent again with another body is refused,
      // not answered with the first request's response. Null for keys stored before this column.
      `alter table idempotency_keys add column fingerprint text`,
    ],
  },
  {
    version: 5,
    name: 'dashboard: hand-off changes announced to every hub, and signed-in dashboard sessions',
    statements: [
      // Every write to a hand-off, from any surface and any hub process, is announced on one channel;
      // hubs LISTEN and tell their dashboards. The schema is in the payload so stores sharing a server stay apart.
      `create function notify_handoff_change() returns trigger language plpgsql as $$
      begin
        perform pg_notify('liaison_handoff_changes', json_build_object('schema', tg_table_schema, 'id', new.id)::text);
        return null;
      end
      $$`,
      `create trigger handoff_changed after insert or update on handoffs for each row execute function notify_handoff_change()`,
      // A dashboard sign-in: the cookie's secret is kept only as a hash. A session made from a staff
      // token ends when the token is revoked; one made from a Teams sign-in names no token.
      `create table dashboard_sessions (
        secret_hash text primary key,
        principal jsonb not null,
        token_id text references api_tokens (id),
        created_at timestamptz not null,
        expires_at timestamptz not null
      )`,
    ],
  },
  {
    version: 6,
    name: 'staff tokens may expire',
    statements: [
      // Null: the token lives until it is revoked (tokens made before this column).
      `alter table api_tokens add column expires_at timestamptz`,
    ],
  },
  {
    version: 7,
    name: 'time away: who is away, until when, and whom they asked to cover',
    statements: [
      // One row per person: setting time away again replaces it. Dates are the library's local
      // calendar dates ("YYYY-MM-DD", both days included); core decides who covers on a given day.
      `create table away_periods (
        person text primary key,
        from_date text not null,
        until_date text not null,
        backup text,
        set_by text not null,
        updated_at timestamptz not null
      )`,
    ],
  },
  {
    version: 8,
    name: "the patron's voice: one answer per resolved hand-off from its status page",
    statements: [
      // One row per hand-off: the primary key is what makes a retried or repeated POST a no-op.
      // The comment is stored already masked (no e-mail addresses or card numbers), and the
      // department and topics as they were when the patron answered, so reports do not shift.
      `create table patron_feedback (
        handoff_id text primary key references handoffs (id),
        department text not null,
        topics text[] not null default '{}',
        rating smallint not null check (rating between 1 and 5),
        comment text,
        answered_at timestamptz not null
      )`,
      `create index patron_feedback_answered on patron_feedback (answered_at)`,
    ],
  },
];

/** Advisory-lock class for migrating (an arbitrary constant); the second key is the schema's hash. */
const migrationLockClass = 7_428_301;

/** Applies the migrations not yet recorded in the schema, under an advisory lock. Returns the versions it applied. */
export async function applyMigrations(db: Kysely<Database>, schema: string): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${sql.lit(migrationLockClass)}, hashtext(${schema}))`.execute(trx);
    if (schema !== 'public') await sql`create schema if not exists ${sql.id(schema)}`.execute(trx);
    await sql`create table if not exists ${sql.id(schema, 'schema_migrations')} (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`.execute(trx);
    const rows = await trx.selectFrom('schema_migrations').select('version').execute();
    const applied = new Set(rows.map((row) => row.version));
    const newlyApplied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await sql.raw(statement).execute(trx);
      await trx
        .insertInto('schema_migrations')
        .values({ version: migration.version, name: migration.name, applied_at: new Date() })
        .execute();
      newlyApplied.push(migration.version);
    }
    return newlyApplied;
  });
}
