import { getBuiltinRubric, type Policy, type Rubric } from '@liaison/core';
import type { Store } from '@liaison/store';
import { canonicalJson } from './canonical-json.js';

/** The rubrics this library uses: the built-ins its policy turns on, then its own. */
export function activeRubrics(policy: Policy): Rubric[] {
  const builtins = policy.rubrics.builtin.map((id) => getBuiltinRubric(id)).filter((r): r is Rubric => r !== undefined);
  return [...builtins, ...policy.rubrics.custom];
}

export function findRubric(policy: Policy, id: string): Rubric | undefined {
  return activeRubrics(policy).find((r) => r.id === id);
}

/**
 * The store's version of a rubric definition: the latest one if it is unchanged, else a newly
 * published one — so every evaluation points at the exact wording its rater saw.
 */
export async function publishedVersion(store: Store, rubric: Rubric, now: Date): Promise<number> {
  const latest = await store.rubrics.latest<Rubric>(rubric.id);
  // jsonb keeps keys in its own order, so compare key-sorted forms, not the stored text.
  if (latest && canonicalJson(latest.definition) === canonicalJson(rubric)) return latest.version;
  return (await store.rubrics.publish(rubric.id, rubric, now)).version;
}
