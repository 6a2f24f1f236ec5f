/**
 * Service levels: how fast a hand-off is owed, as a library writes it in the policy file.
 *
 * - "N opening hours" / "N opening minutes" count only time the library is open
 *   (decimals allowed when they make whole minutes: "1.5 opening hours").
 * - "N business days" count days the library is open (a whole number; see `dueAt` for the rule).
 * - "N hours" / "N minutes" count plain elapsed time, open or not ("calendar hours" too).
 * - "N days" / "N calendar days" reach the same local time N calendar days later.
 *
 * Singular and plural are both accepted ("1 business day", "1 business days").
 */
import * as z from 'zod';
import { LiaisonError, err, ok, type Result } from '../errors.js';
import { nearest } from '../policy/suggest.js';

export type ServiceLevel =
  /** Opening time only; `minutes` is opening minutes. */
  | { kind: 'opening_time'; minutes: number; text: string }
  /** Days the library is open; `days` is a whole number. */
  | { kind: 'business_days'; days: number; text: string }
  /** Plain elapsed time; `minutes` is real minutes. */
  | { kind: 'elapsed_time'; minutes: number; text: string }
  /** Calendar days to the same local wall-clock time; `days` is a whole number. */
  | { kind: 'calendar_days'; days: number; text: string };

export type ServiceLevelKind = ServiceLevel['kind'];

/** Whether a service level is measured in opening time (so escalation compares opening minutes). */
export function countsOpeningTime(level: ServiceLevel): boolean {
  return level.kind === 'opening_time' || level.kind === 'business_days';
}

type Unit = { kind: ServiceLevelKind; minutesEach: number; singular: string; plural: string };

const openingHour: Unit = { kind: 'opening_time', minutesEach: 60, singular: 'opening hour', plural: 'opening hours' };
const openingMinute: Unit = { kind: 'opening_time', minutesEach: 1, singular: 'opening minute', plural: 'opening minutes' };
const businessDay: Unit = { kind: 'business_days', minutesEach: 0, singular: 'business day', plural: 'business days' };
const hour: Unit = { kind: 'elapsed_time', minutesEach: 60, singular: 'hour', plural: 'hours' };
const minute: Unit = { kind: 'elapsed_time', minutesEach: 1, singular: 'minute', plural: 'minutes' };
const day: Unit = { kind: 'calendar_days', minutesEach: 0, singular: 'day', plural: 'days' };

// Every phrase accepted as a unit.
const units = new Map<string, Unit>();
for (const unit of [openingHour, openingMinute, businessDay, hour, minute, day]) {
  units.set(unit.singular, unit);
  units.set(unit.plural, unit);
}
units.set('calendar hour', hour);
units.set('calendar hours', hour);
units.set('calendar day', day);
units.set('calendar days', day);

// Words a library might write that we do not accept as they stand, with the unit we suggest.
// Abbreviations suggest opening time, since a hand-off is usually owed in the library's open hours.
const suggestedFor = new Map<string, Unit>([
  ['hrs', openingHour], ['hr', openingHour], ['h', openingHour], ['opening hrs', openingHour], ['opening hr', openingHour],
  ['business hours', openingHour], ['business hour', openingHour], ['working hours', openingHour], ['working hour', openingHour],
  ['open hours', openingHour], ['open hour', openingHour], ['office hours', openingHour], ['library hours', openingHour],
  ['mins', openingMinute], ['min', openingMinute], ['m', openingMinute], ['opening mins', openingMinute],
  ['working days', businessDay], ['working day', businessDay], ['work days', businessDay], ['work day', businessDay],
  ['workdays', businessDay], ['workday', businessDay], ['open days', businessDay], ['open day', businessDay],
  ['opening days', businessDay], ['opening day', businessDay], ['weekdays', businessDay], ['weekday', businessDay],
  ['bus days', businessDay], ['bd', businessDay],
  ['d', day],
]);

const knownOrSuggested = (word: string) => units.get(word) ?? suggestedFor.get(word);
const hourAbbreviations = new Set(['hrs', 'hr', 'h']);
// One- and two-letter abbreviations are matched exactly, never as near spellings of other words.
const spellingCandidates = [...units.keys(), ...suggestedFor.keys()].filter((word) => word.length > 2);

const numberWords = new Map([
  ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7],
  ['eight', 8], ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['a', 1], ['an', 1],
]);

const examples = 'write e.g. "4 opening hours", "2 business days", "48 hours" or "3 days"';

/** The canonical text of an amount of a unit: "1 business day", "2 business days". */
function phrase(amount: number, unit: Unit): string {
  return `${amount} ${amount === 1 ? unit.singular : unit.plural}`;
}

function invalid(text: string, message: string, hint: string): Result<never, LiaisonError> {
  return err(new LiaisonError('service_level_invalid', `"${text}" ${message}; ${hint}`, [{ path: [], message: `"${text}" ${message}`, hint }]));
}

/** Reads a service level such as "4 opening hours" or "2 business days"; typos get a `try "…"` hint. */
export function parseServiceLevel(text: string): Result<ServiceLevel, LiaisonError> {
  const written = text.trim();
  const normal = written.toLowerCase().replace(/\s+/g, ' ');
  if (normal === '') return invalid(written, 'is not a service level', examples);

  // A number ("4", "1.5") or a number word followed by a space ("two "), then the unit.
  const match = /^(-?\d+(?:\.\d+)?|[a-z]+(?= ))\s*([a-z][a-z ]*)?$/.exec(normal);
  const amountText = match?.[1] ?? '';
  const unitText = (match?.[2] ?? '').trim();
  const wordAmount = numberWords.get(amountText);
  const amount = /^[-\d]/.test(amountText) ? Number(amountText) : wordAmount;

  // "business day" with no number at all: the whole text is the unit.
  const bareUnit = units.get(normal) ?? suggestedFor.get(normal);
  if (amount === undefined && bareUnit) return invalid(written, 'has no number', `try "${phrase(1, bareUnit)}"`);
  if (amount === undefined || !match) return invalid(written, 'is not a service level', examples);

  const unit = units.get(unitText);
  if (!unit || wordAmount !== undefined) {
    if (unitText === 'week' || unitText === 'weeks' || unitText === 'w') {
      return invalid(written, 'is not a service level', `try "${amount * 7} days" or "${phrase(amount * 5, businessDay)}"`);
    }
    const known = unit ?? knownOrSuggested(unitText) ?? knownOrSuggested(nearest(unitText, spellingCandidates) ?? '');
    if (!known) return invalid(written, 'is not a service level', unitText ? examples : `say in what, e.g. "${phrase(amount, openingHour)}" or "${phrase(amount, businessDay)}"`);
    if (hourAbbreviations.has(unitText)) {
      return invalid(written, 'is not a service level', `try "${phrase(amount, openingHour)}", or "${phrase(amount, hour)}" to count closed time too`);
    }
    return invalid(written, 'is not a service level', `try "${phrase(amount, known)}"`);
  }

  if (amount <= 0) return invalid(written, 'is not more than zero', `a hand-off needs some time, e.g. "${phrase(1, unit)}"`);
  if (unit.kind === 'business_days' || unit.kind === 'calendar_days') {
    if (!Number.isInteger(amount)) {
      const instead = unit.kind === 'business_days' ? `"${phrase(Math.max(1, Math.round(amount)), businessDay)}"` : `"${amount * 24} hours"`;
      return invalid(written, 'is not a whole number of days', `try ${instead}`);
    }
    return ok({ kind: unit.kind, days: amount, text: phrase(amount, unit) });
  }
  const minutes = amount * unit.minutesEach;
  if (!Number.isInteger(minutes)) {
    return invalid(written, 'is not a whole number of minutes', `try "${phrase(Math.max(1, Math.round(minutes)), unit.kind === 'opening_time' ? openingMinute : minute)}"`);
  }
  return ok({ kind: unit.kind, minutes, text: phrase(amount, unit) });
}

/** A service level as written in the policy file; the text is kept, and checked with `parseServiceLevel`. */
export const serviceLevelSchema = z
  .string({ error: `is not a service level; ${examples}` })
  .trim()
  .superRefine((text, context) => {
    const parsed = parseServiceLevel(text);
    if (parsed.ok) return;
    const issue = parsed.error.issues[0];
    context.addIssue({ code: 'custom', message: parsed.error.message, params: { hint: issue?.hint } });
  });
