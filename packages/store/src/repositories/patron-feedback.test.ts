import { expect, it } from 'vitest';
import type { HandoffEvent } from '@liaison/core';
import { forEachBackend } from '../backends-for-tests.js';
import type { Store } from '../open-store.js';

const pat = { id: 'U-PAT', name: 'Pat (Reference)', kind: 'staff' as const };
const at = '2026-03-02T15:00:00.000Z';

async function resolvedHandoff(store: Store): Promise<string> {
  const created: HandoffEvent = { sequence: 1, type: 'created', at, actor: pat, from: null, to: 'open', toDepartment: 'eresources' };
  const { handoff } = await store.handoffs.create({
    state: 'open',
    question: 'The proxy refuses my log-in',
    summary: 'Proxy log-in',
    department: 'eresources',
    owner: null,
    sender: pat,
    responsibility: 'passed',
    serviceLevel: '1 business day',
    createdAt: at,
    dueAt: at,
    updatedAt: at,
    resolvedAt: null,
    links: {},
    history: [created],
  });
  return handoff.id;
}

forEachBackend('patron feedback', (backend) => {
  it('keeps one answer per hand-off: a second or retried answer finds the first, unchanged', async () => {
    const store = await backend.open();
    const handoffId = await resolvedHandoff(store);
    const answer = { handoffId, department: 'eresources', topics: ['proxy'], rating: 4, comment: 'Quick, thanks', answeredAt: new Date('2026-03-03T10:00:00.000Z') };
    const first = await store.patronFeedback.record(answer);
    expect(first).toEqual({ created: true, record: answer });
    const retried = await Promise.all([store.patronFeedback.record(answer), store.patronFeedback.record({ ...answer, rating: 1, comment: null })]);
    expect(retried.map((result) => result.created)).toEqual([false, false]);
    expect(retried.map((result) => result.record)).toEqual([answer, answer]);
    expect(await store.patronFeedback.find(handoffId)).toEqual(answer);
    expect(await store.patronFeedback.list({ from: new Date('2026-03-01'), to: new Date('2026-04-01') })).toEqual([answer]);
    expect(await store.patronFeedback.list({ from: new Date('2026-03-01'), to: new Date('2026-04-01'), department: 'reference' })).toEqual([]);
    expect(await store.patronFeedback.list({ from: new Date('2026-03-04'), to: new Date('2026-04-01') })).toEqual([]);
  });

  it('refuses a rating outside 1–5 and an answer for a hand-off that does not exist', async () => {
    const store = await backend.open();
    const handoffId = await resolvedHandoff(store);
    const answer = { handoffId, department: 'eresources', topics: [], rating: 6, comment: null, answeredAt: new Date(at) };
    await expect(store.patronFeedback.record(answer)).rejects.toThrow();
    await expect(store.patronFeedback.record({ ...answer, rating: 3, handoffId: 'H-999999' })).rejects.toThrow();
    expect(await store.patronFeedback.find(handoffId)).toBeUndefined();
  });
});
