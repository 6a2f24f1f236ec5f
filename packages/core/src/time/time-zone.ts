/**
 * The library's time zone: an IANA name ("America/Chicago") that the runtime's own Intl knows,
 * so every due time is computed in the zone the library's clocks show.
 */
import * as z from 'zod';
import { nearest } from '../policy/suggest.js';

/** Whether this runtime's Intl accepts `name` as a time zone. */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

// Older runtimes lack Intl.supportedValuesOf; the hint then names a few well-known zones.
function knownTimeZones(): readonly string[] {
  const supportedValuesOf = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  return typeof supportedValuesOf === 'function' ? supportedValuesOf('timeZone') : [];
}

/**
 * The known zone nearest to a mistyped one: "America/Chicgo" -> "America/Chicago", and a bare
 * city such as "Chicago" or "new york" -> its zone. Undefined when nothing is close.
 */
export function suggestTimeZone(typed: string): string | undefined {
  const zones = knownTimeZones();
  const whole = nearest(typed.trim(), zones);
  if (whole) return whole;
  const city = (zone: string) => zone.slice(zone.lastIndexOf('/') + 1);
  const typedCity = city(typed.trim());
  const byCity = nearest(typedCity, zones.map(city));
  return byCity ? zones.find((zone) => city(zone) === byCity) : undefined;
}

/** An IANA time-zone name, checked against the runtime's Intl, with a close known zone as the hint. */
export const timeZoneSchema = z
  .string({ error: 'is not a time zone; write an IANA name such as "America/Chicago"' })
  .trim()
  .superRefine((name, context) => {
    if (isTimeZone(name)) return;
    const suggestion = suggestTimeZone(name);
    const hint = suggestion ? `did you mean "${suggestion}"?` : 'write an IANA name such as "America/Chicago" or "Europe/London"';
    context.addIssue({ code: 'custom', message: `"${name}" is not a known time zone; ${hint}`, params: { hint } });
  });
