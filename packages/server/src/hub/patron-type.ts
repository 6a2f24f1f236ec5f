/**
 * The patron type the library's systems report for a patron given only by e-mail or barcode, so a
 * hand-off is routed as the policy means it ("course reserves" from a faculty member goes to
 * circulation) without staff typing the type in. The look-up is bounded in time and never fails a
 * hand-off: a system that is slow or down leaves the type unknown, and the answer says why.
 */
import { findPatronAcross, reasonOf } from '@liaison/connectors';
import type { HubConnectors } from './connectors.js';

export type PatronTypeAnswer =
  /** `source` names the system whose record gave the type, e.g. "FOLIO". */
  | { kind: 'found'; patronType: string; affiliation?: string; source: string }
  | { kind: 'not_found' }
  /** Nothing could be learnt; `reason` says why in words staff read (no patron data). */
  | { kind: 'unavailable'; reason: string };

export type PatronTypeLookup = (by: { email?: string; barcode?: string }) => Promise<PatronTypeAnswer>;

/** A look-up over the hub's patron sources that answers within `timeoutMs` milliseconds. */
export function patronTypeLookup(connectors: HubConnectors, { timeoutMs, onError }: { timeoutMs: number; onError?: (system: string, error: unknown) => void }): PatronTypeLookup {
  return async (by) => {
    const source = connectors.patrons[0]?.system;
    if (!source) return { kind: 'unavailable', reason: 'no patron system is configured' };
    const options = { timeoutMs, ...(onError ? { onError } : {}) };
    try {
      const found = connectors.findPatron
        ? await connectors.findPatron(by, options)
        : await findPatronAcross(connectors.patrons.map((patrons) => ({ source: patrons })), by, options);
      if (found.kind === 'not_found') return { kind: 'not_found' };
      if (found.kind === 'unavailable') return { kind: 'unavailable', reason: found.missing.map((entry) => entry.reason).join('; ') || `${source} did not answer` };
      const { patronType, affiliation } = found.context.identity;
      return { kind: 'found', patronType, ...(affiliation ? { affiliation } : {}), source };
    } catch (error) {
      onError?.(source, error);
      return { kind: 'unavailable', reason: reasonOf(error) };
    }
  };
}
