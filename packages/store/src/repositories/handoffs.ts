/**
 * Hand-offs and their append-only history. The hand-off row holds the current state (what lists
 * and filters read); `handoff_events` holds every event. Each write names the sequence number
 * of the last event the writer saw, and fails with `HandoffConflictError` if another writer got
 * there first — two staff clicking "accept" at once never both win silently.
 */
import { randomBytes } from 'node:crypto';
import { CompiledQuery, sql, type Selectable } from 'kysely';
import { finishedStates, openStates, type Handoff, type HandoffEvent, type HandoffState } from '@liaison/core';
import { iso, json, type HandoffEventsTable, type HandoffsTable } from '../database.js';
import { HandoffConflictError, StoreError } from '../errors.js';
import { inTransaction, type Executor } from '../executor.js';
import { IdempotencyKeyReusedError } from './idempotency.js';

/** A hand-off as stored: the core shape plus the reminder rungs already sent. */
export type StoredHandoff = Handoff & { remindersSent: string[] };

/** A hand-off about to be created: everything but its number, with its `created` event as history. */
export type NewHandoff = Omit<Handoff, 'id'>;

export interface HandoffFilter {
  departments?: string[];
  states?: HandoffState[];
  /** The owner's id; `null` for hand-offs nobody has taken yet. */
  owner?: string | null;
  /** The sender's actor id. */
  sender?: string;
  /** Where the question came from (desk, chat, zendesk, …). */
  channels?: string[];
  /** Only hand-offs overdue at `now`, as core's `isOverdue` says (still open, due time passed). */
  overdue?: boolean;
  /** The instant "overdue" is judged at; needed for `overdue` and for `overdue-first`. */
  now?: Date;
  /** At most this many (default 100, at most 1,000). */
  limit?: number;
  /** Skip this many first (for paging through more than 1,000). */
  offset?: number;
  /** `due-first` (default): soonest due first. `overdue-first`: overdue ones first, then by due time. `newest-first`: by creation. */
  order?: 'due-first' | 'overdue-first' | 'newest-first';
  /** Load each hand-off's history too (default true). */
  withHistory?: boolean;
  /** Only the hand-offs of this patron (e-mail, compared case-insensitively). */
  patronEmail?: string;
  /** Only the hand-offs of this patron (barcode). */
  patronBarcode?: string;
  /** Only those created at or after this instant. */
  createdSince?: Date;
}

const maximumListSize = 1000;

// The columns a new hand-off and its events are written with, in the order of the create statement's parameters.
const createdHandoffColumns = [
  'state', 'question', 'summary', 'category', 'channel', 'from_department', 'department', 'owner', 'sender_id', 'sender',
  'responsibility', 'service_level', 'created_at', 'due_at', 'updated_at', 'resolved_at', 'patron', 'links', 'routing',
  'status_token', 'last_sequence',
] as const;
const createdEventColumns = ['sequence', 'type', 'at', 'actor', 'from_state', 'to_state', 'note', 'to_department', 'to_owner'] as const;
// Parameters of a VALUES list that feeds an INSERT … SELECT get no type from their column, so each is cast.
const createdEventTypes = ['integer', 'text', 'timestamptz', 'jsonb', 'text', 'text', 'text', 'text', 'text'] as const;

// Parameters of an INSERT … SELECT get no type from their column, so each is cast.
const createdHandoffTypes = [
  'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'jsonb',
  'text', 'text', 'timestamptz', 'timestamptz', 'timestamptz', 'timestamptz', 'jsonb', 'jsonb', 'jsonb',
  'text', 'integer',
] as const;

const createStatements = new Map<string, string>();

/**
 * The create statement for a hand-off with `eventCount` events, with or without an idempotency
 * key, written once (SQL text: no query builder on the hot path). The number comes from the
 * sequence, the events' foreign key is checked at the statement's end when the hand-off is there,
 * and one statement is one transaction: nothing is left half-written.
 */
function createStatement(eventCount: number, withKey: boolean): string {
  const cacheKey = `${eventCount}:${withKey}`;
  let statement = createStatements.get(cacheKey);
  if (statement) return statement;
  let parameter = 0;
  const next = () => `$${++parameter}`;
  const cast = (type: string) => `${next()}::${type}`;
  // With a key: the number is drawn only when the key is not live, the key's row is claimed (a new
  // key inserted, an expired one taken over, a live one left and locked, so a racing retry waits
  // for the first to commit), and the hand-off is written only when the claim succeeded.
  const claim = withKey
    ? `number as (select 'H-' || nextval('handoff_number') as id where not exists ` +
      `(select 1 from idempotency_keys where scope = $1 and key = $2 and expires_at > $5::timestamptz)), ` +
      `claim as (insert into idempotency_keys (scope, key, response, fingerprint, created_at, expires_at) ` +
      `select ${cast('text')}, ${cast('text')}, jsonb_set(${cast('jsonb')}, '{id}', to_jsonb(number.id)), ${cast('text')}, ${cast('timestamptz')}, ${cast('timestamptz')} from number ` +
      `on conflict (scope, key) do update set response = excluded.response, fingerprint = excluded.fingerprint, ` +
      `created_at = excluded.created_at, expires_at = excluded.expires_at where idempotency_keys.expires_at <= excluded.created_at returning key), `
    : `number as (select 'H-' || nextval('handoff_number') as id), `;
  const handoffValues = createdHandoffTypes.map(cast).join(', ');
  const eventRows = Array.from({ length: eventCount }, () => `(${createdEventTypes.map(cast).join(', ')})`).join(', ');
  statement =
    `with ${claim}` +
    `created as (insert into handoffs (id, ${createdHandoffColumns.join(', ')}) ` +
    `select number.id, ${handoffValues} from number${withKey ? ', claim' : ''} returning id) ` +
    `insert into handoff_events (handoff_id, ${createdEventColumns.join(', ')}) ` +
    `select created.id, event.* from created, (values ${eventRows}) as event (${createdEventColumns.join(', ')}) ` +
    `returning handoff_id as id`;
  createStatements.set(cacheKey, statement);
  return statement;
}

/** The caller's idempotency key for a create: claimed in the create's own statement. */
export interface HandoffIdempotency {
  /** Whose keys these are (keys of different scopes never meet), e.g. "handoff.create:tok_1". */
  scope: string;
  key: string;
  now: Date;
  /** A digest of the request: the same key with another fingerprint is refused, not replayed. */
  fingerprint?: string;
  /** How long the key is remembered, in seconds (default 86,400: one day). */
  ttlSeconds?: number;
}

/** A create's outcome: stored now, or the hand-off an earlier create with the same key stored. */
export type CreatedOnce = { handoff: StoredHandoff; statusToken: string; replayed: false } | { replayed: true; response: StoredHandoff };

export class HandoffRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Stores a new hand-off and its events in one statement; returns it with its number ("H-1001")
   * and status-page token. With `idempotency`, the same statement claims the caller's key and
   * stores the hand-off as the key's response, so the key, the hand-off and its events commit
   * together or not at all; a key already used (and not expired) stores nothing and gives back
   * what it was first answered with (`replayed`), or throws IdempotencyKeyReusedError when the
   * request's fingerprint differs. A retry racing the first waits for its commit, then replays.
   */
  async create(handoff: NewHandoff): Promise<{ handoff: StoredHandoff; statusToken: string; replayed: false }>;
  async create(handoff: NewHandoff, idempotency: HandoffIdempotency): Promise<CreatedOnce>;
  async create(handoff: NewHandoff, idempotency?: HandoffIdempotency): Promise<CreatedOnce> {
    const history = handoff.history;
    if (history.length === 0 || history[0]?.type !== 'created') {
      throw new StoreError('store_events_invalid', 'a new hand-off needs its `created` event as the first event of its history', {
        path: ['history', 0],
        hint: 'create the hand-off with core, which records the created event',
      });
    }
    checkSequence(history, 0);
    const statusToken = randomBytes(24).toString('base64url');
    const row = { ...handoffColumns({ ...handoff, id: '' }), status_token: statusToken, last_sequence: history.length };
    const values: unknown[] = [];
    if (idempotency) {
      const expiresAt = new Date(idempotency.now.getTime() + (idempotency.ttlSeconds ?? 86_400) * 1000);
      // The response as a retry will get it; the statement puts the new number in its `id`.
      const response = json({ ...handoff, id: '', remindersSent: [] });
      values.push(idempotency.scope, idempotency.key, response, idempotency.fingerprint ?? null, idempotency.now, expiresAt);
    }
    values.push(...createdHandoffColumns.map((column) => row[column]));
    for (const event of history) {
      const eventRow = eventColumns('', event);
      values.push(...createdEventColumns.map((column) => eventRow[column]));
    }
    const result = await this.db.executeQuery(CompiledQuery.raw(createStatement(history.length, idempotency !== undefined), values));
    const created = result.rows[0] as { id: string } | undefined;
    if (created) return { handoff: { ...handoff, id: created.id, remindersSent: [] }, statusToken, replayed: false };
    if (!idempotency) throw new StoreError('store_events_invalid', 'the hand-off was not stored', { hint: 'this is a bug; the statement always stores one' });
    // The key was in use: answer what it was first answered with, unless this is another request.
    const stored = await this.db
      .selectFrom('idempotency_keys')
      .select(['response', 'fingerprint'])
      .where('scope', '=', idempotency.scope)
      .where('key', '=', idempotency.key)
      .executeTakeFirstOrThrow();
    if (stored.fingerprint !== null && idempotency.fingerprint !== undefined && stored.fingerprint !== idempotency.fingerprint) {
      throw new IdempotencyKeyReusedError(idempotency.key, stored.response);
    }
    return { replayed: true, response: stored.response as StoredHandoff };
  }

  /**
   * Appends events to a hand-off's history and saves its new state, if its history still ends at
   * `expectedSequence`. Throws `HandoffConflictError` when someone else wrote first.
   */
  async appendEvents(handoffId: string, expectedSequence: number, events: HandoffEvent[], updatedHandoff: Handoff): Promise<StoredHandoff> {
    if (events.length === 0) {
      throw new StoreError('store_events_invalid', 'no events to append', { path: ['events'], hint: 'pass at least one event' });
    }
    if (updatedHandoff.id !== handoffId) {
      throw new StoreError('store_invalid_argument', `the updated hand-off is ${updatedHandoff.id}, not ${handoffId}`, {
        path: ['updatedHandoff', 'id'],
      });
    }
    checkSequence(events, expectedSequence);
    const lastSequence = expectedSequence + events.length;
    return inTransaction(this.db, async (trx) => {
      const { id: _id, ...columns } = handoffColumns(updatedHandoff);
      const updated = await trx
        .updateTable('handoffs')
        .set({ ...columns, last_sequence: lastSequence })
        .where('id', '=', handoffId)
        .where('last_sequence', '=', expectedSequence)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n) {
        const current = await trx.selectFrom('handoffs').select('last_sequence').where('id', '=', handoffId).executeTakeFirst();
        if (!current) throw notFound(handoffId);
        throw new HandoffConflictError(handoffId, expectedSequence, current.last_sequence);
      }
      await trx.insertInto('handoff_events').values(events.map((event) => eventColumns(handoffId, event))).execute();
      const stored = await new HandoffRepository(trx).get(handoffId);
      if (!stored) throw notFound(handoffId);
      return stored;
    });
  }

  /** The hand-off with this number and its whole history, or undefined. */
  async get(handoffId: string): Promise<StoredHandoff | undefined> {
    const row = await this.db.selectFrom('handoffs').selectAll().where('id', '=', handoffId).executeTakeFirst();
    if (!row) return undefined;
    const [handoff] = await this.withHistories([row]);
    return handoff;
  }

  /** The hand-off a patron's status-page link points at, or undefined for an unknown token. */
  async getByStatusToken(token: string): Promise<StoredHandoff | undefined> {
    const row = await this.db.selectFrom('handoffs').selectAll().where('status_token', '=', token).executeTakeFirst();
    if (!row) return undefined;
    const [handoff] = await this.withHistories([row]);
    return handoff;
  }

  /** The status-page token of a hand-off, or undefined if there is no such hand-off. */
  async statusToken(handoffId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('handoffs').select('status_token').where('id', '=', handoffId).executeTakeFirst();
    return row?.status_token;
  }

  /** Hand-offs matching every given filter, in the asked order. */
  async list(filter: HandoffFilter = {}): Promise<StoredHandoff[]> {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), maximumListSize);
    const order = filter.order ?? 'due-first';
    if ((filter.overdue || order === 'overdue-first') && !filter.now) {
      throw new StoreError('store_invalid_argument', 'overdue filtering and ordering need the current time', {
        path: ['now'],
        hint: 'pass `now` (a Date)',
      });
    }
    // The history comes in the same query (one round trip for a whole queue), as JSON rows.
    const history = filter.withHistory === false ? sql<Selectable<HandoffEventsTable>[] | null>`null` : historyOfEachHandoff;
    let query = this.db.selectFrom('handoffs').selectAll().select(history.as('history'));
    if (filter.departments) query = query.where('department', 'in', nonEmpty(filter.departments));
    if (filter.states) query = query.where('state', 'in', nonEmpty(filter.states));
    if (filter.owner === null) query = query.where('owner', 'is', null);
    else if (filter.owner !== undefined) query = query.where('owner', '=', filter.owner);
    if (filter.sender !== undefined) query = query.where('sender_id', '=', filter.sender);
    if (filter.channels) query = query.where('channel', 'in', nonEmpty(filter.channels));
    if (filter.patronEmail !== undefined || filter.patronBarcode !== undefined) {
      const email = filter.patronEmail?.toLowerCase();
      const barcode = filter.patronBarcode;
      query = query.where((eb) =>
        eb.or([
          ...(email ? [eb(sql<string>`lower(patron ->> 'email')`, '=', email)] : []),
          ...(barcode ? [eb(sql<string>`patron ->> 'barcode'`, '=', barcode)] : []),
        ]),
      );
    }
    if (filter.createdSince !== undefined) query = query.where('created_at', '>=', filter.createdSince);
    if (filter.overdue) query = query.where('due_at', '<', filter.now!).where('state', 'in', openStates);
    if (order === 'overdue-first') {
      const now = filter.now!;
      query = query.orderBy(
        sql<boolean>`(due_at < ${now} and state in (${sql.join(openStates)}))`,
        'desc',
      );
    }
    query = order === 'newest-first' ? query.orderBy('created_at', 'desc') : query.orderBy('due_at', 'asc');
    const rows = await query.orderBy('id').limit(limit).offset(Math.max(filter.offset ?? 0, 0)).execute();
    return rows.map(({ history: events, ...row }) => toHandoff(row, events?.map(toEvent) ?? []));
  }

  /** How many hand-offs are in each state (states with none are absent). */
  async countByState(): Promise<Partial<Record<HandoffState, number>>> {
    const rows = await this.db
      .selectFrom('handoffs')
      .select(['state', sql<number>`count(*)::integer`.as('count')])
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.map((row) => [row.state, row.count]));
  }

  /**
   * Removes the patron (e-mail, barcode, type) from hand-offs resolved or cancelled more than
   * `retentionDays` days before `now`. Returns how many hand-offs it purged.
   */
  async purgePatronIdentifiers(retentionDays: number, now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
    const result = await this.db
      .updateTable('handoffs')
      .set({ patron: null, patron_purged_at: now })
      .where('patron', 'is not', null)
      .where('state', 'in', finishedStates)
      .where(sql<Date>`coalesce(resolved_at, updated_at)`, '<', cutoff)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Records that reminder `rung` of a hand-off was sent. Returns false if it had been recorded
   * already — call it in the transaction that completes the reminder job, so a second attempt
   * (another hub, a retry) sees the reminder went out.
   */
  async recordReminderSent(handoffId: string, rung: string, now: Date): Promise<boolean> {
    return inTransaction(this.db, async (trx) => {
      const inserted = await trx
        .insertInto('sent_reminders')
        .values({ handoff_id: handoffId, rung, sent_at: now })
        .onConflict((conflict) => conflict.columns(['handoff_id', 'rung']).doNothing())
        .returning('rung')
        .executeTakeFirst();
      if (!inserted) return false;
      await trx
        .updateTable('handoffs')
        .set({ reminders_sent: sql<string[]>`array_append(reminders_sent, ${rung})` })
        .where('id', '=', handoffId)
        .execute();
      return true;
    });
  }

  /** Whether reminder `rung` of a hand-off has been sent. */
  async wasReminderSent(handoffId: string, rung: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('sent_reminders')
      .select('rung')
      .where('handoff_id', '=', handoffId)
      .where('rung', '=', rung)
      .executeTakeFirst();
    return row !== undefined;
  }

  private async withHistories(rows: Selectable<HandoffsTable>[]): Promise<StoredHandoff[]> {
    if (rows.length === 0) return [];
    const events = await this.db
      .selectFrom('handoff_events')
      .selectAll()
      .where(
        'handoff_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('handoff_id')
      .orderBy('sequence')
      .execute();
    const byHandoff = new Map<string, HandoffEvent[]>();
    for (const event of events) {
      const list = byHandoff.get(event.handoff_id) ?? [];
      list.push(toEvent(event));
      byHandoff.set(event.handoff_id, list);
    }
    return rows.map((row) => toHandoff(row, byHandoff.get(row.id) ?? []));
  }
}

/** Each hand-off's events, oldest first, as a JSON array of rows (their timestamps as text, which `iso` reads). */
const historyOfEachHandoff = sql<Selectable<HandoffEventsTable>[] | null>`coalesce((select json_agg(e order by e.sequence) from handoff_events e where e.handoff_id = handoffs.id), '[]'::json)`;

function notFound(handoffId: string): StoreError {
  return new StoreError('store_handoff_not_found', `there is no hand-off ${handoffId}`, {
    path: ['handoffs', handoffId],
    hint: 'check the number (e.g. "H-1042")',
  });
}

function nonEmpty<T>(values: T[]): T[] {
  if (values.length === 0) {
    throw new StoreError('store_invalid_argument', 'an empty list matches nothing', {
      hint: 'leave the filter out to match everything',
    });
  }
  return values;
}

/** Events must continue the history without gaps: after..after+n. */
function checkSequence(events: HandoffEvent[], after: number): void {
  events.forEach((event, index) => {
    if (event.sequence !== after + index + 1) {
      throw new StoreError('store_events_invalid', `event ${index} has sequence ${event.sequence}; expected ${after + index + 1}`, {
        path: ['events', index, 'sequence'],
        hint: 'number events consecutively after the last event of the history',
      });
    }
  });
}

function handoffColumns(handoff: Handoff) {
  return {
    id: handoff.id,
    state: handoff.state,
    question: handoff.question,
    summary: handoff.summary,
    category: handoff.category ?? null,
    channel: handoff.channel ?? null,
    from_department: handoff.fromDepartment ?? null,
    department: handoff.department,
    owner: handoff.owner,
    sender_id: handoff.sender.id,
    sender: json(handoff.sender),
    responsibility: handoff.responsibility,
    service_level: handoff.serviceLevel,
    created_at: handoff.createdAt,
    due_at: handoff.dueAt,
    updated_at: handoff.updatedAt,
    resolved_at: handoff.resolvedAt ?? null,
    patron: handoff.patron ? json(handoff.patron) : null,
    links: json(handoff.links ?? {}),
    routing: handoff.routing ? json(handoff.routing) : null,
  };
}

function eventColumns(handoffId: string, event: HandoffEvent) {
  return {
    handoff_id: handoffId,
    sequence: event.sequence,
    type: event.type,
    at: event.at,
    actor: json(event.actor),
    from_state: event.from,
    to_state: event.to,
    note: event.note ?? null,
    to_department: event.toDepartment ?? null,
    to_owner: event.toOwner ?? null,
  };
}

function toEvent(row: Selectable<HandoffEventsTable>): HandoffEvent {
  const event: HandoffEvent = {
    sequence: row.sequence,
    type: row.type as HandoffEvent['type'],
    at: iso(row.at),
    actor: row.actor as HandoffEvent['actor'],
    from: row.from_state as HandoffState | null,
    to: row.to_state as HandoffState,
  };
  if (row.note !== null) event.note = row.note;
  if (row.to_department !== null) {
    event.toDepartment = row.to_department;
    event.toOwner = row.to_owner;
  }
  return event;
}

function toHandoff(row: Selectable<HandoffsTable>, history: HandoffEvent[]): StoredHandoff {
  const handoff: StoredHandoff = {
    id: row.id,
    state: row.state as HandoffState,
    question: row.question,
    summary: row.summary,
    department: row.department,
    owner: row.owner,
    sender: row.sender as Handoff['sender'],
    responsibility: row.responsibility as Handoff['responsibility'],
    serviceLevel: row.service_level,
    createdAt: iso(row.created_at),
    dueAt: iso(row.due_at),
    updatedAt: iso(row.updated_at),
    resolvedAt: row.resolved_at ? iso(row.resolved_at) : null,
    patron: (row.patron as Handoff['patron']) ?? null,
    links: row.links as Handoff['links'],
    history,
    remindersSent: row.reminders_sent,
  };
  if (row.category !== null) handoff.category = row.category;
  if (row.channel !== null) handoff.channel = row.channel as Handoff['channel'];
  if (row.from_department !== null) handoff.fromDepartment = row.from_department;
  if (row.routing !== null) handoff.routing = row.routing as NonNullable<Handoff['routing']>;
  return handoff;
}
