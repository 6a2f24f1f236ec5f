import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handoff, Reminder } from '@liaison/core';
import { openTestStore, startTestHub, testClock, tuesdayMorning, type TestHub } from './hub-for-tests.js';
import type { Notifier } from './scheduler.js';

beforeAll(async () => {
  await openTestStore(); // boot the file's PGlite once, outside any test's time limit
}, 60_000);

const hubs: TestHub[] = [];
afterAll(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
});

describe('stopping a hub while Slack does not answer', () => {
  it('stops taking work, releases the reminders it claimed but had not started, and returns within its grace time', async () => {
    const clock = testClock(tuesdayMorning);
    const store = await openTestStore();
    // Slack unreachable: the first reminder's send never answers (the Web API client retrying).
    let isSendStarted!: () => void;
    const sendStarted = new Promise<void>((resolve) => (isSendStarted = resolve));
    const unreachable: Notifier = {
      remind: () => {
        isSendStarted();
        return new Promise<void>(() => {});
      },
      spike: async () => {},
    };
    const stopping = await startTestHub({ store, clock, notifier: unreachable });
    const staff = await stopping.auth();
    for (const question of ['EZproxy login loop', 'Renewal refused', 'Missing ILL article', 'Printer jammed']) {
      expect((await stopping.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: staff, payload: { question } })).statusCode).toBe(201);
    }
    clock.advance(3 * 86_400_000); // every hand-off far past its due time: several reminders each

    const round = stopping.scheduler.tick();
    await sendStarted;
    const startedAt = Date.now();
    await stopping.scheduler.stop(200);
    const stoppedAfterMs = Date.now() - startedAt;
    // Bounded by the grace time (plus releasing the claims), not by Slack; generous for a loaded machine.
    expect(stoppedAfterMs).toBeLessThan(15_000);
    // A stopped scheduler takes no more work.
    expect(await stopping.scheduler.tick()).toEqual({ scheduled: 0, sent: 0, failed: 0, purged: 0, spikes: 0, teamAwayAlerts: 0, returnSummaries: 0 });
    void round;

    // Another hub over the same store sends every reminder the stopped one claimed but did not start, at once;
    // the one in flight keeps its lease (Slack may yet deliver it), so it is not sent twice.
    const sent: { reminder: Reminder; handoff: Handoff }[] = [];
    const other = await startTestHub({ store, clock, notifier: { remind: async (reminder, handoff) => void sent.push({ reminder, handoff }), spike: async () => {} } });
    hubs.push(other);
    const report = await other.scheduler.tick();
    const pending = await store.jobs.pending('reminder', 1000);
    expect(report.sent).toBeGreaterThanOrEqual(3);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.lockedBy).not.toBeNull();
    const inFlight = (pending[0]!.payload as { reminder: Reminder }).reminder;
    expect(sent.some(({ reminder }) => reminder.handoffId === inFlight.handoffId && reminder.rung === inFlight.rung)).toBe(false);
  }, 60_000);
});
