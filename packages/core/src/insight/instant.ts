/**
 * Reading the moment an item happened. Internal to insights (not part of core's public face):
 * items come from the store as Dates or ISO 8601 strings, and one that is neither is reported with
 * its path rather than counted in no week at all.
 */
import { LiaisonError } from '../errors.js';

/** Milliseconds since 1970 for a Date or an ISO 8601 string; throws `request_invalid` naming `path` otherwise. */
export function toInstant(value: Date | string, path: (string | number)[]): number {
  const time = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(time)) {
    throw new LiaisonError('request_invalid', `${JSON.stringify(String(value))} is not a date and time.`, [
      { path, message: 'is not a date and time', hint: 'give a Date or an ISO 8601 instant, e.g. "2026-03-09T14:30:00Z"' },
    ]);
  }
  return time;
}
