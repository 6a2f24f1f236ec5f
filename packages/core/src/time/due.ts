/**
 * When a hand-off is due, and how much opening time has passed: arithmetic on the library's
 * calendar in its own time zone, so closed hours, closed days, holidays and daylight-saving
 * changes are counted as the library's clocks count them.
 */
import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import { LiaisonError } from '../errors.js';
import {
  addCalendarDays,
  instantAtLocalTime,
  localDateOf,
  neverOpenSearchDays,
  openingIntervals,
  openingIntervalsFrom,
  openingIntervalsOn,
  type LibraryCalendar,
} from './calendar.js';
import { parseServiceLevel, type ServiceLevel } from './service-level.js';

const minute = 60_000;

/** The first instant at or after `instant` when the library is open. Throws 'calendar_never_open'. */
export function nextOpening(instant: Date, calendar: LibraryCalendar): Date {
  const first = openingIntervalsFrom(calendar, instant).next();
  // The generator only ends by throwing, so `done` cannot happen; this satisfies the type.
  if (first.done) throw new LiaisonError('calendar_never_open', 'The library is never open.');
  return first.value.start;
}

/** The instant when `minutes` opening minutes have passed after `start` (closed time skipped). */
export function addOpeningMinutes(start: Date, minutes: number, calendar: LibraryCalendar): Date {
  let remaining = minutes * minute;
  if (remaining <= 0) return new Date(start.getTime());
  for (const interval of openingIntervalsFrom(calendar, start)) {
    const length = interval.end.getTime() - interval.start.getTime();
    // `<=`: work that fills an interval exactly is due at closing, not at the next opening.
    if (remaining <= length) return new Date(interval.start.getTime() + remaining);
    remaining -= length;
  }
  throw new LiaisonError('calendar_never_open', 'The library is never open.');
}

/**
 * The instant `days` business days after `start`. A business day is a local date on which the
 * library is open at all (a holiday with reduced hours counts; a closed holiday does not).
 * The clock starts at `start`, or at the next opening if the library is closed then; the hand-off
 * is due at that same local wall-clock time on the `days`-th open date after, moved to that
 * date's opening if it opens later and to its closing if it closes earlier.
 */
export function addBusinessDays(start: Date, days: number, calendar: LibraryCalendar): Date {
  const zone = calendar.time_zone;
  const clockStarts = nextOpening(start, calendar);
  const local = new TZDate(clockStarts.getTime(), zone);
  const wallMinutes = local.getHours() * 60 + local.getMinutes();
  const wallMilliseconds = local.getSeconds() * 1000 + local.getMilliseconds();

  let date = localDateOf(clockStarts, zone);
  let openDates = 0;
  let closedRun = 0;
  let intervals = openingIntervalsOn(calendar, date);
  while (openDates < days) {
    date = addCalendarDays(date, 1);
    intervals = openingIntervalsOn(calendar, date);
    if (intervals.length > 0) {
      openDates++;
      closedRun = 0;
    } else if (++closedRun > neverOpenSearchDays) {
      throw new LiaisonError('calendar_never_open', `The library is not open on any day in the ${neverOpenSearchDays} days after ${date}.`);
    }
  }
  const opens = intervals[0]!.start.getTime();
  const closes = intervals[intervals.length - 1]!.end.getTime();
  const sameWallTime = instantAtLocalTime(date, wallMinutes, zone, wallMilliseconds).getTime();
  return new Date(Math.min(Math.max(sameWallTime, opens), closes));
}

/** Reads a service level given as text; throws the LiaisonError 'service_level_invalid' if it is not one. */
function asServiceLevel(serviceLevel: ServiceLevel | string): ServiceLevel {
  if (typeof serviceLevel !== 'string') return serviceLevel;
  const parsed = parseServiceLevel(serviceLevel);
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

/**
 * When a hand-off that starts at `start` is due under `serviceLevel`, counted in the library's
 * time zone. Opening-time and business-day levels skip closed hours, closed days and holidays;
 * "N hours" is plain elapsed time; "N days" is the same local wall-clock time N dates later.
 * Throws LiaisonError 'service_level_invalid' for bad text, 'calendar_never_open' for a calendar
 * with no opening within a year.
 */
export function dueAt(start: Date, serviceLevel: ServiceLevel | string, calendar: LibraryCalendar): Date {
  const level = asServiceLevel(serviceLevel);
  switch (level.kind) {
    case 'opening_time':
      return addOpeningMinutes(start, level.minutes, calendar);
    case 'business_days':
      return addBusinessDays(start, level.days, calendar);
    case 'elapsed_time':
      return new Date(start.getTime() + level.minutes * minute);
    case 'calendar_days':
      return new Date(addDays(new TZDate(start.getTime(), calendar.time_zone), level.days).getTime());
  }
}

/** Opening minutes between `from` and `to` (0 when `to` is not after `from`; may be fractional). */
export function openMinutesBetween(from: Date, to: Date, calendar: LibraryCalendar): number {
  let milliseconds = 0;
  for (const interval of openingIntervals(calendar, from, to)) milliseconds += interval.end.getTime() - interval.start.getTime();
  return milliseconds / minute;
}
