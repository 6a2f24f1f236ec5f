/**
 * The ids of the rubrics Liaison ships with. Kept apart from the rubrics themselves so the
 * policy schema can name them without loading every rubric's text.
 */
export const builtinRubricIds = ['rusa-behavioral-2023', 'mystery-shopper-visit', 'read-scale'] as const;

export type BuiltinRubricId = (typeof builtinRubricIds)[number];
