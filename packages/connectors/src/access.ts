/**
 * What a system refuses Liaison, found before a patron is ever looked up: one cheap call for each
 * kind of record Liaison reads, and for each refusal the permission or setting the system says is
 * missing, in words a systems librarian can act on. Used by `liaison connectors check`.
 */
import { isConnectorError } from './errors.js';
import { reasonOf } from './sources.js';

/** One call that reads a kind of record the way the connector does, on no one's record. */
export interface AccessProbe {
  /** What Liaison reads with it, in staff words: "patrons", "fees and fines". */
  reads: string;
  /** Method and path template, e.g. "GET /accounts". */
  call: string;
  run(signal?: AbortSignal): Promise<unknown>;
  /** For a 404 that means a module or setting is off (Koha's ILL module): what to do. */
  notFoundMeans?: string;
}

/** Something the system refused, and how to put it right. */
export interface AccessProblem {
  reads: string;
  call: string;
  /** What the system said, e.g. "lacks the permission users.collection.get". */
  problem: string;
  remedy: string;
}

export interface AccessRemedies {
  /** How to grant these permissions (as the system names them) to the API user. */
  grant(permissions: string[]): string;
  /** What to do about a 403 that names no permission. */
  forbidden: string;
}

/**
 * Runs every probe at once. A probe that answers, or answers 404 for the made-up record it asked
 * for, is fine; a 403 is a missing permission; a 404 with `notFoundMeans` is a setting that is off;
 * any other failure is listed with its reason.
 */
export async function probeAccess(probes: AccessProbe[], remedies: AccessRemedies, { signal }: { signal?: AbortSignal } = {}): Promise<AccessProblem[]> {
  const results = await Promise.all(
    probes.map(async (probe): Promise<AccessProblem | undefined> => {
      try {
        await probe.run(signal);
        return undefined;
      } catch (error) {
        if (signal?.aborted) throw error;
        const { reads, call } = probe;
        if (isConnectorError(error, 'connector_not_found')) {
          return probe.notFoundMeans ? { reads, call, problem: 'answers 404 (not found)', remedy: probe.notFoundMeans } : undefined;
        }
        if (isConnectorError(error, 'connector_unauthorized') && error.status === 403) {
          const permissions = error.missingPermissions ?? [];
          return permissions.length > 0
            ? { reads, call, problem: `lacks the permission ${permissions.join(' or ')}`, remedy: remedies.grant(permissions) }
            : { reads, call, problem: 'refused (HTTP 403)', remedy: remedies.forbidden };
        }
        return { reads, call, problem: reasonOf(error), remedy: isConnectorError(error) && error.hint ? error.hint : 'see the message' };
      }
    }),
  );
  return results.filter((problem): problem is AccessProblem => problem !== undefined);
}

/** A made-up record id no library has, in the form FOLIO ids take (a version-4 UUID). */
export const probeUuid = '00000000-0000-4000-8000-000000000000';
