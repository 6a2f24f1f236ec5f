/**
 * The systems the policy file's `connectors` section names, built and ready: each list (`patron`,
 * `holdings`, `price`, `open_access`, `ill`) in the file's order, each system's settings checked
 * against its own schema with errors that name the path in the file, secrets read from the
 * environment variables the file names, and every source wrapped in the cache when one is given.
 */
import { LiaisonError, nearest, type ConnectorsPolicy, type Issue } from '@liaison/core';
import type { z } from 'zod';
import { withCache, type Cache } from './cache.js';
import type { HttpClientOptions } from './http.js';
import { findPatronAcross, type FindPatronOptions, type MatchedPatronSource, type PatronLookupResult } from './patron-lookup.js';
import type { SystemContext } from './settings.js';
import type { HoldingsSource, IllRequestSource, OpenAccessSource, PatronLookup, PatronSource, PriceSource } from './sources.js';
import type { ConfiguredSystem, SystemDefinition } from './system.js';
import { systemDefinitions } from './system-definitions.js';

export interface ConnectorsFromPolicyOptions {
  /** Where secrets are read (the hub passes process.env). */
  env: Record<string, string | undefined>;
  now: () => Date;
  /** Keeps answers for `cache_seconds` (default 120); the hub passes one backed by the store. */
  cache?: Cache;
  /** When set, cache keys are HMACs with this secret. */
  cacheKeySecret?: string;
  /** Told about every failed look-up in `findPatron`, for the hub's log. */
  onError?: (system: string, error: unknown) => void;
  /** Overrides for every HTTP client (tests inject `sleep`). */
  http?: Partial<HttpClientOptions>;
  /** The policy file's folder: relative paths in settings (a vendor price file) are read from here. */
  baseDir?: string;
}

export interface PolicyConnectors {
  /** Patron sources in the policy's order; the first is the authority for identity. */
  patrons: PatronSource[];
  holdings: HoldingsSource[];
  /** Tried in order until one answers. */
  prices: PriceSource[];
  illRequests: IllRequestSource[];
  openAccess: OpenAccessSource[];
  /** Every configured system once, in the order first named, for `liaison connectors check`. */
  systems: ConfiguredSystem[];
  /** One line per configured system, with no secret. */
  describe(): string[];
  /** One patron across every patron source, matched by each source's `match_by`, merged. */
  findPatron(by: PatronLookup, options?: FindPatronOptions): Promise<PatronLookupResult>;
}

/** How long answers are kept when the policy does not say, in seconds. */
export const defaultCacheSeconds = 120;

type Role = 'patron' | 'holdings' | 'price' | 'open_access' | 'ill';
const roleSource = {
  patron: 'patrons',
  holdings: 'holdings',
  price: 'prices',
  open_access: 'openAccess',
  ill: 'illRequests',
} as const satisfies Record<Role, keyof ConfiguredSystem>;
const roleWords: Record<Role, string> = {
  patron: 'patron context',
  holdings: 'holdings',
  price: 'prices',
  open_access: 'open-access copies',
  ill: 'ILL requests',
};

const definitionByType = new Map<string, SystemDefinition<never>>(systemDefinitions.map((definition) => [definition.type, definition]));

/**
 * Builds every system the `connectors` section names. Throws a LiaisonError (`policy_invalid`)
 * listing every problem — settings, unknown names, secrets not in the environment — with its path.
 */
export function createConnectorsFromPolicy(policy: ConnectorsPolicy, options: ConnectorsFromPolicyOptions): PolicyConnectors {
  const issues: Issue[] = [];
  const built = new Map<string, ConfiguredSystem | null>();
  const lists: Record<Role, ConfiguredSystem[]> = { patron: [], holdings: [], price: [], open_access: [], ill: [] };

  for (const role of Object.keys(roleSource) as Role[]) {
    (policy[role] ?? []).forEach((name, index) => {
      if (!built.has(name)) built.set(name, buildSystem(name, policy.systems?.[name], options, issues));
      const system = built.get(name);
      if (!system) return;
      if (!system[roleSource[role]]) {
        const able = systemDefinitions.filter((definition) => answers(definition.type, role)).map((definition) => definition.type);
        issues.push({
          path: ['connectors', role, index],
          message: `${name} (${system.system}) does not answer for ${roleWords[role]}`,
          hint: `use one of: ${able.join(', ')}`,
        });
        return;
      }
      lists[role].push(system);
    });
  }
  if (issues.length > 0) {
    throw new LiaisonError('policy_invalid', `The connectors section has ${issues.length} problem${issues.length === 1 ? '' : 's'}`, issues);
  }

  const ttlSeconds = policy.cache_seconds ?? defaultCacheSeconds;
  const cached = <S extends { readonly system: string }>(source: S, system: ConfiguredSystem): S =>
    options.cache && ttlSeconds > 0 && !system.answersLocally
      ? withCache(source, options.cache, { ttlSeconds, now: options.now, keySecret: options.cacheKeySecret })
      : source;

  const patronSources: MatchedPatronSource[] = lists.patron.map((system) => ({ source: cached(system.patrons!, system), matchBy: system.matchBy }));
  const systems = [...built.values()].filter((system): system is ConfiguredSystem => system !== null);
  return {
    patrons: patronSources.map(({ source }) => source),
    holdings: lists.holdings.map((system) => cached(system.holdings!, system)),
    prices: lists.price.map((system) => cached(system.prices!, system)),
    illRequests: lists.ill.map((system) => cached(system.illRequests!, system)),
    openAccess: lists.open_access.map((system) => cached(system.openAccess!, system)),
    systems,
    describe: () => systems.map((system) => `${system.name}: ${system.describe()}`),
    findPatron: (by, lookup = {}) =>
      findPatronAcross(patronSources, by, {
        ...lookup,
        onError: (system, error) => {
          options.onError?.(system, error);
          lookup.onError?.(system, error);
        },
      }),
  };
}

/** Every problem in the connectors section, without building anything that would call out (for `liaison config check`). */
export function connectorSettingsIssues(policy: ConnectorsPolicy, env: Record<string, string | undefined>): Issue[] {
  try {
    createConnectorsFromPolicy(policy, { env, now: () => new Date() });
    return [];
  } catch (error) {
    if (error instanceof LiaisonError) return error.issues;
    throw error;
  }
}

function buildSystem(name: string, raw: Record<string, unknown> | undefined, options: ConnectorsFromPolicyOptions, issues: Issue[]): ConfiguredSystem | null {
  const path = ['connectors', 'systems', name];
  const type = typeof raw?.type === 'string' ? raw.type.trim() : name;
  const definition = definitionByType.get(type);
  const known = systemDefinitions.map((candidate) => candidate.type);
  if (!definition) {
    const guess = nearest(type, known);
    const remedy = guess ? `did you mean "${guess}"?` : `write one of: ${known.join(', ')}`;
    if (raw === undefined) {
      const adding = `add connectors.systems.${name} with a type (one of: ${known.join(', ')}) and its settings`;
      issues.push({ path, message: `"${name}" is not configured`, hint: guess ? `did you mean "${guess}"? or ${adding}` : adding });
    } else if (raw.type === undefined) {
      issues.push({ path: [...path, 'type'], message: `is missing, and "${name}" is not itself a type of system`, hint: guess ? `did you mean type: ${guess}?` : remedy });
    } else {
      issues.push({ path: [...path, 'type'], message: `"${type}" is not a system Liaison knows`, hint: remedy });
    }
    return null;
  }
  const parsed = definition.schema.safeParse({ ...raw, type });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) issues.push(...settingIssues(issue, path, definition));
    return null;
  }
  const context: SystemContext = { env: options.env, now: options.now, path, name, http: options.http, baseDir: options.baseDir };
  return definition.build(parsed.data, context, issues);
}

// A zod issue as one of ours: "is missing" rather than "expected string, received undefined",
// and a did-you-mean for a misspelt setting.
function settingIssues(issue: z.core.$ZodIssue, path: (string | number)[], definition: SystemDefinition<never>): Issue[] {
  const at = [...path, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))];
  const names = settingNames(definition);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const guess = nearest(key, names);
      return {
        path: [...at, key],
        message: `is not one of the ${definition.type} settings`,
        hint: guess ? `did you mean "${guess}"?` : `the ${definition.type} settings are: ${names.join(', ')}`,
      };
    });
  }
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    return [{ path: at, message: 'is missing', hint: `add ${String(at.at(-1))} under ${path.join('.')}` }];
  }
  return [{ path: at, message: issue.message }];
}

function settingNames(definition: SystemDefinition<never>): string[] {
  const shape = (definition.schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

function answers(type: string, role: Role): boolean {
  return (rolesByType[type] ?? []).includes(role);
}

/** Which lists each type of system may be named in (the README's table). */
export const rolesByType: Record<string, Role[]> = {
  demo: ['patron', 'holdings', 'price', 'open_access', 'ill'],
  folio: ['patron', 'holdings'],
  koha: ['patron', 'holdings', 'ill'],
  alma: ['patron', 'holdings'],
  sierra: ['patron', 'holdings'],
  illiad: ['patron', 'ill'],
  'vendor-price-file': ['price'],
  'google-books': ['price'],
  doab: ['open_access'],
  unpaywall: ['open_access'],
};
