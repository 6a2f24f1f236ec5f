/**
 * `--enrich`: facts an export leaves unknown (held, price, available, an open-access copy) are
 * asked of the systems the policy's `connectors` section names — the vendor price file, Google
 * Books, the ILS holdings (FOLIO, Koha, Alma, Sierra), DOAB/OAPEN, Unpaywall, or `demo` when the
 * policy says so — through the same connectors the hub uses (createConnectorsFromPolicy), with the
 * store's cache when DATABASE_URL names one. A batch asks about the same book many times, so each
 * book's answer is asked once per run; at most `concurrency` books are asked at a time; facts the
 * export states always win over looked-up ones, and every looked-up fact keeps its source and date.
 */
import { dirname } from 'node:path';
import type { BorrowingRequest, Policy, PurchaseFacts } from '@liaison/core';
import { formatIssue, LiaisonError, titleKey } from '@liaison/core';
import type { Cache, PurchaseFactSources } from '@liaison/connectors';
import { createConnectorsFromPolicy, gatherPurchaseFacts } from '@liaison/connectors';
import type { Enrich } from '@liaison/ill-batch';
import pLimit from 'p-limit';

/** Books asked about at once: enough to hide each system's latency, few enough not to flood it. */
export const enrichConcurrency = 8;

/** The sources --enrich asks, with one line per system for the summary, or what stops it. */
export type EnrichSources = { ok: true; sources: PurchaseFactSources; describe: string[] } | { ok: false; problems: string[] };

/**
 * The holdings, price and open-access sources the policy names. `policyPath` is the policy file
 * (relative paths in it, such as a vendor price file, are read from its folder).
 */
export function factSourcesFor(
  policy: Policy | undefined,
  {
    policyPath,
    writtenConnectors = [],
    env,
    now,
    cache,
  }: { policyPath?: string; writtenConnectors?: readonly string[]; env: Record<string, string | undefined>; now: () => Date; cache?: Cache },
): EnrichSources {
  if (!policy || !policyPath) {
    return {
      ok: false,
      problems: [
        '--enrich asks the systems your policy file names under connectors (holdings, price, open_access), and there is no policy file',
        'name one with --config liaison.config.yaml, or leave --enrich out (`connectors: { price: [demo] }` asks the built-in demo library)',
      ],
    };
  }
  // A list the file leaves out is [demo] to the schema (so the hub starts with the demo library);
  // a batch asks only what the file names, and the demo library only where it says demo.
  const named = (role: 'holdings' | 'price' | 'open_access') => (writtenConnectors.includes(role) ? (policy.connectors[role] ?? []) : []);
  const holdings = named('holdings');
  const price = named('price');
  const openAccess = named('open_access');
  if (holdings.length + price.length + openAccess.length === 0) {
    return {
      ok: false,
      problems: [`${policyPath}: connectors names no holdings, price or open_access system for --enrich to ask; add one (e.g. price: [vendor]) or leave --enrich out`],
    };
  }
  // Only the roles --enrich asks: a patron or ILL system needs no secret for a batch.
  const asked = { ...policy.connectors, holdings, price, open_access: openAccess, patron: [], ill: [] };
  try {
    const built = createConnectorsFromPolicy(asked, { env, now, cache, baseDir: dirname(policyPath) });
    return { ok: true, sources: { holdings: built.holdings, prices: built.prices, openAccess: built.openAccess }, describe: built.describe() };
  } catch (error) {
    if (error instanceof LiaisonError && error.issues.length > 0) return { ok: false, problems: error.issues.map((issue) => `${policyPath}: ${formatIssue(issue)}`) };
    throw error;
  }
}

/** What the look-ups of a run did, for the summary. */
export interface EnrichTally {
  /** Distinct books asked about. */
  books: number;
  /** Requests whose answer was already asked for in this run. */
  reused: number;
  /** Look-ups that failed, by system: their facts stayed unknown. */
  failures: Map<string, number>;
}

/** An enricher over `sources`: each book asked once per run, `concurrency` at a time. */
export function createEnricher(
  sources: PurchaseFactSources,
  { now, concurrency = enrichConcurrency, onLookedUp }: { now: () => Date; concurrency?: number; onLookedUp?: (tally: EnrichTally) => void },
): { enrich: Enrich; tally: EnrichTally } {
  const answers = new Map<string, Promise<PurchaseFacts>>();
  const limit = pLimit(concurrency);
  const tally: EnrichTally = { books: 0, reused: 0, failures: new Map() };
  const enrich: Enrich = async (request: BorrowingRequest, known: PurchaseFacts) => {
    const key = titleKey(request);
    let answer = answers.get(key);
    if (answer) tally.reused += 1;
    else {
      tally.books += 1;
      answer = limit(async () => {
        const gathered = await gatherPurchaseFacts(request, sources, { now });
        for (const { source } of gathered.missing) tally.failures.set(source, (tally.failures.get(source) ?? 0) + 1);
        onLookedUp?.(tally);
        return gathered.facts;
      });
      answers.set(key, answer);
    }
    const looked = await answer;
    return {
      ...(looked.held ? { held: looked.held } : {}),
      ...(looked.price ? { price: looked.price } : {}),
      ...(looked.available ? { available: looked.available } : {}),
      ...(looked.openAccess ? { openAccess: looked.openAccess } : {}),
      ...(looked.publicationYear ? { publicationYear: looked.publicationYear } : {}),
      ...Object.fromEntries(Object.entries(known).filter(([, fact]) => fact !== undefined)),
    };
  };
  return { enrich, tally };
}
