/**
 * Time away end to end in the hub: a new hand-off for a patron of a liaison team goes to whoever
 * covers, reminders for an away owner go to the backup, the lead hears at once when the whole team
 * is away, and the return summary is sent once — even by two hubs on one database.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Handoff, Reminder } from '@liaison/core';
import { createScheduler, type Notifier } from './scheduler.js';
import { openTestStore, startTestHub, testClock, tuesdayMorning, type TestHub } from './hub-for-tests.js';

function recordingNotifier() {
  const reminders: { reminder: Reminder; handoff: Handoff }[] = [];
  const told: { contact: string; text: string }[] = [];
  const notifier: Notifier = {
    async remind(reminder, handoff) {
      reminders.push({ reminder, handoff });
    },
    async spike() {},
    async tell(contact, text) {
      told.push({ contact, text });
    },
  };
  return { notifier, reminders, told };
}

const hubs: TestHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
});

// In the example policy Chemistry's liaison is U024REF0001, its backup U024REF0002; the reference
// department's rota is U024REF0002 then priya.natarajan@northfield.edu, its lead U024REFLEAD.
const primary = 'U024REF0001';
const backup = 'U024REF0002';

async function freshHub() {
  const clock = testClock(tuesdayMorning);
  const store = await openTestStore();
  const recorder = recordingNotifier();
  const hub = await startTestHub({ store, clock, notifier: recorder.notifier });
  hubs.push(hub);
  const staff = await hub.auth();
  const create = async (question: string, patron: Record<string, string> = { affiliation: 'Chemistry' }) => {
    const response = await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: staff, payload: { question, patron } });
    expect(response.statusCode).toBe(201);
    return response.json().handoff as Handoff;
  };
  const away = (person: string, until: string, from = '2026-03-09') => store.away.set({ person, from, until, setBy: 'test', now: clock() });
  return { hub, clock, store, create, away, ...recorder };
}

describe('time away in the hub', { timeout: 60_000 }, () => {
  it('routes a Chemistry patron\'s hand-off to the liaison, or to the backup with the reason while the liaison is away', async () => {
    const { create, away } = await freshHub();
    const present = await create('Can you help me find spectra for benzene?');
    expect(present.owner).toBe(primary);
    expect(present.routing?.liaison).toMatchObject({ affiliation: 'Chemistry', primary, backups: [backup], routedTo: primary });

    await away(primary, '2026-03-20');
    const covered = await create('Where are the chemistry theses?');
    expect(covered.owner).toBe(backup);
    expect(covered.routing?.explanation).toContain("Chemistry's liaison, U024REF0001, is away until 20 March; routed to U024REF0002.");
    expect(covered.routing?.liaison?.away).toMatchObject({ person: primary, until: '2026-03-20' });

    const noTeam = await create('A question from a historian', { affiliation: 'Physics' });
    expect(noTeam.owner).toBeNull();
    expect(noTeam.routing?.liaison).toBeUndefined();
  });

  it('tells the department lead at once, and once, when the whole team is away', async () => {
    const { hub, create, away, reminders } = await freshHub();
    await away(primary, '2026-03-20');
    await away(backup, '2026-03-20');
    const handoff = await create('Is the chemistry database down?');
    expect(handoff.owner).toBe('priya.natarajan@northfield.edu');
    expect((await hub.scheduler.tick()).teamAwayAlerts).toBe(1);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.reminder.recipient).toEqual({ kind: 'person', contact: 'U024REFLEAD' });
    expect(reminders[0]!.reminder.message).toContain('nobody on the Chemistry team is available');
    expect((await hub.scheduler.tick()).teamAwayAlerts).toBe(0);
    expect(reminders).toHaveLength(1);
  });

  it('sends the owner\'s reminder (75% rung) to the backup, saying why', async () => {
    const { hub, store, clock, create, away, reminders } = await freshHub();
    const handoff = await create('Chemistry question for the owner rung');
    await away(primary, '2026-03-20');
    // Step through time until the first reminder goes out; the first rung of the example ladder is the owner's.
    for (let step = 0; step < 200 && reminders.length === 0; step++) {
      clock.advance(15 * 60_000);
      await hub.scheduler.tick();
    }
    expect(reminders[0]?.reminder.notify).toBe('owner');
    expect(reminders[0]?.reminder.recipient).toEqual({ kind: 'person', contact: backup });
    expect(reminders[0]?.reminder.message).toContain('routed to U024REF0002');
    expect((await store.handoffs.get(handoff.id))?.owner).toBe(primary);
  });

  it('sends one return summary when the time away ends, even with two hubs ticking', async () => {
    const { hub, store, clock, create, away, told } = await freshHub();
    await away(primary, '2026-03-11', '2026-03-10');
    const covered = await create('A question while Sam is away');
    expect(covered.owner).toBe(backup);
    await hub.app.inject({ method: 'POST', url: `/api/v1/handoffs/${covered.id}/events`, headers: await hub.auth(), payload: { type: 'noted', note: 'Sent the patron the link' } });
    expect((await hub.scheduler.tick()).returnSummaries).toBe(0);

    clock.set(new Date('2026-03-12T15:00:00Z'));
    const second = createScheduler({ ...hub.context, notifier: recordingNotifier().notifier });
    const [first, other] = await Promise.all([hub.scheduler.tick(), second.tick()]);
    expect(first.returnSummaries + other.returnSummaries).toBe(1);
    await hub.scheduler.tick();
    const mine = told.filter((message) => message.contact === primary);
    if (first.returnSummaries === 1) {
      expect(mine).toHaveLength(1);
      expect(mine[0]!.text).toContain('Welcome back. While you were away (10 March to 11 March): 1 of your hand-offs changed; 1 still open.');
      expect(mine[0]!.text).toContain(`${covered.id} "`);
      expect(mine[0]!.text).toContain('routed to cover while you were away');
    }
    await second.stop();
    expect(await store.away.get(primary)).toBeDefined();
  });
});
