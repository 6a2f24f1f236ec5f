import { describe, expect, it } from 'vitest';
import { handoffStates, isOverdue, type Handoff, type HandoffEvent } from '@liaison/core';
import { forEachBackend } from '../backends-for-tests.js';
import { HandoffConflictError, StoreError } from '../errors.js';
import { IdempotencyKeyReusedError } from './idempotency.js';
import type { NewHandoff } from './handoffs.js';

const pat = { id: 'U-PAT', name: 'Pat (reference)', departments: ['reference'], kind: 'staff' as const };
const sam = { id: 'U-SAM', name: 'Sam (ILL)', departments: ['ill'], kind: 'staff' as const };

/** A hand-off as core would create it, with its `created` event. */
function newHandoff(fields: Partial<NewHandoff> = {}): NewHandoff {
  const createdAt = fields.createdAt ?? '2025-03-03T14:00:00.000Z';
  const created: HandoffEvent = { sequence: 1, type: 'created', at: createdAt, actor: fields.sender ?? pat, from: null, to: 'open' };
  return {
    state: 'open',
    question: 'Patron cannot open the JSTOR article from the link resolver',
    summary: 'JSTOR link broken',
    category: 'e-resources',
    channel: 'desk',
    fromDepartment: 'reference',
    department: 'eresources',
    owner: null,
    sender: pat,
    responsibility: 'passed',
    serviceLevel: '4 opening hours',
    createdAt,
    dueAt: '2025-03-03T18:00:00.000Z',
    updatedAt: createdAt,
    resolvedAt: null,
    patron: { email: 'reader@example.edu', barcode: '21234000123456' },
    links: { zendeskTicket: '4512' },
    routing: { ruleId: 'eresources-access', explanation: 'matched "link resolver", "JSTOR"' },
    history: [created],
    ...fields,
  };
}

/** The next event and the hand-off after it, as core's lifecycle would produce them. */
function advance(handoff: Handoff, type: HandoffEvent['type'], to: Handoff['state'], at: string, extra: Partial<Handoff> = {}) {
  const event: HandoffEvent = { sequence: handoff.history.length + 1, type, at, actor: sam, from: handoff.state, to };
  const updated: Handoff = { ...handoff, ...extra, state: to, updatedAt: at, history: [...handoff.history, event] };
  return { event, updated };
}

forEachBackend('hand-offs', (backend) => {
  it('claims an idempotency key in the create itself: concurrent retries store one hand-off and all get it back; another request with the key is refused; an expired key is taken over', async () => {
    const store = await backend.open();
    const now = new Date('2025-03-03T14:00:00.000Z');
    const key = { scope: 'handoff.create:U-PAT', key: 'retry-1', now, fingerprint: 'sha256:first' };
    const results = await Promise.all(Array.from({ length: 10 }, () => store.handoffs.create(newHandoff(), key)));
    const fresh = results.filter((result) => !result.replayed);
    expect(fresh).toHaveLength(1);
    const first = fresh[0]!.replayed ? undefined : fresh[0]!.handoff;
    for (const result of results) expect(result.replayed ? result.response : result.handoff).toEqual({ ...newHandoff(), id: first!.id, remindersSent: [] });
    expect(await store.handoffs.list({ withHistory: false })).toHaveLength(1);
    const history = await store.db.selectFrom('handoff_events').select('handoff_id').execute();
    expect(history).toEqual([{ handoff_id: first!.id }]);

    // The same key with another request: refused, naming the first hand-off; nothing stored.
    const refusal = await store.handoffs.create(newHandoff({ question: 'Another question' }), { ...key, fingerprint: 'sha256:other' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(IdempotencyKeyReusedError);
    expect((refusal as IdempotencyKeyReusedError).firstResponse).toMatchObject({ id: first!.id });
    // Another scope, or the key once it has expired (a day later), makes a new hand-off.
    const otherScope = await store.handoffs.create(newHandoff(), { ...key, scope: 'handoff.create:U-SAM' });
    expect(otherScope.replayed).toBe(false);
    const afterExpiry = await store.handoffs.create(newHandoff({ question: 'Another question' }), { ...key, now: new Date(now.getTime() + 86_400_000), fingerprint: 'sha256:other' });
    expect(afterExpiry.replayed).toBe(false);
    const replayAfterExpiry = await store.handoffs.create(newHandoff(), { ...key, now: new Date(now.getTime() + 86_400_000), fingerprint: 'sha256:other' });
    expect(replayAfterExpiry).toMatchObject({ replayed: true, response: { question: 'Another question' } });
    expect(await store.handoffs.list({ withHistory: false })).toHaveLength(3);
    expect(await store.db.selectFrom('idempotency_keys').select('key').execute()).toHaveLength(2);
  });

  it('creates a numbered hand-off with its created event, and reads it back by number and by status token', async () => {
    const store = await backend.open();
    const first = await store.handoffs.create(newHandoff());
    const second = await store.handoffs.create(newHandoff());
    expect(first.handoff.id).toMatch(/^H-\d+$/);
    expect(Number(second.handoff.id.slice(2))).toBe(Number(first.handoff.id.slice(2)) + 1);
    expect(first.statusToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(first.statusToken).not.toBe(second.statusToken);

    const read = await store.handoffs.get(first.handoff.id);
    expect(read).toEqual({ ...newHandoff(), id: first.handoff.id, remindersSent: [] });
    expect((await store.handoffs.getByStatusToken(first.statusToken))?.id).toBe(first.handoff.id);
    expect(await store.handoffs.getByStatusToken('not-a-token')).toBeUndefined();
    expect(await store.handoffs.statusToken(second.handoff.id)).toBe(second.statusToken);
    expect(await store.handoffs.get('H-999999')).toBeUndefined();
  });

  it('refuses a new hand-off whose history does not start with the created event', async () => {
    const store = await backend.open();
    await expect(store.handoffs.create(newHandoff({ history: [] }))).rejects.toMatchObject({ code: 'store_events_invalid' });
  });

  it('appends events when the history is as the writer saw it, and fails a stale writer with a typed error', async () => {
    const store = await backend.open();
    const { handoff } = await store.handoffs.create(newHandoff());
    const accept = advance(handoff, 'accepted', 'accepted', '2025-03-03T14:05:00.000Z', { owner: 'U-SAM' });
    const saved = await store.handoffs.appendEvents(handoff.id, 1, [accept.event], accept.updated);
    expect(saved.state).toBe('accepted');
    expect(saved.owner).toBe('U-SAM');
    expect(saved.history.map((event) => event.type)).toEqual(['created', 'accepted']);

    // A second writer who also read sequence 1 loses, loudly.
    const resolve = advance(handoff, 'resolved', 'resolved', '2025-03-03T14:06:00.000Z');
    const stale = store.handoffs.appendEvents(handoff.id, 1, [resolve.event], resolve.updated);
    await expect(stale).rejects.toBeInstanceOf(HandoffConflictError);
    await expect(stale).rejects.toMatchObject({ expectedSequence: 1, actualSequence: 2 });
    expect((await store.handoffs.get(handoff.id))?.state).toBe('accepted');

    await expect(store.handoffs.appendEvents('H-1', 1, [accept.event], { ...accept.updated, id: 'H-1' })).rejects.toMatchObject({
      code: 'store_handoff_not_found',
    });
    const gap = { ...accept.event, sequence: 5 };
    await expect(store.handoffs.appendEvents(handoff.id, 2, [gap], accept.updated)).rejects.toMatchObject({ code: 'store_events_invalid' });
  });

  it('lets exactly one of several concurrent writers of the same step win', async () => {
    const store = await backend.open();
    const { handoff } = await store.handoffs.create(newHandoff());
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, (_, index) => {
        const step = advance(handoff, 'accepted', 'accepted', '2025-03-03T14:05:00.000Z', { owner: `U-${index}` });
        return store.handoffs.appendEvents(handoff.id, 1, [step.event], step.updated);
      }),
    );
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    for (const attempt of attempts.filter((attempt) => attempt.status === 'rejected')) {
      expect((attempt as PromiseRejectedResult).reason).toBeInstanceOf(HandoffConflictError);
    }
    expect((await store.handoffs.get(handoff.id))?.history).toHaveLength(2);
  });

  it('keeps history append-only in the database itself', async () => {
    const store = await backend.open();
    const { handoff } = await store.handoffs.create(newHandoff());
    await expect(store.db.updateTable('handoff_events').set({ note: 'rewritten' }).where('handoff_id', '=', handoff.id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(store.db.deleteFrom('handoff_events').where('handoff_id', '=', handoff.id).execute()).rejects.toThrow(/append-only/);
  });

  describe('lists', () => {
    const now = new Date('2025-03-04T12:00:00.000Z');
    async function seed() {
      const store = await backend.open();
      const make = async (summary: string, fields: Partial<NewHandoff>) => (await store.handoffs.create(newHandoff({ summary, ...fields }))).handoff;
      const created = {
        lateEres: await make('late e-resources', { dueAt: '2025-03-04T09:00:00.000Z' }),
        soonEres: await make('soon e-resources', { dueAt: '2025-03-04T13:00:00.000Z' }),
        laterIll: await make('later ILL', { department: 'ill', owner: 'U-SAM', dueAt: '2025-03-05T10:00:00.000Z', sender: sam }),
        lateIll: await make('late ILL, long ago', { department: 'ill', owner: 'U-SAM', dueAt: '2025-03-01T10:00:00.000Z' }),
        resolvedLate: await make('resolved, past due', { state: 'resolved', createdAt: '2025-03-03T15:00:00.000Z', dueAt: '2025-03-02T10:00:00.000Z', resolvedAt: '2025-03-02T09:00:00.000Z' }),
      };
      return { store, created };
    }

    it('filters by departments, states, owner, sender and overdue-ness', async () => {
      const { store } = await seed();
      const summaries = async (filter: Parameters<typeof store.handoffs.list>[0]) => (await store.handoffs.list(filter)).map((handoff) => handoff.summary);
      expect(await summaries({ departments: ['ill'] })).toEqual(['late ILL, long ago', 'later ILL']);
      expect(await summaries({ departments: ['ill', 'eresources'], states: ['resolved'] })).toEqual(['resolved, past due']);
      expect(await summaries({ owner: null, states: ['open'] })).toEqual(['late e-resources', 'soon e-resources']);
      expect(await summaries({ owner: 'U-SAM' })).toEqual(['late ILL, long ago', 'later ILL']);
      expect(await summaries({ sender: 'U-SAM' })).toEqual(['later ILL']);
      expect(await summaries({ overdue: true, now })).toEqual(['late ILL, long ago', 'late e-resources']);
      expect(await summaries({ limit: 2 })).toEqual(['late ILL, long ago', 'resolved, past due']);
      await expect(store.handoffs.list({ overdue: true })).rejects.toBeInstanceOf(StoreError);
    });

    it('calls overdue exactly what core\'s isOverdue does, in every state (a returned hand-off is not)', async () => {
      const store = await backend.open();
      for (const state of handoffStates) await store.handoffs.create(newHandoff({ summary: state, state, dueAt: '2025-03-04T09:00:00.000Z' }));
      const overdue = (await store.handoffs.list({ overdue: true, now })).map((handoff) => handoff.summary).sort();
      expect(overdue).toEqual(handoffStates.filter((state) => isOverdue({ state, dueAt: '2025-03-04T09:00:00.000Z' }, now)).sort());
      const first = await store.handoffs.list({ order: 'overdue-first', now });
      expect(first.slice(0, overdue.length).map((handoff) => handoff.summary).sort()).toEqual(overdue);
    });

    it('orders overdue hand-offs first, then by due time; or newest first', async () => {
      const { store } = await seed();
      const order = async (filter: Parameters<typeof store.handoffs.list>[0]) => (await store.handoffs.list(filter)).map((handoff) => handoff.summary);
      expect(await order({ order: 'overdue-first', now })).toEqual([
        'late ILL, long ago',
        'late e-resources',
        'resolved, past due',
        'soon e-resources',
        'later ILL',
      ]);
      expect(await order({ order: 'due-first', states: ['open'] })).toEqual(['late ILL, long ago', 'late e-resources', 'soon e-resources', 'later ILL']);
      const lists = await store.handoffs.list({ order: 'newest-first', withHistory: false, limit: 1 });
      expect(lists.map((handoff) => [handoff.summary, handoff.history.length])).toEqual([['resolved, past due', 0]]);
    });

    it('counts hand-offs by state', async () => {
      const { store } = await seed();
      expect(await store.handoffs.countByState()).toEqual({ open: 4, resolved: 1 });
    });
  });

  it('purges patron identifiers from hand-offs closed longer ago than the retention period, and only those', async () => {
    const store = await backend.open();
    const now = new Date('2025-06-30T12:00:00.000Z');
    const make = async (fields: Partial<NewHandoff>) => (await store.handoffs.create(newHandoff(fields))).handoff.id;
    const oldResolved = await make({ state: 'resolved', resolvedAt: '2025-05-01T10:00:00.000Z' });
    const recentResolved = await make({ state: 'resolved', resolvedAt: '2025-06-20T10:00:00.000Z' });
    const oldOpen = await make({ createdAt: '2025-01-01T10:00:00.000Z', updatedAt: '2025-01-01T10:00:00.000Z' });
    const oldCancelled = await make({ state: 'cancelled', updatedAt: '2025-04-01T10:00:00.000Z' });
    expect(await store.handoffs.purgePatronIdentifiers(30, now)).toBe(2);
    expect((await store.handoffs.get(oldResolved))?.patron).toBeNull();
    expect((await store.handoffs.get(oldCancelled))?.patron).toBeNull();
    expect((await store.handoffs.get(recentResolved))?.patron?.email).toBe('reader@example.edu');
    expect((await store.handoffs.get(oldOpen))?.patron?.barcode).toBe('21234000123456');
    expect(await store.handoffs.purgePatronIdentifiers(30, now)).toBe(0);
  });

  it('records each reminder rung once, on the hand-off and in the sent-reminders record', async () => {
    const store = await backend.open();
    const { handoff } = await store.handoffs.create(newHandoff());
    const at = new Date('2025-03-03T17:00:00.000Z');
    expect(await store.handoffs.wasReminderSent(handoff.id, 'due-soon')).toBe(false);
    expect(await store.handoffs.recordReminderSent(handoff.id, 'due-soon', at)).toBe(true);
    expect(await store.handoffs.recordReminderSent(handoff.id, 'due-soon', at)).toBe(false);
    expect(await store.handoffs.recordReminderSent(handoff.id, 'overdue-1', at)).toBe(true);
    expect(await store.handoffs.wasReminderSent(handoff.id, 'due-soon')).toBe(true);
    expect((await store.handoffs.get(handoff.id))?.remindersSent).toEqual(['due-soon', 'overdue-1']);
  });
});

forEachBackend('hand-offs of one patron', (backend) => {
  it('finds a patron\'s earlier hand-offs by e-mail (any case) or barcode, and by creation time', async () => {
    const store = await backend.open();
    const a = (await store.handoffs.create(newHandoff({ patron: { email: 'Reader@Example.edu' } }))).handoff;
    const b = (await store.handoffs.create(newHandoff({ patron: { barcode: '21234000999999' }, createdAt: '2025-03-05T14:00:00.000Z' }))).handoff;
    await store.handoffs.create(newHandoff({ patron: { email: 'someone.else@example.edu' } }));
    await store.handoffs.create(newHandoff({ patron: null }));
    const byEmail = await store.handoffs.list({ patronEmail: 'reader@example.edu' });
    expect(byEmail.map((h) => h.id)).toEqual([a.id]);
    const either = await store.handoffs.list({ patronEmail: 'reader@example.edu', patronBarcode: '21234000999999' });
    expect(either.map((h) => h.id).sort()).toEqual([a.id, b.id].sort());
    const recent = await store.handoffs.list({ createdSince: new Date('2025-03-04T00:00:00.000Z') });
    expect(recent.map((h) => h.id)).toEqual([b.id]);
  });

  it('pages through hand-offs with limit and offset, in a stable order', async () => {
    const store = await backend.open();
    for (let i = 0; i < 5; i++) await store.handoffs.create(newHandoff({ dueAt: `2025-03-0${i + 4}T18:00:00.000Z` }));
    const first = await store.handoffs.list({ limit: 2, offset: 0, withHistory: false });
    const rest = await store.handoffs.list({ limit: 10, offset: 2, withHistory: false });
    expect(first).toHaveLength(2);
    expect(rest).toHaveLength(3);
    expect(new Set([...first, ...rest].map((h) => h.id)).size).toBe(5);
  });
});

