/**
 * `--enrich`: facts an export leaves unknown (held, price, available, an open-access copy) are
 * asked of the sources named in the policy's `connectors` section. A batch asks about the same
 * book many times, so answers are cached per ISBN (or per title key) for the whole run; facts
 * the export states always win over looked-up ones.
 */
import type { BorrowingRequest, ConnectorsPolicy, PurchaseFacts } from '@liaison/core';
import { titleKey } from '@liaison/core';
import type { PurchaseFactSources } from '@liaison/connectors';
import { createDemoLibrary, gatherPurchaseFacts } from '@liaison/connectors';
import type { Enrich } from '@liaison/ill-batch';

/** The sources the connectors section names, or the names this version cannot ask. */
export function factSourcesFor(
  connectors: Pick<ConnectorsPolicy, 'holdings' | 'price' | 'open_access'>,
  now: () => Date,
): { ok: true; sources: PurchaseFactSources } | { ok: false; problems: string[] } {
  const demo = createDemoLibrary({ now });
  const problems: string[] = [];
  const pick = <T>(section: string, names: readonly string[] | undefined, source: T): T[] =>
    (names ?? []).flatMap((name) => {
      if (name === 'demo') return [source];
      problems.push(`connectors.${section}: "${name}" cannot be asked by --enrich yet; use "demo" or leave --enrich out`);
      return [];
    });
  const sources: PurchaseFactSources = {
    holdings: pick('holdings', connectors.holdings, demo.holdings),
    prices: pick('price', connectors.price, demo.prices),
    openAccess: pick('open_access', connectors.open_access, demo.openAccess),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, sources };
}

/** An enricher over `sources`, caching each book's answer for the run. */
export function createEnricher(sources: PurchaseFactSources, now: () => Date): Enrich {
  const answers = new Map<string, Promise<PurchaseFacts>>();
  return async (request: BorrowingRequest, known: PurchaseFacts) => {
    const key = titleKey(request);
    let answer = answers.get(key);
    if (!answer) {
      answer = gatherPurchaseFacts(request, sources, { now }).then((gathered) => gathered.facts);
      answers.set(key, answer);
    }
    const looked = await answer;
    return {
      ...(looked.held ? { held: looked.held } : {}),
      ...(looked.price ? { price: looked.price } : {}),
      ...(looked.available ? { available: looked.available } : {}),
      ...(looked.openAccess ? { openAccess: looked.openAccess } : {}),
      ...Object.fromEntries(Object.entries(known).filter(([, fact]) => fact !== undefined)),
    };
  };
}
