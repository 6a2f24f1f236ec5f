import { expect, it } from 'vitest';
import { createHandoff } from '@liaison/core';
import { forEachBackend } from './backends-for-tests.js';
import { handoffIdOf } from './handoff-changes.js';

const pat = { id: 'U-PAT', name: 'Pat', kind: 'staff' as const };

function newHandoff() {
  const { id: _id, ...handoff } = createHandoff(
    { id: 'unnumbered', question: 'The proxy refuses my login', department: 'eresources', serviceLevel: '4 opening hours', dueAt: '2026-03-03T18:00:00.000Z' },
    pat,
    new Date('2026-03-03T14:00:00.000Z'),
  );
  return handoff;
}

/** Resolves with the first id `listen` reports, or rejects after `ms`. */
function nextChange(ids: string[], ms = 5000): Promise<string> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (ids.length > 0) {
        clearInterval(poll);
        resolve(ids.shift()!);
      } else if (Date.now() - started > ms) {
        clearInterval(poll);
        reject(new Error('no change was announced'));
      }
    }, 10);
  });
}

forEachBackend('hand-off changes', (backend) => {
  it('tells a second store on the same schema (another hub) of a hand-off created and changed through the first', async () => {
    const schema = backend.newSchema();
    const writer = await backend.open(schema);
    const reader = await backend.open(schema);
    const seen: string[] = [];
    await reader.listenForHandoffChanges((id) => seen.push(id));
    const { handoff } = await writer.handoffs.create(newHandoff());
    expect(await nextChange(seen)).toBe(handoff.id);
    await writer.handoffs.recordReminderSent(handoff.id, '75%', new Date('2026-03-03T17:00:00.000Z'));
    expect(await nextChange(seen)).toBe(handoff.id);
  });

  it('hears nothing of another schema on the same database', async () => {
    const listening = await backend.open();
    const other = await backend.open();
    const seen: string[] = [];
    const subscription = await listening.listenForHandoffChanges((id) => seen.push(id));
    await other.handoffs.create(newHandoff());
    const { handoff } = await listening.handoffs.create(newHandoff());
    expect(await nextChange(seen)).toBe(handoff.id);
    expect(seen).toEqual([]);
    await subscription.close();
    await listening.handoffs.create(newHandoff());
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toEqual([]);
  });
});

it('reads only well-formed notifications of its own schema', () => {
  expect(handoffIdOf('{"schema":"a","id":"H-1"}', 'a')).toBe('H-1');
  expect(handoffIdOf('{"schema":"b","id":"H-1"}', 'a')).toBeUndefined();
  expect(handoffIdOf('not json', 'a')).toBeUndefined();
  expect(handoffIdOf(undefined, 'a')).toBeUndefined();
});
