/**
 * Rubrics: the checklists a service-quality programme scores interactions with (a mystery
 * shopper's visit, a peer's review of a chat transcript). A rubric has sections, each with
 * criteria; each criterion has a scale. The policy file's `rubrics` section picks the built-in
 * rubrics a library uses and adds its own.
 */
import * as z from 'zod';
import { slugSchema } from '../policy/slug.js';
import { builtinRubricIds } from './builtin/ids.js';
import { criterionChannels } from './channel.js';

const text = (what: string) => z.string().trim().min(1, `is empty; write the ${what}`);

const yesNoScale = z.strictObject({ type: z.literal('yes_no') });

const ratingScale = z
  .strictObject({
    type: z.literal('rating'),
    min: z.int('is not a whole number').default(1),
    max: z.int('is not a whole number'),
    /** Words for some or all points of the scale, e.g. { 1: "Poor", 5: "Excellent" }. */
    labels: z.record(z.string(), text('label')).optional(),
  })
  .superRefine((scale, ctx) => {
    if (scale.max <= scale.min) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: `must be greater than min (${scale.min})` });
    }
    for (const key of Object.keys(scale.labels ?? {})) {
      const point = Number(key);
      if (!Number.isInteger(point) || point < scale.min || point > scale.max) {
        ctx.addIssue({
          code: 'custom',
          path: ['labels', key],
          message: `is not a point of the scale; use a whole number from ${scale.min} to ${scale.max}`,
        });
      }
    }
  });

const pointsScale = z.strictObject({
  type: z.literal('points'),
  max: z.number().positive('must be more than 0'),
});

/** How a criterion is answered: yes/no, a rating from min to max, or points from 0 to max. */
export const scaleSchema = z.discriminatedUnion('type', [yesNoScale, ratingScale, pointsScale], {
  error: 'is not a scale; use { type: yes_no }, { type: rating, min: 1, max: 5 } or { type: points, max: 3 }',
});
export type Scale = z.output<typeof scaleSchema>;

export const criterionSchema = z.strictObject({
  id: slugSchema,
  /** The behaviour or outcome a rater looks for, worded so it can be observed. */
  text: text('criterion'),
  scale: scaleSchema,
  /** How much this criterion counts relative to the others (1 = ordinary). */
  weight: z.number().positive('must be more than 0').default(1),
  /** A critical criterion failed (no, or the bottom of its scale) fails the whole evaluation. */
  critical: z.boolean().default(false),
  /** Whether a rater may answer "not applicable" (left out of the score). */
  allow_na: z.boolean().default(false),
  /** Notes for raters: what counts, examples, how to choose between points. */
  guidance: z.string().optional(),
  /** Channels (or the groups in_person, virtual) where the criterion applies; left out, it applies everywhere. */
  channels: z.array(z.enum(criterionChannels)).min(1, 'lists no channels; list at least one, or leave the key out').optional(),
});
export type Criterion = z.output<typeof criterionSchema>;

export const sectionSchema = z.strictObject({
  id: slugSchema,
  title: text('section title'),
  criteria: z.array(criterionSchema).min(1, 'lists no criteria; a section needs at least one'),
});
export type Section = z.output<typeof sectionSchema>;

/** One rubric, as the library writes it under `rubrics.custom` (and as Liaison writes its built-ins). */
export const rubricSchema = z
  .strictObject({
    id: slugSchema,
    /** Raised whenever criteria change, so old evaluations keep the meaning they were scored with. */
    version: z.int('is not a whole number').min(1, 'must be 1 or more'),
    name: text('rubric name'),
    /** `quality` scores an interaction as a percentage; `classification` sorts it into a level (e.g. the READ Scale). */
    kind: z.enum(['quality', 'classification']),
    description: text('description'),
    /** Percentage (0–100) an evaluation must reach to pass, on top of passing every critical criterion. */
    pass_percent: z.number().min(0, 'must be from 0 to 100').max(100, 'must be from 0 to 100').optional(),
    sections: z.array(sectionSchema).min(1, 'lists no sections; a rubric needs at least one'),
  })
  .superRefine((rubric, ctx) => {
    const sectionAt = new Map<string, number>();
    rubric.sections.forEach((section, s) => {
      const first = sectionAt.get(section.id);
      if (first === undefined) sectionAt.set(section.id, s);
      else ctx.addIssue({ code: 'custom', path: ['sections', s, 'id'], message: `"${section.id}" is already used by sections[${first}]; give each section its own id` });
    });
    // Criterion ids are unique across the whole rubric because evaluations answer by criterion id.
    const criterionAt = new Map<string, string>();
    rubric.sections.forEach((section, s) =>
      section.criteria.forEach((criterion, c) => {
        const first = criterionAt.get(criterion.id);
        if (first === undefined) criterionAt.set(criterion.id, `sections[${s}].criteria[${c}]`);
        else
          ctx.addIssue({
            code: 'custom',
            path: ['sections', s, 'criteria', c, 'id'],
            message: `"${criterion.id}" is already used by ${first}; give each criterion its own id`,
          });
      }),
    );
    if (rubric.kind === 'classification') {
      const criteria = rubric.sections.flatMap((section) => section.criteria);
      const only = criteria[0];
      if (criteria.length !== 1 || only?.scale.type !== 'rating') {
        ctx.addIssue({
          code: 'custom',
          path: ['sections'],
          message: 'a classification rubric has exactly one criterion, with a rating scale whose points are the classes',
        });
      }
      if (rubric.pass_percent !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['pass_percent'], message: 'does not apply to a classification rubric; remove it' });
      }
    }
  });

export type Rubric = z.output<typeof rubricSchema>;
export type RubricInput = z.input<typeof rubricSchema>;

/** The policy file's `rubrics` section: which built-ins are on, the library's own rubrics, and the smallest group reported per person; may be left out. */
export const rubricsPolicySchema = z
  .strictObject({
    builtin: z
      .array(
        z.string().refine((id) => (builtinRubricIds as readonly string[]).includes(id), {
          error: (issue) => `"${String(issue.input)}" is not a built-in rubric; the built-in rubrics are ${builtinRubricIds.join(', ')}`,
        }),
      )
      .default([...builtinRubricIds]),
    custom: z.array(rubricSchema).default([]),
    /** Fewest evaluations of one staff member before their results are shown (protects individuals). */
    min_n: z.int('is not a whole number').min(1, 'must be 1 or more').default(5),
  })
  .superRefine((policy, ctx) => {
    const customAt = new Map<string, number>();
    policy.custom.forEach((rubric, i) => {
      if ((builtinRubricIds as readonly string[]).includes(rubric.id)) {
        ctx.addIssue({ code: 'custom', path: ['custom', i, 'id'], message: `"${rubric.id}" is the id of a built-in rubric; give your rubric its own id` });
      }
      const first = customAt.get(rubric.id);
      if (first === undefined) customAt.set(rubric.id, i);
      else ctx.addIssue({ code: 'custom', path: ['custom', i, 'id'], message: `"${rubric.id}" is already used by custom[${first}]; give each rubric its own id` });
    });
  })
  // Every key has a default, so a policy file may leave the whole section out.
  .prefault({});

export type RubricsPolicy = z.output<typeof rubricsPolicySchema>;
