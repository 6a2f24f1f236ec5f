/**
 * Reading the policy schema itself: which keys are allowed at a place in the file. Used for
 * "did you mean" hints, and by the test that keeps docs/policy.md covering every key.
 */
import * as z from 'zod';

type AnySchema = z.core.$ZodType;

// Wrappers that do not change which keys a value may have.
const wrapperTypes = new Set(['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch']);

/** The schemas a value may be checked against once wrappers, pipes, unions and lazies are looked through. */
function alternatives(schema: AnySchema, seen = new Set<AnySchema>()): AnySchema[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  if (wrapperTypes.has(def.type)) return alternatives(def.innerType as AnySchema, seen);
  if (def.type === 'pipe') return [...alternatives(def.in as AnySchema, seen), ...alternatives(def.out as AnySchema, seen)];
  if (def.type === 'union') return (def.options as AnySchema[]).flatMap((option) => alternatives(option, seen));
  if (def.type === 'intersection') return [...alternatives(def.left as AnySchema, seen), ...alternatives(def.right as AnySchema, seen)];
  if (def.type === 'lazy') return alternatives((def.getter as () => AnySchema)(), seen);
  return [schema];
}

const typeOf = (schema: AnySchema) => (schema._zod.def as { type: string }).type;

function shapeOf(schema: AnySchema): Record<string, AnySchema> {
  return (schema._zod.def as unknown as { shape: Record<string, AnySchema> }).shape;
}

/** The schemas that check the value at `path` (keys and list positions), looking through every alternative. */
export function schemasAt(schema: AnySchema, path: readonly PropertyKey[]): AnySchema[] {
  let current = alternatives(schema);
  for (const key of path) current = childrenOf(current, key).flatMap((child) => alternatives(child));
  return current;
}

/** The schemas for `key` inside any of `parents`, wrappers still on. */
function childrenOf(parents: AnySchema[], key: PropertyKey): AnySchema[] {
  const next: AnySchema[] = [];
  for (const candidate of parents) {
    const def = candidate._zod.def as unknown as Record<string, unknown>;
    const type = typeOf(candidate);
    if (type === 'object' && typeof key === 'string') {
      const child = shapeOf(candidate)[key];
      if (child) next.push(child);
    } else if (type === 'array' && typeof key === 'number') {
      next.push(def.element as AnySchema);
    } else if (type === 'tuple' && typeof key === 'number') {
      const item = (def.items as AnySchema[])[key] ?? (def.rest as AnySchema | null);
      if (item) next.push(item);
    } else if (type === 'record') {
      next.push(def.valueType as AnySchema);
    }
  }
  return next;
}

/** An example the schema gives (`.meta({ examples: [...] })`) for the value at `path`, if any. */
export function exampleAt(schema: AnySchema, path: readonly PropertyKey[]): unknown {
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  const candidates = key === undefined ? [schema] : childrenOf(schemasAt(schema, parentPath), key);
  for (const candidate of candidates) {
    // Look through wrappers one at a time, since `.meta()` may sit outside or inside `.optional()`.
    let current: AnySchema | undefined = candidate;
    const seen = new Set<AnySchema>();
    while (current && !seen.has(current)) {
      seen.add(current);
      const examples = z.globalRegistry.get(current)?.examples;
      if (Array.isArray(examples) && examples.length > 0) return examples[0];
      const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
      current = wrapperTypes.has(def.type) ? (def.innerType as AnySchema) : def.type === 'pipe' ? (def.in as AnySchema) : undefined;
    }
  }
  return undefined;
}

/** The keys the policy file may use at `path`, in the order the schema declares them. */
export function knownKeysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  for (const candidate of schemasAt(schema, path)) {
    if (typeOf(candidate) === 'object') for (const key of Object.keys(shapeOf(candidate))) keys.add(key);
  }
  return [...keys];
}

/**
 * Every key path the schema allows, written the way docs/policy.md names them:
 * `handoff.rules[].match.words`, `connectors.systems.<name>`.
 */
export function allKeyPaths(schema: AnySchema): string[] {
  const paths = new Set<string>();
  const visit = (current: AnySchema, prefix: string, depth: number, onPath: Set<AnySchema>) => {
    if (depth > 12) return;
    for (const candidate of alternatives(current)) {
      if (onPath.has(candidate)) continue; // a recursive schema: each key once is enough
      const inner = new Set(onPath).add(candidate);
      const def = candidate._zod.def as unknown as Record<string, unknown>;
      const type = typeOf(candidate);
      if (type === 'object') {
        for (const [key, child] of Object.entries(shapeOf(candidate))) {
          const path = prefix ? `${prefix}.${key}` : key;
          paths.add(path);
          visit(child, path, depth + 1, inner);
        }
      } else if (type === 'array') {
        visit(def.element as AnySchema, `${prefix}[]`, depth + 1, inner);
      } else if (type === 'tuple') {
        for (const item of def.items as AnySchema[]) visit(item, `${prefix}[]`, depth + 1, inner);
      } else if (type === 'record') {
        visit(def.valueType as AnySchema, `${prefix}.<name>`, depth + 1, inner);
      }
    }
  };
  visit(schema, '', 0, new Set());
  return [...paths];
}
