import { expect, it } from 'vitest';
import type { HandoffEvent } from '@liaison/core';
import { forEachBackend } from '../backends-for-tests.js';
import { SlackRepository } from './slack.js';

const now = new Date('2025-03-03T15:00:00.000Z');
const sender = { id: 'U024REF0001', name: 'Pat', kind: 'staff' as const };
const created: HandoffEvent = { sequence: 1, type: 'created', at: now.toISOString(), actor: sender, from: null, to: 'open' };

forEachBackend('Slack cards and installations', (backend) => {
  it('remembers where a card is and moves it when the hand-off is reassigned', async () => {
    const store = await backend.open();
    const { handoff } = await store.handoffs.create({
      state: 'open', question: 'Proxy error on JSTOR', summary: 'Proxy error', department: 'eresources', owner: null, sender,
      responsibility: 'passed', serviceLevel: '4 opening hours', createdAt: now.toISOString(), dueAt: now.toISOString(),
      updatedAt: now.toISOString(), resolvedAt: null, patron: null, links: {}, history: [created],
    });
    const slack = new SlackRepository(store.db);
    expect(await slack.card(handoff.id)).toBeNull();
    await slack.saveCard({ handoffId: handoff.id, teamId: 'T1', channel: 'C024ERM', ts: '1700000000.000100' }, now);
    expect(await slack.card(handoff.id)).toEqual({ handoffId: handoff.id, teamId: 'T1', channel: 'C024ERM', ts: '1700000000.000100' });
    await slack.saveCard({ handoffId: handoff.id, teamId: 'T1', channel: 'C024ILL', ts: '1700000001.000200' }, now);
    expect(await slack.card(handoff.id)).toMatchObject({ channel: 'C024ILL', ts: '1700000001.000200' });
    // A card for a hand-off that does not exist is refused by the database.
    await expect(slack.saveCard({ handoffId: 'H-9', teamId: null, channel: 'C1', ts: '1.2' }, now)).rejects.toThrow();
  });

  it('stores, replaces and forgets an OAuth installation by key', async () => {
    const store = await backend.open();
    const slack = new SlackRepository(store.db);
    expect(await slack.installation('T1')).toBeUndefined();
    await slack.saveInstallation('T1', { team: { id: 'T1' }, bot: { token: 'xoxb-1' } }, now);
    await slack.saveInstallation('T1', { team: { id: 'T1' }, bot: { token: 'xoxb-2' } }, now);
    expect(await slack.installation('T1')).toEqual({ team: { id: 'T1' }, bot: { token: 'xoxb-2' } });
    await slack.deleteInstallation('T1');
    expect(await slack.installation('T1')).toBeUndefined();
  });
});
