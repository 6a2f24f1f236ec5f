import type { PatronContext } from './context.js';

/**
 * Merges what several systems know about one patron (an ILS and ILLiad, say) into one context.
 * The first context is the primary one (the policy lists sources in order of authority): its
 * identity wins, and the others only fill fields it lacks. Lists are joined; ILL requests and
 * hand-offs that two systems both report are kept once.
 */
export function mergePatronContexts(
  contexts: PatronContext[],
  missing: { source: string; reason: string }[] = [],
): PatronContext {
  const [primary, ...others] = contexts;
  if (!primary) throw new Error('mergePatronContexts needs at least one context');
  const identity = { ...primary.identity };
  for (const other of others) {
    for (const [key, value] of Object.entries(other.identity) as [keyof typeof identity, string][]) {
      if (identity[key] === undefined || identity[key] === '') (identity as Record<string, string>)[key] = value;
    }
  }
  const all = [primary, ...others];
  return {
    identity,
    standing: {
      blocks: all.flatMap((c) => c.standing.blocks),
      fines: all.flatMap((c) => c.standing.fines),
      currency: primary.standing.currency,
    },
    loans: all.flatMap((c) => c.loans),
    holds: all.flatMap((c) => c.holds),
    illRequests: uniqueBy(all.flatMap((c) => c.illRequests), (r) => r.transactionNumber),
    handoffs: uniqueBy(all.flatMap((c) => c.handoffs), (h) => h.id),
    tickets: uniqueBy(all.flatMap((c) => c.tickets), (t) => t.id),
    missing: [...all.flatMap((c) => c.missing), ...missing],
  };
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
