/**
 * The library's calendar: its time zone, weekly opening hours and holidays. Service levels that
 * count opening time ("4 opening hours", "1 business day") are measured against it.
 */
import { TZDate } from '@date-fns/tz';
import * as z from 'zod';
import { LiaisonError } from '../errors.js';
import { minutesAfterMidnight, openingDaySchema, type OpeningDay } from './opening-hours.js';
import { timeZoneSchema } from './time-zone.js';

export const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof weekdays)[number];

const dayMissingIsClosed = openingDaySchema.default([]);

/** Hours per weekday; a day left out is closed. */
export const weeklyOpeningHoursSchema = z.strictObject(
  {
    monday: dayMissingIsClosed,
    tuesday: dayMissingIsClosed,
    wednesday: dayMissingIsClosed,
    thursday: dayMissingIsClosed,
    friday: dayMissingIsClosed,
    saturday: dayMissingIsClosed,
    sunday: dayMissingIsClosed,
  },
  {
    // Only for a missing or mistyped section; unknown day names keep zod's own issue, which the policy module turns into "did you mean".
    error: (issue) => (issue.code === 'invalid_type' ? 'is not a week of opening hours; write e.g. { monday: "08:00-17:00", sunday: closed }' : undefined),
  },
);

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether "YYYY-MM-DD" names a real day of the Gregorian calendar. */
function isRealDate(text: string): boolean {
  const match = isoDatePattern.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A day as "YYYY-MM-DD". YAML parsers that read `2026-11-26` as a Date give UTC midnight of that
 * day, so its UTC date is the day the library wrote.
 */
export const calendarDateSchema = z
  .union([z.string().trim(), z.date()], { error: 'is not a date; write it as YYYY-MM-DD, e.g. 2026-11-26' })
  .transform((value, context) => {
    const text = value instanceof Date ? (Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)) : value;
    if (isRealDate(text)) return text;
    context.addIssue({ code: 'custom', message: `"${String(value)}" is not a date; write it as YYYY-MM-DD, e.g. 2026-11-26` });
    return z.NEVER;
  });

/** A day the library closes, or keeps reduced hours. Its hours replace the weekday's usual hours. */
export const holidaySchema = z.strictObject({
  date: calendarDateSchema,
  name: z.string({ error: 'is missing; name the holiday, e.g. "Thanksgiving"' }).trim().min(1, 'is empty; name the holiday'),
  /** Reduced hours; left out means closed all day. */
  hours: openingDaySchema.optional(),
});
export type Holiday = z.output<typeof holidaySchema>;

const holidaysSchema = z
  .array(holidaySchema)
  .superRefine((holidays, context) => {
    const seen = new Map<string, number>();
    holidays.forEach((holiday, index) => {
      const earlier = seen.get(holiday.date);
      if (earlier !== undefined) {
        context.addIssue({
          code: 'custom',
          path: [index, 'date'],
          message: `${holiday.date} is listed twice (also as holidays[${earlier}]); keep one entry per day`,
        });
      } else seen.set(holiday.date, index);
    });
  })
  .default([]);

/** The `library` calendar keys of the policy file: time zone, weekly hours, holidays. */
export const libraryCalendarSchema = z.strictObject({
  time_zone: timeZoneSchema,
  opening_hours: weeklyOpeningHoursSchema,
  holidays: holidaysSchema,
});

export type LibraryCalendar = z.output<typeof libraryCalendarSchema>;
export type LibraryCalendarInput = z.input<typeof libraryCalendarSchema>;

/** A stretch of real time when the library is open: [start, end). */
export interface OpeningInterval {
  start: Date;
  end: Date;
}

/** The local calendar date ("YYYY-MM-DD") of an instant in a time zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  const local = new TZDate(instant.getTime(), timeZone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

// Walking day by day is the inner loop of every count of opening time, so date arithmetic is
// remembered (a few thousand short strings at most, cleared when it grows past that).
const shiftedDates = new Map<string, string>();

/** The calendar date `days` after a "YYYY-MM-DD" date (zone-free date arithmetic). */
export function addCalendarDays(date: string, days: number): string {
  const key = `${date}${days}`;
  let shifted = shiftedDates.get(key);
  if (shifted === undefined) {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    shifted = new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
    if (shiftedDates.size > 20_000) shiftedDates.clear();
    shiftedDates.set(key, shifted);
  }
  return shifted;
}

/**
 * A date at least one day before the local date of `instant` in any zone: UTC offsets lie within
 * ±14 hours, so two days before the UTC date is always early enough. Starting here instead of
 * asking Intl for the local date keeps day walks cheap; intervals before `instant` are skipped.
 */
function safelyBefore(instant: Date): string {
  return addCalendarDays(instant.toISOString().slice(0, 10), -2);
}

/** The instant of a local wall-clock time on a date: `minutes` after local midnight (1440 = the next midnight), plus `extraMilliseconds`. */
export function instantAtLocalTime(date: string, minutes: number, timeZone: string, extraMilliseconds = 0): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  // A time that a spring-forward skips (02:30) lands an hour later, as on the wall clock.
  return new Date(new TZDate(year, month - 1, day, Math.floor(minutes / 60), minutes % 60, 0, extraMilliseconds, timeZone).getTime());
}

/** The hours that apply on a local date: a holiday's (closed, or reduced) or else the weekday's. */
export function openingHoursOn(calendar: LibraryCalendar, date: string): { hours: OpeningDay; holiday?: Holiday } {
  const holiday = calendar.holidays.find((entry) => entry.date === date);
  if (holiday) return { hours: holiday.hours ?? [], holiday };
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = weekdays[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!;
  return { hours: calendar.opening_hours[weekday] };
}

// Converting wall-clock times to instants is the costly step, and the scheduler asks about the
// same few weeks for thousands of hand-offs each minute, so each calendar keeps its answers per
// date. Parsed calendars are not changed after parsing; a changed policy is a new object.
const intervalsByCalendar = new WeakMap<LibraryCalendar, Map<string, readonly OpeningInterval[]>>();

function intervalsOn(calendar: LibraryCalendar, date: string): readonly OpeningInterval[] {
  let byDate = intervalsByCalendar.get(calendar);
  if (!byDate) intervalsByCalendar.set(calendar, (byDate = new Map()));
  const known = byDate.get(date);
  if (known) return known;
  const intervals: OpeningInterval[] = [];
  for (const range of openingHoursOn(calendar, date).hours) {
    const start = instantAtLocalTime(date, minutesAfterMidnight(range.opens), calendar.time_zone);
    const end = instantAtLocalTime(date, minutesAfterMidnight(range.closes), calendar.time_zone);
    // A range wholly inside a spring-forward gap has no real time in it.
    if (end.getTime() > start.getTime()) intervals.push({ start, end });
  }
  byDate.set(date, intervals);
  return intervals;
}

/** The opening intervals of one local date, as instants, earliest first (empty when closed). */
export function openingIntervalsOn(calendar: LibraryCalendar, date: string): OpeningInterval[] {
  return intervalsOn(calendar, date).map(({ start, end }) => ({ start: new Date(start.getTime()), end: new Date(end.getTime()) }));
}

/** How many days without any opening are searched before a calendar is judged never open. */
export const neverOpenSearchDays = 366;

/**
 * Opening intervals from `from` onwards, one local day's ranges at a time, in order, the first
 * clipped to start no earlier than `from`. (Intervals are not merged across midnight: a library
 * open around the clock would never end one.) Throws LiaisonError 'calendar_never_open' after
 * a year of days without any opening.
 */
export function* openingIntervalsFrom(calendar: LibraryCalendar, from: Date): Generator<OpeningInterval> {
  let date = safelyBefore(from);
  let closedDays = 0;
  for (;;) {
    const intervals = intervalsOn(calendar, date).filter((interval) => interval.end.getTime() > from.getTime());
    if (intervals.length > 0) closedDays = 0;
    else if (++closedDays > neverOpenSearchDays) {
      throw new LiaisonError('calendar_never_open', `The library is not open on any day in the ${neverOpenSearchDays} days before ${date}; no opening time can be counted.`, [
        { path: ['library', 'opening_hours'], message: 'no day is open', hint: 'give at least one weekday opening hours, e.g. monday: "09:00-17:00"' },
      ]);
    }
    for (const interval of intervals) {
      yield { start: new Date(Math.max(interval.start.getTime(), from.getTime())), end: new Date(interval.end.getTime()) };
    }
    date = addCalendarDays(date, 1);
  }
}

/** The opening intervals that overlap [from, to), clipped to it and merged where they touch. */
export function openingIntervals(calendar: LibraryCalendar, from: Date, to: Date): OpeningInterval[] {
  const intervals: OpeningInterval[] = [];
  if (to.getTime() <= from.getTime()) return intervals;
  let date = safelyBefore(from);
  const lastDate = addCalendarDays(to.toISOString().slice(0, 10), 2);
  // Walking dates (not the open-ended generator) keeps this finite for a never-open calendar.
  while (date <= lastDate) {
    for (const interval of intervalsOn(calendar, date)) {
      const start = Math.max(interval.start.getTime(), from.getTime());
      const end = Math.min(interval.end.getTime(), to.getTime());
      if (end <= start) continue;
      const previous = intervals[intervals.length - 1];
      if (previous && previous.end.getTime() >= start) previous.end = new Date(Math.max(previous.end.getTime(), end));
      else intervals.push({ start: new Date(start), end: new Date(end) });
    }
    date = addCalendarDays(date, 1);
  }
  return intervals;
}
