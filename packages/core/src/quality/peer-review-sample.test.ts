import { describe, expect, it } from 'vitest';
import { drawPeerReviewSample, handledBy, type ReviewCandidate } from './peer-review-sample.js';

const candidates: ReviewCandidate[] = [
  ...Array.from({ length: 20 }, (_, i) => ({ handoffId: `H-${1100 + i}`, department: 'reference', handledBy: i % 2 === 0 ? ['ana'] : ['ben'] })),
  ...Array.from({ length: 3 }, (_, i) => ({ handoffId: `H-${1200 + i}`, department: 'ill', handledBy: ['cy'] })),
];
const reviewerIds = ['ana', 'ben', 'cy'];

describe('drawPeerReviewSample', () => {
  it('draws up to the number per department, never giving a hand-off to someone who handled it', () => {
    const draw = drawPeerReviewSample({ candidates, reviewerIds, perDepartment: 5, seed: '2026-W10' });
    const byDepartment = (department: string) => draw.assignments.filter((a) => a.department === department);
    expect(byDepartment('reference')).toHaveLength(5);
    expect(byDepartment('ill')).toHaveLength(3);
    for (const assignment of draw.assignments) {
      const candidate = candidates.find((c) => c.handoffId === assignment.handoffId)!;
      expect(candidate.handledBy).not.toContain(assignment.reviewerId);
    }
    expect(new Set(draw.assignments.map((a) => a.handoffId)).size).toBe(draw.assignments.length);
  });

  it('gives the same draw for the same seed, whatever order the hand-offs come in, and another for another seed', () => {
    const first = drawPeerReviewSample({ candidates, reviewerIds, perDepartment: 5, seed: '2026-W10' });
    const again = drawPeerReviewSample({ candidates: [...candidates].reverse(), reviewerIds: [...reviewerIds].reverse(), perDepartment: 5, seed: '2026-W10' });
    expect(again).toEqual(first);
    const other = drawPeerReviewSample({ candidates, reviewerIds, perDepartment: 5, seed: '2026-W11' });
    expect(other.assignments.map((a) => a.handoffId)).not.toEqual(first.assignments.map((a) => a.handoffId));
  });

  it('samples every hand-off about equally often over many seeds', () => {
    const counts = new Map<string, number>();
    for (let week = 0; week < 2000; week++) {
      for (const a of drawPeerReviewSample({ candidates, reviewerIds, perDepartment: 5, seed: `seed-${week}` }).assignments) {
        if (a.department === 'reference') counts.set(a.handoffId, (counts.get(a.handoffId) ?? 0) + 1);
      }
    }
    // Each of 20 is expected 2000 × 5/20 = 500 times.
    for (const count of counts.values()) expect(Math.abs(count - 500)).toBeLessThan(100);
    expect(counts.size).toBe(20);
  });

  it('names the sampled hand-offs no reviewer may take, and refuses a sample size under 1', () => {
    const draw = drawPeerReviewSample({ candidates: [{ handoffId: 'H-1', department: 'ill', handledBy: ['cy'] }], reviewerIds: ['cy'], perDepartment: 2, seed: 's' });
    expect(draw.assignments).toEqual([]);
    expect(draw.unassigned).toEqual([{ handoffId: 'H-1', department: 'ill', reason: expect.objectContaining({ code: 'no_eligible_reviewer' }) }]);
    expect(() => drawPeerReviewSample({ candidates, reviewerIds, perDepartment: 0, seed: 's' })).toThrow(RangeError);
  });
});

describe('handledBy', () => {
  it('names the sender, the owner and every staff actor in the history, not the system', () => {
    const at = '2026-03-02T15:00:00.000Z';
    expect(
      handledBy({
        sender: { id: 'pat' },
        owner: 'sam',
        history: [
          { sequence: 1, type: 'created', at, actor: { id: 'pat' }, from: null, to: 'open' },
          { sequence: 2, type: 'reassigned', at, actor: { id: 'lee' }, from: 'open', to: 'open' },
          { sequence: 3, type: 'noted', at, actor: { id: 'liaison', kind: 'system' }, from: 'open', to: 'open' },
        ],
      }),
    ).toEqual(['lee', 'pat', 'sam']);
  });
});
