import type { PatronContext } from '@liaison/core';
import { ConnectorError, findPatronAcross, type PatronLookupResult } from '@liaison/connectors';
import type { HubContext } from './create-hub.js';

export type GatheredContext = PatronLookupResult;

/**
 * Finds the patron across the library's systems (an ILS and ILLiad, say, matched by the policy's
 * `match_by`), then adds the patron's earlier hand-offs, which the hub itself knows. Each system
 * gets `patronLookupTimeoutMs`; one that fails or never answers is named in `missing` and counted
 * in the metrics, and what the others gave is kept. When no system answers, that is "unavailable",
 * not "not found".
 */
export async function gatherPatronContext(hub: HubContext, by: { email?: string; barcode?: string }): Promise<GatheredContext> {
  const timeoutMs = hub.patronLookupTimeoutMs;
  const options = {
    timeoutMs,
    onError: (system: string, error: unknown) =>
      hub.metrics.connectorErrors.inc({ system, code: error instanceof ConnectorError ? error.code : 'connector_unavailable' }),
  };
  // Connectors built from the policy match identities across systems; sources given directly
  // (tests, embedders) are each asked with what staff typed.
  const found = hub.connectors.findPatron
    ? await hub.connectors.findPatron(by, options)
    : await findPatronAcross(hub.connectors.patrons.map((source) => ({ source })), by, options);
  if (found.kind !== 'found') return found;
  return { kind: 'found', context: await withEarlierHandoffs(hub, by, found.context) };
}

/** The context with the patron's earlier hand-offs from the store. */
async function withEarlierHandoffs(hub: HubContext, by: { email?: string; barcode?: string }, context: PatronContext): Promise<PatronContext> {
  const earlier = await hub.store.handoffs.list({ patronEmail: by.email, patronBarcode: by.barcode, limit: 20, order: 'newest-first', withHistory: false, now: hub.clock() });
  const handoffs = earlier.map((h) => ({ id: h.id, state: h.state, department: h.department, summary: h.summary, createdAt: h.createdAt }));
  return { ...context, handoffs };
}
