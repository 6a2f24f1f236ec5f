import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Handoff, Reminder, TopicSpike } from '@liaison/core';
import { openTestStore, startTestHub, testClock, tuesdayMorning, type TestHub } from './hub-for-tests.js';
import type { Notifier } from './scheduler.js';

/** A notifier that remembers what it was asked to send. */
function recordingNotifier(options: { failFirst?: number } = {}) {
  const reminders: { reminder: Reminder; handoff: Handoff }[] = [];
  const spikes: TopicSpike[] = [];
  let failures = options.failFirst ?? 0;
  const notifier: Notifier = {
    async remind(reminder, handoff) {
      if (failures > 0) {
        failures--;
        throw Object.assign(new Error('Slack said no'), { code: 'slack_webapi_platform_error' });
      }
      reminders.push({ reminder, handoff });
    },
    async spike(finding) {
      spikes.push(finding);
    },
  };
  return { notifier, reminders, spikes, rungs: () => reminders.map((r) => `${r.reminder.rung}:${r.reminder.notify}`) };
}

const at = (chicagoTime: string, date = '2026-03-10') => new Date(`${date}T${chicagoTime}:00-05:00`);
const hubs: TestHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
});

async function freshHub(options: { failFirst?: number } = {}) {
  const clock = testClock(tuesdayMorning);
  const store = await openTestStore();
  const recorder = recordingNotifier(options);
  const hub = await startTestHub({ store, clock, notifier: recorder.notifier });
  hubs.push(hub);
  const staff = await hub.auth();
  const create = async (question: string, extra: Record<string, unknown> = {}) => {
    const response = await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: staff, payload: { question, ...extra } });
    return response.json().handoff as Handoff;
  };
  const event = (id: string, payload: Record<string, unknown>) => hub.app.inject({ method: 'POST', url: `/api/v1/handoffs/${id}/events`, headers: staff, payload });
  return { hub, clock, store, recorder, create, event };
}

beforeAll(async () => {
  await openTestStore(); // boot the file's PGlite once, outside any test's time limit
}, 60_000);

describe('reminders and escalations', () => {
  it('sends 75%, 100% and 200% each once, at their time in opening hours, however often it ticks', async () => {
    const { hub, clock, recorder, create } = await freshHub();
    // 4 opening hours from Tuesday 10:00: 75% at 13:00, 100% at 14:00, 200% at 18:00 (Chicago).
    const handoff = await create('EZproxy login loop from off-campus');
    expect(handoff.dueAt).toBe(at('14:00').toISOString());

    clock.set(at('12:59'));
    expect((await hub.scheduler.tick()).sent).toBe(0);
    clock.set(at('13:00'));
    expect((await hub.scheduler.tick()).sent).toBe(1);
    await hub.scheduler.tick();
    expect(recorder.rungs()).toEqual(['75%:owner']);
    clock.set(at('14:00'));
    await hub.scheduler.tick();
    await hub.scheduler.tick();
    clock.set(at('17:59'));
    await hub.scheduler.tick();
    expect(recorder.rungs()).toEqual(['75%:owner', '100%:department_lead']);
    clock.set(at('18:00'));
    await hub.scheduler.tick();
    clock.set(at('23:00'));
    await hub.scheduler.tick();
    expect(recorder.rungs()).toEqual(['75%:owner', '100%:department_lead', '200%:head_of_service']);
    expect(recorder.reminders.every((r) => r.reminder.handoffId === handoff.id)).toBe(true);
    expect((await hub.app.inject({ method: 'GET', url: '/metrics' })).body).toContain('liaison_reminders_sent_total{notify="head_of_service"} 1');
  }, 30_000);

  it('sends nothing twice across a restart: a new hub over the same store picks up where the jobs say', async () => {
    const first = await freshHub();
    await first.create('EZproxy login loop from off-campus');
    first.clock.set(at('13:30'));
    await first.hub.scheduler.tick();
    expect(first.recorder.rungs()).toEqual(['75%:owner']);
    await first.hub.close();
    hubs.splice(hubs.indexOf(first.hub), 1);

    const after = recordingNotifier();
    const second = await startTestHub({ store: first.store, clock: first.clock, notifier: after.notifier });
    hubs.push(second);
    await second.scheduler.tick();
    expect(after.rungs()).toEqual([]);
    first.clock.set(at('14:05'));
    await second.scheduler.tick();
    await second.scheduler.tick();
    expect(after.rungs()).toEqual(['100%:department_lead']);
  });

  it('sends a reminder whose first attempt failed on a later round, once', async () => {
    const { hub, clock, recorder, create } = await freshHub({ failFirst: 1 });
    await create('EZproxy login loop from off-campus');
    clock.set(at('13:00'));
    expect(await hub.scheduler.tick()).toMatchObject({ sent: 0, failed: 1 });
    clock.set(at('13:01'));
    await hub.scheduler.tick();
    expect(recorder.rungs()).toEqual(['75%:owner']);
    clock.set(at('13:30'));
    await hub.scheduler.tick();
    expect(recorder.rungs()).toEqual(['75%:owner']);
  });

  it('sends nothing for a hand-off resolved before its rungs come due', async () => {
    const { hub, clock, recorder, create, event } = await freshHub();
    const handoff = await create('EZproxy login loop from off-campus');
    await event(handoff.id, { type: 'resolved', resolution: 'Cleared the proxy cookie' });
    for (const time of ['13:00', '14:00', '18:00', '23:30']) {
      clock.set(at(time));
      await hub.scheduler.tick();
    }
    expect(recorder.reminders).toEqual([]);
  });

  it('drops a scheduled reminder when the hand-off is resolved before it is sent', async () => {
    const { hub, clock, recorder, create, event, store } = await freshHub({ failFirst: 1 });
    const handoff = await create('EZproxy login loop from off-campus');
    clock.set(at('13:00'));
    await hub.scheduler.tick(); // scheduled; the send failed, so the job waits for a retry
    await event(handoff.id, { type: 'resolved', resolution: 'Fixed' });
    clock.set(at('13:10'));
    await hub.scheduler.tick();
    expect(recorder.reminders).toEqual([]);
    expect(await store.handoffs.wasReminderSent(handoff.id, `75%@${handoff.dueAt}`)).toBe(false);
  });

  it('starts the ladder again when a hand-off is reassigned', async () => {
    const { hub, clock, recorder, create, event, store } = await freshHub();
    const handoff = await create('EZproxy login loop from off-campus');
    clock.set(at('13:00'));
    await hub.scheduler.tick();
    clock.set(at('14:00'));
    await hub.scheduler.tick();
    expect(recorder.rungs()).toEqual(['75%:owner', '100%:department_lead']);

    clock.set(at('14:30'));
    await event(handoff.id, { type: 'reassigned', toDepartment: 'circulation', reason: 'It is a fines block, not the proxy' });
    const reassigned = (await store.handoffs.get(handoff.id))!;
    expect(reassigned.dueAt).not.toBe(handoff.dueAt);
    await hub.scheduler.tick();
    expect(recorder.rungs()).toHaveLength(2);

    clock.set(new Date(reassigned.dueAt));
    await hub.scheduler.tick();
    await hub.scheduler.tick();
    expect(recorder.rungs()).toEqual(['75%:owner', '100%:department_lead', '100%:department_lead']);
    expect(recorder.reminders[2]!.reminder.covers).toEqual(['75%', '100%']);
    expect(recorder.reminders.slice(2).every((r) => r.handoff.department === 'circulation')).toBe(true);
  });

  it('after a restart, the rungs missed while the hub was down collapse into the highest one due, sent once', async () => {
    const { hub, clock, recorder, create, store } = await freshHub();
    const handoff = await create('EZproxy login loop from off-campus');
    // Down from 10:00 to 23:00: 75% (13:00), 100% (14:00) and 200% (18:00) all passed unsent.
    clock.set(at('23:00'));
    expect(await hub.scheduler.tick()).toMatchObject({ scheduled: 1, sent: 1 });
    await hub.scheduler.tick();
    clock.set(at('23:30'));
    await hub.scheduler.tick();
    expect(recorder.rungs()).toEqual(['200%:head_of_service']);
    expect(recorder.reminders[0]!.reminder.covers).toEqual(['75%', '100%', '200%']);
    for (const rung of ['75%', '100%', '200%']) expect(await store.handoffs.wasReminderSent(handoff.id, `${rung}@${handoff.dueAt}`)).toBe(true);
  });
});

describe('retention purge', () => {
  it('clears patron identifiers from hand-offs resolved longer ago than retention_days, and only those', async () => {
    const { hub, clock, create, event, store } = await freshHub();
    const patron = { email: 'purge.me@northfield.edu', barcode: '21234000000777', patronType: 'Graduate' };
    const old = await create('Fines question', { patron });
    await event(old.id, { type: 'resolved', resolution: 'Waived' });
    const stillOpen = await create('Renewal question', { patron });
    const days = hub.policy.privacy.retention_days;

    clock.advance((days - 1) * 86_400_000);
    const recent = await create('Another fines question', { patron });
    await event(recent.id, { type: 'resolved', resolution: 'Explained' });
    expect((await hub.scheduler.tick()).purged).toBe(0);
    expect((await store.handoffs.get(old.id))?.patron?.email).toBe(patron.email);

    clock.advance(2 * 86_400_000);
    expect((await hub.scheduler.tick()).purged).toBe(1);
    expect((await store.handoffs.get(old.id))?.patron ?? null).toBeNull();
    expect((await store.handoffs.get(recent.id))?.patron?.email).toBe(patron.email);
    expect((await store.handoffs.get(stillOpen.id))?.patron?.email).toBe(patron.email);
    // The purged hand-off itself stays: its question, department and history are the library's record.
    expect((await store.handoffs.get(old.id))?.history.map((e) => e.type)).toEqual(['created', 'resolved']);
  });

  it('also forgets retried-delivery records, which carry the hand-off as it was answered', async () => {
    const { hub, clock, store } = await freshHub();
    const headers = await hub.auth();
    await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: { ...headers, 'idempotency-key': 'k-1' }, payload: { question: 'Fines', patron: { email: 'kept.in.key@northfield.edu' } } });
    const stored = async () => (await store.db.selectFrom('idempotency_keys').select('key').execute()).length;
    expect(await stored()).toBe(1);
    clock.advance(2 * 86_400_000);
    await hub.scheduler.tick();
    expect(await stored()).toBe(0);
  });
});

describe('spike alerts', () => {
  it('tells the notifier about a topic spike once a day', async () => {
    const { hub, clock, recorder, create } = await freshHub();
    const now = clock();
    const week = 7 * 86_400_000;
    for (let weeksAgo = 8; weeksAgo >= 2; weeksAgo--) {
      clock.set(new Date(now.getTime() - weeksAgo * week));
      await create('The 3D printer in the makerspace is jammed');
    }
    for (let i = 0; i < 9; i++) {
      clock.set(new Date(now.getTime() - (i + 1) * 6 * 3_600_000));
      await create(`Makerspace laser cutter is broken again (${i})`);
    }
    clock.set(now);
    expect((await hub.scheduler.tick()).spikes).toBeGreaterThanOrEqual(1);
    expect(recorder.spikes.map((s) => s.topicId)).toContain('makerspace');
    const count = recorder.spikes.length;
    clock.advance(3_600_000);
    await hub.scheduler.tick();
    expect(recorder.spikes).toHaveLength(count);
  });
});
