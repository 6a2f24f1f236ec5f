/**
 * The policy file's documentation is checked, not trusted: every key the schema accepts must be
 * named in docs/policy.md (by its full path, in backticks), and every key path the docs' tables
 * name must still exist. Keys other modules add to their sections are found by walking the schema.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { policySchema } from './schema.js';
import { allKeyPaths } from './schema-keys.js';

const docs = readFileSync(new URL('../../../../docs/policy.md', import.meta.url), 'utf8');
const keyPaths = allKeyPaths(policySchema);

describe('docs/policy.md', () => {
  it('names every key of the policy file', () => {
    const undocumented = keyPaths.filter((path) => !docs.includes(`\`${path}\``));
    expect(undocumented, `add these keys to docs/policy.md: ${undocumented.join(', ')}`).toEqual([]);
  });

  it('names no key the policy file does not have', () => {
    // The first cell of each table row is a key path, e.g. | `handoff.rules[].match.words` | ...
    const documented = [...docs.matchAll(/^\| `([a-z_]+(?:\[\])?(?:\.[a-z_<>]+(?:\[\])?)*)` \|/gm)].map((match) => match[1]!);
    const topLevel = Object.keys(policySchema.shape);
    const stale = documented.filter((path) => !keyPaths.includes(path) && !topLevel.includes(path));
    expect(documented.length).toBeGreaterThan(50);
    expect(stale, `these keys in docs/policy.md are not in the schema: ${stale.join(', ')}`).toEqual([]);
  });
});

describe('allKeyPaths', () => {
  it('walks objects, lists, records, wrappers and alternatives', () => {
    const schema = z.strictObject({
      a: z.strictObject({ b: z.string() }).optional(),
      c: z.array(z.strictObject({ d: z.number().default(1) })),
      e: z.record(z.string(), z.strictObject({ f: z.boolean() })),
      g: z.union([z.string(), z.strictObject({ h: z.string() })]).prefault('x'),
      i: z.strictObject({ j: z.string() }).transform((value) => value.j),
    });
    expect(allKeyPaths(schema)).toEqual(['a', 'a.b', 'c', 'c[].d', 'e', 'e.<name>.f', 'g', 'g.h', 'i', 'i.j']);
  });

  it('reaches the keys of every section', () => {
    for (const path of ['library.opening_hours.monday', 'departments[].slack_channel', 'handoff.rules[].match.words', 'connectors.cache_seconds']) {
      expect(keyPaths).toContain(path);
    }
  });
});
