import { describe, expect, it } from 'vitest';
import { rubricSchema } from '../schema.js';
import { scoreEvaluation } from '../score.js';
import type { Answer } from '../score.js';
import { builtinRubricIds, builtinRubrics, getBuiltinRubric } from './index.js';

describe('built-in rubrics', () => {
  it('are exactly the ids the policy schema accepts, in order', () => {
    expect(builtinRubrics.map((rubric) => rubric.id)).toEqual([...builtinRubricIds]);
  });

  it.each(builtinRubrics.map((rubric) => [rubric.id, rubric] as const))('%s parses with rubricSchema', (_id, rubric) => {
    expect(rubricSchema.safeParse(rubric).success).toBe(true);
  });

  it('finds a built-in by id and nothing for an unknown id', () => {
    expect(getBuiltinRubric('read-scale')?.kind).toBe('classification');
    expect(getBuiltinRubric('rusa-2013')).toBeUndefined();
  });

  it('follow the 2023 RUSA structure: inclusion, approachability, engagement, searching, evaluation, closure', () => {
    expect(getBuiltinRubric('rusa-behavioral-2023')!.sections.map((section) => section.id)).toEqual([
      'inclusion',
      'approachability',
      'engagement',
      'searching',
      'evaluation',
      'closure',
    ]);
  });
});

/** Answers every criterion of a rubric with `answer`, then applies `overrides`. */
const answerAll = (id: string, answer: (scaleType: string, max: number) => Answer, overrides: Record<string, Answer> = {}) => {
  const rubric = getBuiltinRubric(id)!;
  const answers: Record<string, Answer> = {};
  for (const section of rubric.sections) {
    for (const criterion of section.criteria) {
      const scale = criterion.scale;
      answers[criterion.id] = answer(scale.type, scale.type === 'yes_no' ? 1 : scale.max);
    }
  }
  return { rubric, answers: { ...answers, ...overrides } };
};
const best = (type: string, max: number): Answer => (type === 'yes_no' ? true : max);

describe('scoring the built-ins', () => {
  it('RUSA 2023 at the desk: the chat-only criteria drop out, N/A leaves the denominator', () => {
    const { rubric, answers } = answerAll('rusa-behavioral-2023', best, {
      'adapts-to-needs': 'na',
      'arranges-follow-up': 'na',
      'addresses-misinformation': 'na',
      'confirms-question': false,
      'invites-return': false,
    });
    const result = scoreEvaluation({ rubricId: rubric.id, rubricVersion: 1, raterId: 'R', channel: 'desk', answers }, rubric);
    if (!result.ok) throw result.error;
    // 22 criteria; 2 are remote-only (acknowledges-remotely, keeps-informed) and 3 are N/A → 17 scored, 15 yes.
    expect(result.value).toMatchObject({ kind: 'quality', percent: 88.2, passed: true, answered: 17, notApplicable: 5 });
    if (result.value.kind === 'quality') {
      expect(result.value.bySection.find((section) => section.id === 'engagement')?.percent).toBe(66.7);
    }
  });

  it('mystery shopper: a friendly visit with a wrong answer fails on the critical criterion', () => {
    const { rubric, answers } = answerAll('mystery-shopper-visit', best, { 'answer-accuracy': 0 });
    const result = scoreEvaluation({ rubricId: rubric.id, rubricVersion: 1, raterId: 'shopper-7', channel: 'desk', unitId: 'visit-12', answers }, rubric);
    if (!result.ok) throw result.error;
    // At the desk 10 criteria apply (first-response-time is remote-only); accuracy weighs 3 of 12.
    expect(result.value).toMatchObject({ percent: 75, passed: false, failedCritical: [{ criterionId: 'answer-accuracy' }] });
  });

  it('mystery shopper by chat: desk-only criteria drop out; 2 of 4 accuracy points and a slow reply still pass the 70% mark', () => {
    const { rubric, answers } = answerAll('mystery-shopper-visit', best, { 'answer-accuracy': 2, 'first-response-time': 0, 'referral-when-appropriate': 'na' });
    const result = scoreEvaluation({ rubricId: rubric.id, rubricVersion: 1, raterId: 'shopper-7', channel: 'chat', answers }, rubric);
    if (!result.ok) throw result.error;
    // Scored: first-response-time 0, approachability 1, clarified 1, accuracy 0.5×3, time 1, follow-up 1, would-return 1 → 6.5 / 9.
    expect(result.value).toMatchObject({ percent: 72.2, passed: true, answered: 7, notApplicable: 4 });
  });

  it('READ Scale: returns the level and its words, not a percentage', () => {
    const rubric = getBuiltinRubric('read-scale')!;
    const result = scoreEvaluation({ rubricId: 'read-scale', rubricVersion: 1, raterId: 'R', answers: { 'effort-level': 3 } }, rubric);
    if (!result.ok) throw result.error;
    expect(result.value).toEqual({
      kind: 'classification',
      rubricId: 'read-scale',
      rubricVersion: 1,
      criterionId: 'effort-level',
      level: 3,
      label: 'Some effort and time: ready-reference resources, reference skills, brief instruction',
    });
  });

  it.each([[7], [0], ['na'], [null]])('READ Scale: refuses level %j', (level) => {
    const rubric = getBuiltinRubric('read-scale')!;
    const result = scoreEvaluation({ rubricId: 'read-scale', rubricVersion: 1, raterId: 'R', answers: { 'effort-level': level as Answer } }, rubric);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues[0]!.path).toEqual(['answers', 'effort-level']);
  });
});
