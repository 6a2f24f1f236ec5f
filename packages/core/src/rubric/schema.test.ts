import { describe, expect, it } from 'vitest';
import { rubricSchema, rubricsPolicySchema } from './schema.js';
import type { RubricInput } from './schema.js';

const minimal = (): RubricInput => ({
  id: 'desk-check',
  version: 1,
  name: 'Desk check',
  kind: 'quality',
  description: 'A short check of a desk interaction',
  sections: [
    {
      id: 'greeting',
      title: 'Greeting',
      criteria: [
        { id: 'greeted', text: 'Greeted the patron', scale: { type: 'yes_no' } },
        { id: 'tone', text: 'Tone', scale: { type: 'rating', max: 5, labels: { '1': 'Cold', '5': 'Warm' } } },
      ],
    },
  ],
});

const issuesOf = (input: unknown, schema: typeof rubricSchema | typeof rubricsPolicySchema = rubricSchema) => {
  const parsed = schema.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};

describe('rubricSchema', () => {
  it('applies defaults: weight 1, not critical, no N/A, ratings from 1', () => {
    const rubric = rubricSchema.parse(minimal());
    const [greeted, tone] = rubric.sections[0]!.criteria;
    expect(greeted).toMatchObject({ weight: 1, critical: false, allow_na: false });
    expect(tone!.scale).toEqual({ type: 'rating', min: 1, max: 5, labels: { '1': 'Cold', '5': 'Warm' } });
  });

  const change = (edit: (rubric: RubricInput) => void) => {
    const rubric = minimal();
    edit(rubric);
    return rubric;
  };

  it.each([
    ['a repeated criterion id, naming the first', change((r) => (r.sections[0]!.criteria[1]!.id = 'greeted')), 'sections.0.criteria.1.id', /already used by sections\[0\]\.criteria\[0\]/],
    [
      'a criterion id repeated in another section',
      change((r) => r.sections.push({ id: 'closing', title: 'Closing', criteria: [{ id: 'tone', text: 'Tone again', scale: { type: 'yes_no' } }] })),
      'sections.1.criteria.0.id',
      /already used by sections\[0\]\.criteria\[1\]/,
    ],
    ['a repeated section id', change((r) => r.sections.push({ ...r.sections[0]!, criteria: [{ id: 'other', text: 'Other', scale: { type: 'yes_no' } }] })), 'sections.1.id', /already used by sections\[0\]/],
    ['a rating whose max is not above min', change((r) => (r.sections[0]!.criteria[1]!.scale = { type: 'rating', min: 3, max: 3 })), 'sections.0.criteria.1.scale.max', /greater than min/],
    ['a label off the scale', change((r) => (r.sections[0]!.criteria[1]!.scale = { type: 'rating', max: 5, labels: { '7': 'Off' } })), 'sections.0.criteria.1.scale.labels.7', /not a point of the scale/],
    ['a weight of 0', change((r) => (r.sections[0]!.criteria[0]!.weight = 0)), 'sections.0.criteria.0.weight', /more than 0/],
    ['an unknown scale type', change((r) => ((r.sections[0]!.criteria[0]!.scale as unknown) = { type: 'stars' })), 'sections.0.criteria.0.scale.type', /is not a scale/],
    ['an unknown key', change((r) => ((r as Record<string, unknown>).colour = 'blue')), '', /colour/],
    ['an unknown channel', change((r) => ((r.sections[0]!.criteria[0]!.channels as unknown) = ['fax'])), 'sections.0.criteria.0.channels.0', /./],
    ['an empty section', change((r) => (r.sections[0]!.criteria = [])), 'sections.0.criteria', /at least one/],
    ['a version of 0', change((r) => (r.version = 0)), 'version', /1 or more/],
    ['a classification rubric with two criteria', change((r) => (r.kind = 'classification')), 'sections', /exactly one criterion/],
  ])('rejects %s', (_name, input, path, message) => {
    const issues = issuesOf(input);
    const issue = issues.find((found) => found.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.message).toMatch(message);
  });
});

describe('rubricsPolicySchema', () => {
  it('turns every built-in on by default, with no custom rubrics and min_n 5', () => {
    const defaults = { builtin: ['rusa-behavioral-2023', 'mystery-shopper-visit', 'read-scale'], custom: [], min_n: 5 };
    expect(rubricsPolicySchema.parse({})).toEqual(defaults);
    expect(rubricsPolicySchema.parse(undefined)).toEqual(defaults);
  });

  it('names the known built-ins when one is misspelt', () => {
    const issues = issuesOf({ builtin: ['rusa-behavioural-2023'] }, rubricsPolicySchema);
    expect(issues).toEqual([
      { path: 'builtin.0', message: '"rusa-behavioural-2023" is not a built-in rubric; the built-in rubrics are rusa-behavioral-2023, mystery-shopper-visit, read-scale' },
    ]);
  });

  it.each([
    ['a min_n of 0', { min_n: 0 }, 'min_n'],
    ['a fractional min_n', { min_n: 2.5 }, 'min_n'],
    ['a custom rubric reusing a built-in id', { custom: [{ ...minimal(), id: 'read-scale' }] }, 'custom.0.id'],
    ['two custom rubrics with one id', { custom: [minimal(), minimal()] }, 'custom.1.id'],
    ['an unknown key', { minimum: 3 }, ''],
  ])('rejects %s', (_name, input, path) => {
    expect(issuesOf(input, rubricsPolicySchema).map((issue) => issue.path)).toContain(path);
  });

  it('accepts a library’s own rubric next to chosen built-ins', () => {
    const policy = rubricsPolicySchema.parse({ builtin: ['read-scale'], custom: [minimal()], min_n: 8 });
    expect(policy.custom[0]!.id).toBe('desk-check');
    expect(policy.min_n).toBe(8);
  });
});
