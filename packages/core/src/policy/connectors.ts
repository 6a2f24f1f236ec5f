/**
 * The `connectors` section: which of the library's systems Liaison asks about patrons,
 * holdings, prices and open-access copies. Deliberately loose for now — a later issue defines
 * each system's settings; until then each system's settings pass through unchecked.
 */
import * as z from 'zod';

const sourceList = z.array(z.string().trim().min(1, 'is empty; write a source name, e.g. "demo" or "folio"'));

export const connectorsSchema = z
  .strictObject({
    /** Sources asked for a patron's standing, loans and requests, in order. */
    patron: sourceList.default(['demo']),
    holdings: sourceList.default(['demo']),
    price: sourceList.default(['demo']),
    open_access: sourceList.optional(),
    ill: sourceList.optional(),
    /** How long an answer from a source may be reused, in seconds. */
    cache_seconds: z.number().int('is not a whole number of seconds').nonnegative('is negative; write 0 or more seconds').optional(),
    /** Settings per system (base URL, tenant, …), keyed by the source name used above. */
    systems: z.record(z.string(), z.looseObject({})).optional(),
  })
  .prefault({});

export type ConnectorsPolicy = z.output<typeof connectorsSchema>;
