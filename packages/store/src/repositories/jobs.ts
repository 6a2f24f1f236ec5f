/**
 * Scheduled jobs (reminders, escalations, retention purges), claimed with row locks so that
 * several hubs on one database share the work without doing any job twice.
 *
 * A worker claims due jobs with `FOR UPDATE SKIP LOCKED`: each due row goes to exactly one of
 * the workers asking at that moment, and nobody waits on a row another worker holds. The claim
 * is a lease (`locked_until`): if a hub dies mid-job, the job becomes claimable again when the
 * lease runs out. Completing names the worker, so a worker whose lease ran out cannot complete
 * a job someone else has since claimed. Work with a visible effect (a Slack reminder) is also
 * recorded in its own table inside the completing transaction — see
 * `HandoffRepository.recordReminderSent` — so a second attempt can see it already went out.
 */
import { sql, type Selectable } from 'kysely';
import { iso, json, type JobsTable } from '../database.js';
import type { Executor } from '../executor.js';

export interface Job<Payload = unknown> {
  id: number;
  kind: string;
  /** Unique within the kind, e.g. "H-1042:overdue-1": the same key is never scheduled twice. */
  key: string;
  runAt: string;
  payload: Payload;
  attempts: number;
  lastError: string | null;
  lockedBy: string | null;
  lockedUntil: string | null;
  doneAt: string | null;
  failedAt: string | null;
}

export interface FailJobOptions {
  /** Give up after this many attempts (default 5). */
  maxAttempts?: number;
  /** First retry delay in seconds (default 30); doubles each attempt. */
  backoffSeconds?: number;
  /** Longest retry delay in seconds (default 3,600). */
  maxBackoffSeconds?: number;
}

export class JobRepository {
  constructor(private readonly db: Executor) {}

  /** Schedules a job unless one with this kind and key exists. Returns the job and whether it was new. */
  async scheduleJob<Payload>(kind: string, key: string, runAt: Date, payload: Payload): Promise<{ job: Job<Payload>; scheduled: boolean }> {
    const inserted = await this.db
      .insertInto('jobs')
      .values({ kind, key, run_at: runAt, payload: json(payload), created_at: new Date() })
      .onConflict((conflict) => conflict.columns(['kind', 'key']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { job: toJob<Payload>(inserted), scheduled: true };
    const existing = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', kind)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    return { job: toJob<Payload>(existing), scheduled: false };
  }

  /**
   * Claims up to `limit` due jobs of a kind for `workerId`, for `leaseSeconds` seconds from `now`.
   * Jobs held by another live lease, done or given up are skipped; each claim counts an attempt.
   */
  async claimJobs<Payload = unknown>(kind: string, workerId: string, limit: number, now: Date, leaseSeconds: number): Promise<Job<Payload>[]> {
    const lockedUntil = new Date(now.getTime() + leaseSeconds * 1000);
    const result = await sql<Selectable<JobsTable>>`
      update jobs
         set locked_by = ${workerId}, locked_until = ${lockedUntil}, attempts = attempts + 1
       where id in (
         select id from jobs
          where kind = ${kind}
            and run_at <= ${now}
            and done_at is null
            and failed_at is null
            and (locked_until is null or locked_until < ${now})
          order by run_at, id
          for update skip locked
          limit ${limit})
      returning *`.execute(this.db);
    return result.rows.map((row) => toJob<Payload>(row)).sort((a, b) => a.runAt.localeCompare(b.runAt) || a.id - b.id);
  }

  /** Marks a job done, if `workerId` still holds it. Returns false when the lease was lost (someone else owns it now). */
  async completeJob(jobId: number, workerId: string, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ done_at: now, locked_until: null })
      .where('id', '=', jobId)
      .where('locked_by', '=', workerId)
      .where('done_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /**
   * Records a failed attempt: the job is retried after a backoff that doubles each attempt,
   * or given up (`failedAt`) after `maxAttempts`. Returns the job as it now stands, or undefined
   * if `workerId` no longer holds it.
   */
  async failJob(jobId: number, workerId: string, error: string, now: Date, options: FailJobOptions = {}): Promise<Job | undefined> {
    const maxAttempts = options.maxAttempts ?? 5;
    const backoff = options.backoffSeconds ?? 30;
    const maxBackoff = options.maxBackoffSeconds ?? 3600;
    const current = await this.db
      .selectFrom('jobs')
      .select('attempts')
      .where('id', '=', jobId)
      .where('locked_by', '=', workerId)
      .where('done_at', 'is', null)
      .executeTakeFirst();
    if (!current) return undefined;
    const givesUp = current.attempts >= maxAttempts;
    const delaySeconds = Math.min(backoff * 2 ** Math.max(current.attempts - 1, 0), maxBackoff);
    const row = await this.db
      .updateTable('jobs')
      .set({
        last_error: error,
        locked_until: null,
        locked_by: null,
        run_at: givesUp ? sql<Date>`run_at` : new Date(now.getTime() + delaySeconds * 1000),
        failed_at: givesUp ? now : null,
      })
      .where('id', '=', jobId)
      .where('locked_by', '=', workerId)
      .returningAll()
      .executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  /**
   * Gives a claimed job back untouched, as if never claimed (its attempt is not counted), so any
   * worker may claim it at once — for a hub that stops before it starts the job. Returns false
   * when `workerId` no longer holds it.
   */
  async releaseJob(jobId: number, workerId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ locked_by: null, locked_until: null, attempts: sql<number>`greatest(attempts - 1, 0)` })
      .where('id', '=', jobId)
      .where('locked_by', '=', workerId)
      .where('done_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** The job with this id, or undefined. */
  async get(jobId: number): Promise<Job | undefined> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  /** Jobs of a kind neither done nor given up, soonest first. */
  async pending(kind: string, limit = 100): Promise<Job[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', kind)
      .where('done_at', 'is', null)
      .where('failed_at', 'is', null)
      .orderBy('run_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => toJob(row));
  }
}

function toJob<Payload>(row: Selectable<JobsTable>): Job<Payload> {
  return {
    id: Number(row.id),
    kind: row.kind,
    key: row.key,
    runAt: iso(row.run_at),
    payload: row.payload as Payload,
    attempts: row.attempts,
    lastError: row.last_error,
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until ? iso(row.locked_until) : null,
    doneAt: row.done_at ? iso(row.done_at) : null,
    failedAt: row.failed_at ? iso(row.failed_at) : null,
  };
}
