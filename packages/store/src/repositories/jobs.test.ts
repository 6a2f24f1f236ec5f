import { expect, it } from 'vitest';
import type { HandoffEvent } from '@liaison/core';
import { forEachBackend } from '../backends-for-tests.js';
import type { Store } from '../open-store.js';

const now = new Date('2025-03-03T15:00:00.000Z');
const seconds = (count: number) => new Date(now.getTime() + count * 1000);

async function createHandoff(store: Store): Promise<string> {
  const at = '2025-03-03T14:00:00.000Z';
  const actor = { id: 'U-PAT' };
  const created: HandoffEvent = { sequence: 1, type: 'created', at, actor, from: null, to: 'open' };
  const { handoff } = await store.handoffs.create({
    state: 'open', question: 'q', summary: 's', department: 'ill', owner: null, sender: actor, responsibility: 'passed',
    serviceLevel: '1 business day', createdAt: at, dueAt: '2025-03-04T14:00:00.000Z', updatedAt: at, links: {}, history: [created],
  });
  return handoff.id;
}

forEachBackend('jobs', (backend) => {
  it('releases a claimed job to any worker at once, without counting the attempt, and only by its holder', async () => {
    const store = await backend.open();
    await store.jobs.scheduleJob('reminder', 'H-9:release', now, {});
    const [claimed] = await store.jobs.claimJobs('reminder', 'hub-a', 1, now, 120);
    expect(await store.jobs.releaseJob(claimed!.id, 'hub-b')).toBe(false);
    expect(await store.jobs.releaseJob(claimed!.id, 'hub-a')).toBe(true);
    const [retaken] = await store.jobs.claimJobs('reminder', 'hub-b', 1, seconds(1), 120);
    expect(retaken?.id).toBe(claimed!.id);
    expect(retaken?.attempts).toBe(1);
  });

  it('schedules a job once per kind and key', async () => {
    const store = await backend.open();
    const first = await store.jobs.scheduleJob('reminder', 'H-1:due-soon', seconds(60), { rung: 'due-soon' });
    const again = await store.jobs.scheduleJob('reminder', 'H-1:due-soon', seconds(999), { rung: 'changed' });
    const otherKind = await store.jobs.scheduleJob('escalation', 'H-1:due-soon', seconds(60), {});
    expect(first.scheduled).toBe(true);
    expect(again).toEqual({ job: first.job, scheduled: false });
    expect(otherKind.scheduled).toBe(true);
    expect(await store.jobs.pending('reminder')).toHaveLength(1);
  });

  it('claims only due, unclaimed jobs, soonest first, and gives an expired lease to the next worker', async () => {
    const store = await backend.open();
    await store.jobs.scheduleJob('reminder', 'later', seconds(120), {});
    await store.jobs.scheduleJob('reminder', 'second', seconds(-10), {});
    await store.jobs.scheduleJob('reminder', 'first', seconds(-60), {});
    await store.jobs.scheduleJob('purge', 'other kind', seconds(-60), {});

    const claimed = await store.jobs.claimJobs('reminder', 'hub-a', 10, now, 30);
    expect(claimed.map((job) => [job.key, job.lockedBy, job.attempts])).toEqual([['first', 'hub-a', 1], ['second', 'hub-a', 1]]);
    expect(await store.jobs.claimJobs('reminder', 'hub-b', 10, seconds(5), 30)).toEqual([]);

    // hub-a stalls past its lease; hub-b takes the job, and hub-a can no longer complete it.
    const retaken = await store.jobs.claimJobs('reminder', 'hub-b', 1, seconds(31), 30);
    expect(retaken.map((job) => [job.key, job.attempts])).toEqual([['first', 2]]);
    expect(await store.jobs.completeJob(retaken[0]!.id, 'hub-a', seconds(32))).toBe(false);
    expect(await store.jobs.completeJob(retaken[0]!.id, 'hub-b', seconds(32))).toBe(true);
    expect(await store.jobs.completeJob(retaken[0]!.id, 'hub-b', seconds(33))).toBe(false);
    expect((await store.jobs.get(retaken[0]!.id))?.doneAt).toBe(seconds(32).toISOString());
  });

  it('retries a failed job with a doubling backoff and gives up after the last attempt', async () => {
    const store = await backend.open();
    const { job } = await store.jobs.scheduleJob('reminder', 'flaky', now, {});
    const options = { maxAttempts: 3, backoffSeconds: 30 };
    let at = now;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [claimed] = await store.jobs.claimJobs('reminder', 'hub-a', 1, at, 60);
      expect(claimed?.attempts).toBe(attempt);
      const failed = await store.jobs.failJob(job.id, 'hub-a', `Slack answered 503 (attempt ${attempt})`, at, options);
      expect(failed?.lastError).toBe(`Slack answered 503 (attempt ${attempt})`);
      if (attempt < 3) {
        delays.push((Date.parse(failed!.runAt) - at.getTime()) / 1000);
        expect(await store.jobs.claimJobs('reminder', 'hub-a', 1, at, 60)).toEqual([]);
        at = new Date(failed!.runAt);
      } else {
        expect(failed?.failedAt).toBe(at.toISOString());
      }
    }
    expect(delays).toEqual([30, 60]);
    expect(await store.jobs.claimJobs('reminder', 'hub-a', 1, seconds(86_400), 60)).toEqual([]);
    expect(await store.jobs.failJob(job.id, 'hub-b', 'not mine', now)).toBeUndefined();
  });

  it('sends each of 1,000 reminders exactly once when two hubs claim and complete at the same time', async () => {
    const hubA = await backend.open();
    const hubB = await backend.open(hubA.schema);
    const handoffIds = await Promise.all(Array.from({ length: 10 }, () => createHandoff(hubA)));
    await hubA.transaction(async (tx) => {
      for (const handoffId of handoffIds) {
        for (let rung = 0; rung < 100; rung++) {
          await tx.jobs.scheduleJob('reminder', `${handoffId}:r${rung}`, seconds(-rung), { handoffId, rung: `r${rung}` });
        }
      }
    });

    const completedBy = new Map<number, string[]>();
    async function work(store: Store, workerId: string): Promise<number> {
      let completed = 0;
      for (;;) {
        const jobs = await store.jobs.claimJobs<{ handoffId: string; rung: string }>('reminder', workerId, 20, now, 300);
        if (jobs.length === 0) return completed;
        for (const job of jobs) {
          // "Send", then record the sending and complete the job in one transaction.
          const done = await store.transaction(async (tx) => {
            await tx.handoffs.recordReminderSent(job.payload.handoffId, job.payload.rung, now);
            return tx.jobs.completeJob(job.id, workerId, now);
          });
          if (done) {
            completed++;
            completedBy.set(job.id, [...(completedBy.get(job.id) ?? []), workerId]);
          }
        }
      }
    }
    const [byA, byB] = await Promise.all([work(hubA, 'hub-a'), work(hubB, 'hub-b')]);

    expect(byA + byB).toBe(1000);
    expect(completedBy.size).toBe(1000);
    expect([...completedBy.values()].every((workers) => workers.length === 1)).toBe(true);
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
    const sent = await hubA.db.selectFrom('sent_reminders').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    expect(Number(sent.count)).toBe(1000);
    const open = await hubA.db.selectFrom('jobs').select('id').where('done_at', 'is', null).execute();
    expect(open).toEqual([]);
  });
});
