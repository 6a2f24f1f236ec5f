import { describe, expect, it } from 'vitest';
import { summarizeProportion, summarizeScores } from '../statistics/aggregate.js';
import { feedbackBucket, patronAnswerSchema, patronFeedbackPolicySchema, patronQuestionOffer, summarizePatronAnswers } from './feedback.js';

const day = 24 * 60 * 60 * 1000;
const resolvedAt = '2026-03-02T15:00:00.000Z';
const policy = (input: { ask_percent?: number; ask_for_days?: number } = {}) => patronFeedbackPolicySchema.parse(input);

describe('patronQuestionOffer', () => {
  const resolved = { id: 'H-1042', state: 'resolved' as const, resolvedAt };
  it.each([
    ['open hand-off', { ...resolved, state: 'open' as const, resolvedAt: null }, policy(), 0, false, 'not_resolved'],
    ['cancelled hand-off', { ...resolved, state: 'cancelled' as const }, policy(), 0, false, 'not_resolved'],
    ['resolved, everyone asked, same day', resolved, policy(), 0, true, 'asked'],
    ['resolved, last moment of the window', resolved, policy({ ask_for_days: 14 }), 14 * day - 1, true, 'asked'],
    ['resolved, window closed', resolved, policy({ ask_for_days: 14 }), 14 * day, false, 'window_closed'],
    ['nobody asked', resolved, policy({ ask_percent: 0 }), 0, false, 'not_sampled'],
  ])('%s', (_name, handoff, feedbackPolicy, after, ask, code) => {
    const offer = patronQuestionOffer(handoff, feedbackPolicy, new Date(Date.parse(resolvedAt) + after));
    expect(offer.ask).toBe(ask);
    expect(offer.reason.code).toBe(code);
  });

  it('asks about the share the policy names, and always the same hand-offs', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `H-${1001 + i}`);
    const asked = ids.filter((id) => patronQuestionOffer({ id, state: 'resolved', resolvedAt }, policy({ ask_percent: 30 }), new Date(resolvedAt)).ask);
    expect(asked.length / ids.length).toBeGreaterThan(0.27);
    expect(asked.length / ids.length).toBeLessThan(0.33);
    const again = ids.filter((id) => patronQuestionOffer({ id, state: 'resolved', resolvedAt }, policy({ ask_percent: 30 }), new Date(resolvedAt)).ask);
    expect(again).toEqual(asked);
    // Raising the share only adds hand-offs: nobody asked at 30% is dropped at 50%.
    const atHalf = new Set(ids.filter((id) => feedbackBucket(id) < 50));
    expect(asked.every((id) => atHalf.has(id))).toBe(true);
  });

  it('refuses a policy share outside 0–100 and a window under a day, naming the fix', () => {
    expect(patronFeedbackPolicySchema.safeParse({ ask_percent: 130 }).error?.issues[0]?.message).toContain('at most 100');
    expect(patronFeedbackPolicySchema.safeParse({ ask_for_days: 0 }).error?.issues[0]?.message).toContain('1 day or more');
    expect(policy()).toEqual({ ask_percent: 100, ask_for_days: 14 });
  });
});

describe('patronAnswerSchema', () => {
  it.each([
    [{ rating: '5' }, { rating: 5 }],
    [{ rating: '1', comment: '  Thanks!  ' }, { rating: 1, comment: 'Thanks!' }],
    [{ rating: '3', comment: '   ' }, { rating: 3 }],
  ])('reads %j', (input, expected) => {
    expect(patronAnswerSchema.parse(input)).toEqual(expected);
  });

  it.each([[{}], [{ rating: '0' }], [{ rating: '6' }], [{ rating: '2.5' }], [{ rating: 'five' }], [{ rating: '4', comment: 'x'.repeat(2001) }]])(
    'refuses %j with a message naming the fix',
    (input) => {
      const result = patronAnswerSchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/choose|shorten/);
    },
  );
});

describe('summarizePatronAnswers', () => {
  it("gives each department and topic n and intervals equal to core's statistics on the same ratings", () => {
    const answers = [
      { department: 'reference', topics: ['link-resolver'], rating: 5 },
      { department: 'reference', topics: ['link-resolver', 'proxy'], rating: 4 },
      { department: 'reference', topics: [], rating: 2 },
      { department: 'eresources', topics: ['proxy', 'proxy'], rating: 1 },
    ];
    const report = summarizePatronAnswers(answers);
    expect(report.overall.rating).toEqual(summarizeScores([5, 4, 2, 1], { subject: 'team' }));
    expect(report.byDepartment.map((group) => group.key)).toEqual(['eresources', 'reference']);
    const reference = report.byDepartment[1]!;
    expect(reference.rating).toEqual(summarizeScores([5, 4, 2], { subject: 'team' }));
    expect(reference.answered).toEqual(summarizeProportion(2, 3, { subject: 'team' }));
    expect(reference.rating.n).toBe(3);
    expect(reference.rating.ci).not.toBeNull();
    // A hand-off tagged twice with one topic counts once under it.
    expect(report.byTopic).toEqual([
      { key: 'link-resolver', rating: summarizeScores([5, 4], { subject: 'team' }), answered: summarizeProportion(2, 2, { subject: 'team' }) },
      { key: 'proxy', rating: summarizeScores([4, 1], { subject: 'team' }), answered: summarizeProportion(1, 2, { subject: 'team' }) },
    ]);
  });

  it('reports no data, not a made-up figure, when nobody answered', () => {
    const report = summarizePatronAnswers([]);
    expect(report.overall.rating).toMatchObject({ n: 0, mean: null, ci: null });
    expect(report.byDepartment).toEqual([]);
  });
});
