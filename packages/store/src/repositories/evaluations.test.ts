import { expect, it } from 'vitest';
import { forEachBackend } from '../backends-for-tests.js';

const now = new Date('2025-03-03T15:00:00.000Z');
const readerRubric = { title: 'Reference interview', questions: [{ id: 'greeting', weight: 1 }] };

forEachBackend('rubrics and evaluations', (backend) => {
  it('versions rubrics without altering earlier versions, and finds the latest', async () => {
    const store = await backend.open();
    expect(await store.rubrics.latest('reference')).toBeUndefined();
    const first = await store.rubrics.publish('reference', readerRubric, now);
    const second = await store.rubrics.publish('reference', { ...readerRubric, title: 'Reference interview (2025)' }, now);
    await store.rubrics.publish('chat', readerRubric, now);
    expect([first.version, second.version]).toEqual([1, 2]);
    expect((await store.rubrics.latest('reference'))?.version).toBe(2);
    expect((await store.rubrics.get('reference', 1))?.definition).toEqual(readerRubric);
    expect((await store.rubrics.versions('reference')).map((rubric) => rubric.version)).toEqual([1, 2]);
    const concurrent = await Promise.all([1, 2, 3].map(() => store.rubrics.publish('desk', readerRubric, now)));
    expect(concurrent.map((rubric) => rubric.version).sort()).toEqual([1, 2, 3]);
  });

  it('stores evaluations against a rubric version and filters them', async () => {
    const store = await backend.open();
    await store.rubrics.publish('reference', readerRubric, now);
    const base = { rubricId: 'reference', rubricVersion: 1, rater: 'shopper-3', answers: { greeting: 'yes' } };
    await store.evaluations.record({ ...base, staff: 'desk-main', score: 0.8, channel: 'desk', createdAt: '2025-03-01T10:00:00.000Z' });
    await store.evaluations.record({ ...base, staff: 'desk-main', score: null, createdAt: '2025-03-02T10:00:00.000Z' });
    await store.evaluations.record({ ...base, staff: 'chat', score: 0.5, channel: 'chat', createdAt: '2025-03-02T11:00:00.000Z' });
    const forMain = await store.evaluations.list({ staff: 'desk-main' });
    expect(forMain.map((evaluation) => [evaluation.score, evaluation.channel])).toEqual([[0.8, 'desk'], [null, null]]);
    expect(forMain[0]?.answers).toEqual({ greeting: 'yes' });
    expect(await store.evaluations.list({ since: new Date('2025-03-02T00:00:00Z'), until: new Date('2025-03-02T10:30:00Z') })).toHaveLength(1);
    await expect(store.evaluations.record({ ...base, rubricVersion: 9, staff: 'x', score: 1, createdAt: now })).rejects.toThrow();
  });
});
