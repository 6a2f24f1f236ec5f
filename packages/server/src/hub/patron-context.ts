import type { PatronContext } from '@liaison/core';
import { mergePatronContexts } from '@liaison/core';
import { ConnectorError } from '@liaison/connectors';
import type { HubContext } from './create-hub.js';

export type GatheredContext =
  | { kind: 'found'; context: PatronContext }
  | { kind: 'not_found'; missing: { source: string; reason: string }[] }
  | { kind: 'unavailable'; missing: { source: string; reason: string }[] };

/**
 * Asks every patron source at once, merges what they found (an ILS and ILLiad, say), adds the
 * patron's earlier hand-offs from the store, and names any source that did not answer.
 * When no source answers at all, that is "unavailable", not "not found".
 */
export async function gatherPatronContext(hub: HubContext, by: { email?: string; barcode?: string }): Promise<GatheredContext> {
  // A source that never answers must not hold the sidebar: past the deadline it is named as missing.
  const timeoutMs = hub.patronLookupTimeoutMs;
  if (hub.connectors.findPatron) return withEarlierHandoffs(hub, by, await findAcrossSystems(hub, by, timeoutMs));
  const answers = await Promise.allSettled(
    hub.connectors.patrons.map((source) => withDeadline(source.findPatron(by, { signal: AbortSignal.timeout(timeoutMs) }), timeoutMs)),
  );
  const found: PatronContext[] = [];
  const missing: { source: string; reason: string }[] = [];
  answers.forEach((answer, index) => {
    const system = hub.connectors.patrons[index]?.system ?? 'unknown';
    if (answer.status === 'fulfilled') {
      if (answer.value) found.push(answer.value);
      return;
    }
    const error = answer.reason;
    const code = error instanceof ConnectorError ? error.code : error instanceof DeadlinePassed ? 'connector_timeout' : 'connector_unavailable';
    hub.metrics.connectorErrors.inc({ system, code });
    const reason = error instanceof ConnectorError ? error.message : error instanceof DeadlinePassed ? `did not answer within ${timeoutMs / 1000} s` : 'did not answer';
    missing.push({ source: system, reason });
  });
  if (found.length === 0) {
    return missing.length === answers.length && answers.length > 0 ? { kind: 'unavailable', missing } : { kind: 'not_found', missing };
  }
  return withEarlierHandoffs(hub, by, { kind: 'found', context: mergePatronContexts(found, missing) });
}

/** The policy's systems, matched to one patron by the configured identity field (see HubConnectors.findPatron). */
async function findAcrossSystems(hub: HubContext, by: { email?: string; barcode?: string }, timeoutMs: number): Promise<GatheredContext> {
  try {
    return await withDeadline(hub.connectors.findPatron!(by, { signal: AbortSignal.timeout(timeoutMs) }), timeoutMs);
  } catch (error) {
    if (!(error instanceof DeadlinePassed)) throw error;
    const systems = hub.connectors.patrons.map((source) => source.system);
    for (const system of systems) hub.metrics.connectorErrors.inc({ system, code: 'connector_timeout' });
    return { kind: 'unavailable', missing: systems.map((source) => ({ source, reason: `did not answer within ${timeoutMs / 1000} s` })) };
  }
}

/** Adds the patron's earlier hand-offs, which the hub itself knows, to a found context. */
async function withEarlierHandoffs(hub: HubContext, by: { email?: string; barcode?: string }, gathered: GatheredContext): Promise<GatheredContext> {
  if (gathered.kind !== 'found') return gathered;
  const earlier = await hub.store.handoffs.list({ patronEmail: by.email, patronBarcode: by.barcode, limit: 20, order: 'newest-first', withHistory: false, now: hub.clock() });
  const handoffs = earlier.map((h) => ({ id: h.id, state: h.state, department: h.department, summary: h.summary, createdAt: h.createdAt }));
  return { kind: 'found', context: { ...gathered.context, handoffs } };
}

class DeadlinePassed extends Error {}

/** `work`, or a DeadlinePassed rejection after `ms` milliseconds, whichever comes first. */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DeadlinePassed()), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
