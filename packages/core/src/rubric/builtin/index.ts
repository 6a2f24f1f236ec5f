/**
 * The rubrics Liaison ships with, parsed (defaults applied) once when first imported.
 */
import { rubricSchema } from '../schema.js';
import type { Rubric } from '../schema.js';
import { builtinRubricIds } from './ids.js';
import type { BuiltinRubricId } from './ids.js';
import { mysteryShopperVisit } from './mystery-shopper-visit.js';
import { readScale } from './read-scale.js';
import { rusaBehavioral2023 } from './rusa-behavioral-2023.js';

export { builtinRubricIds };
export type { BuiltinRubricId };

/** Every built-in rubric, in the order of `builtinRubricIds`. */
export const builtinRubrics: readonly Rubric[] = [rusaBehavioral2023, mysteryShopperVisit, readScale].map((input) => rubricSchema.parse(input));

/** The built-in rubric with this id, or undefined when there is none. */
export function getBuiltinRubric(id: string): Rubric | undefined {
  return builtinRubrics.find((rubric) => rubric.id === id);
}
