import { describe, expect, it } from 'vitest';
import { rubricSchema } from './schema.js';
import { scoreEvaluation } from './score.js';
import type { Answer, Evaluation } from './score.js';

const rubric = rubricSchema.parse({
  id: 'desk-check',
  version: 2,
  name: 'Desk check',
  kind: 'quality',
  description: 'Test rubric with every kind of scale',
  sections: [
    {
      id: 'service',
      title: 'Service',
      criteria: [
        { id: 'greeted', text: 'Greeted the patron', scale: { type: 'yes_no' }, weight: 2 },
        { id: 'tone', text: 'Tone', scale: { type: 'rating', min: 1, max: 5 } },
        { id: 'accuracy', text: 'Accuracy', scale: { type: 'points', max: 4 }, allow_na: true },
      ],
    },
    {
      id: 'closing',
      title: 'Closing',
      criteria: [
        { id: 'checked-answered', text: 'Checked the question was answered', scale: { type: 'yes_no' }, critical: true },
        { id: 'smiled', text: 'Smiled on leaving', scale: { type: 'yes_no' }, channels: ['in_person'] },
        { id: 'chat-closing', text: 'Closed the chat properly', scale: { type: 'rating', min: 1, max: 3 }, channels: ['chat'] },
      ],
    },
  ],
});

const evaluation = (answers: Record<string, Answer>, extra: Partial<Evaluation> = {}): Evaluation => ({
  rubricId: 'desk-check',
  rubricVersion: 2,
  raterId: 'U-RATER',
  answers,
  ...extra,
});

describe('scoreEvaluation: quality rubrics', () => {
  it.each([
    {
      name: 'at the desk: yes full, rating scaled from its minimum, N/A and chat-only criteria left out',
      channel: 'desk' as const,
      answers: { greeted: true, tone: 4, accuracy: 'na', 'checked-answered': true, smiled: false },
      // service: (2·1 + 1·0.75) / 3 = 91.7%; closing: (1 + 0) / 2 = 50%; overall 3.75 / 5 = 75%
      expected: { percent: 75, passed: true, failedCritical: [], bySection: [{ id: 'service', percent: 91.7 }, { id: 'closing', percent: 50 }], answered: 4, notApplicable: 2 },
    },
    {
      name: 'in chat: a failed critical criterion fails the evaluation and is named',
      channel: 'chat' as const,
      answers: { greeted: false, tone: 1, accuracy: 2, 'checked-answered': false, 'chat-closing': 3 },
      // service: (0 + 0 + 0.5) / 4 = 12.5%; closing: (0 + 1) / 2 = 50%; overall 1.5 / 6 = 25%
      expected: {
        percent: 25,
        passed: false,
        failedCritical: [{ criterionId: 'checked-answered', text: 'Checked the question was answered' }],
        bySection: [{ id: 'service', percent: 12.5 }, { id: 'closing', percent: 50 }],
        answered: 5,
        notApplicable: 1,
      },
    },
    {
      name: 'with no channel recorded, every criterion applies',
      channel: undefined,
      answers: { greeted: true, tone: 5, accuracy: 4, 'checked-answered': true, smiled: true, 'chat-closing': 2 },
      // (2 + 1 + 1 + 1 + 1 + 0.5) / 7 = 92.857…
      expected: { percent: 92.9, passed: true, failedCritical: [], bySection: [{ id: 'service', percent: 100 }, { id: 'closing', percent: 83.3 }], answered: 6, notApplicable: 0 },
    },
  ])('$name', ({ channel, answers, expected }) => {
    const result = scoreEvaluation(evaluation(answers as Record<string, Answer>, channel ? { channel } : {}), rubric);
    if (!result.ok) throw result.error;
    expect(result.value).toEqual({ kind: 'quality', rubricId: 'desk-check', rubricVersion: 2, ...expected });
  });

  const complete = { greeted: true, tone: 3, accuracy: 2, 'checked-answered': true, smiled: true } as const;

  it.each([
    ['a missing answer', { ...complete, tone: undefined }, 'answers.tone', /has no answer \(sections\[0\]\.criteria\[1\]/],
    ['a null answer', { ...complete, tone: null }, 'answers.tone', /has no answer/],
    ['N/A where it is not allowed', { ...complete, greeted: 'na' }, 'answers.greeted', /cannot be N\/A \(sections\[0\]\.criteria\[0\]/],
    ['a rating above the scale', { ...complete, tone: 6 }, 'answers.tone', /6 is not on the scale/],
    ['a rating below the scale', { ...complete, tone: 0 }, 'answers.tone', /0 is not on the scale/],
    ['a fractional rating', { ...complete, tone: 2.5 }, 'answers.tone', /not on the scale/],
    ['points above the maximum', { ...complete, accuracy: 5 }, 'answers.accuracy', /5 is not within the points/],
    ['a number for yes/no', { ...complete, greeted: 1 }, 'answers.greeted', /1 is not yes or no/],
    ['an answer to a criterion the rubric lacks', { ...complete, smiling: true }, 'answers.smiling', /is not a criterion of desk-check version 2/],
  ])('refuses %s, naming the criterion', (_name, answers, path, message) => {
    const result = scoreEvaluation(evaluation(answers as Record<string, Answer>, { channel: 'desk' }), rubric);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('evaluation_invalid');
    const issue = result.error.issues.find((found) => found.path.join('.') === path);
    expect(issue, JSON.stringify(result.error.issues)).toBeDefined();
    expect(issue!.message).toMatch(message);
    expect(issue!.hint).toBeTruthy();
  });

  it('reports every problem at once', () => {
    const result = scoreEvaluation(evaluation({ greeted: 'na', tone: 9 }, { channel: 'desk' }), rubric);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues.map((issue) => issue.path.join('.'))).toEqual(['answers.greeted', 'answers.tone', 'answers.accuracy', 'answers.checked-answered', 'answers.smiled']);
  });

  it('refuses an evaluation entered on another rubric or version', () => {
    const other = scoreEvaluation(evaluation(complete, { rubricId: 'mystery-shopper-visit' }), rubric);
    const older = scoreEvaluation(evaluation(complete, { rubricVersion: 1 }), rubric);
    expect(!other.ok && other.error.issues[0]!.path).toEqual(['rubricId']);
    expect(!older.ok && older.error.issues[0]!.path).toEqual(['rubricVersion']);
  });

  it('refuses an evaluation where nothing could be scored', () => {
    const allOptional = rubricSchema.parse({
      id: 'optional',
      version: 1,
      name: 'Optional',
      kind: 'quality',
      description: 'Every criterion may be N/A',
      sections: [{ id: 'only', title: 'Only', criteria: [{ id: 'a', text: 'A', scale: { type: 'yes_no' }, allow_na: true }] }],
    });
    const result = scoreEvaluation({ rubricId: 'optional', rubricVersion: 1, raterId: 'R', answers: { a: 'na' } }, allOptional);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/nothing to score/);
  });

  it('fails an evaluation below the rubric’s pass mark, and passes one at it', () => {
    const withPassMark = rubricSchema.parse({ ...rubric, pass_percent: 80 });
    const below = scoreEvaluation(evaluation({ ...complete, greeted: false }, { channel: 'desk' }), withPassMark);
    const at = scoreEvaluation(evaluation({ greeted: true, tone: 5, accuracy: 4, 'checked-answered': true, smiled: false }, { channel: 'desk' }), withPassMark);
    if (!below.ok || !at.ok || below.value.kind !== 'quality' || at.value.kind !== 'quality') throw new Error('expected quality scores');
    expect(below.value).toMatchObject({ passed: false, failedCritical: [] });
    expect(at.value).toMatchObject({ percent: 83.3, passed: true });
  });
});
