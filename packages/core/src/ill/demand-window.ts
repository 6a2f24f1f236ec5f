/**
 * The demand window as an instant, for callers that count stored decisions rather than day
 * numbers (the hub): the window is whole calendar days in the library's time zone, ending on
 * today's date, as `demandWindowFirstDay` counts them for a batch.
 */
import { instantAtLocalTime, localDateOf } from '../time/calendar.js';
import { dayNumberFromCivil, isoDateOfDayNumber } from './day-number.js';
import { demandWindowFirstDay } from './demand.js';

/**
 * When the demand window that ends on `now`'s local date begins: local midnight of its first day
 * in `timeZone`. Requests at or after it count; `windowDays` = 365 on 1 March 2026 starts on
 * 2 March 2025.
 */
export function demandWindowStart(now: Date, windowDays: number, timeZone: string): Date {
  const today = localDateOf(now, timeZone);
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const firstDay = isoDateOfDayNumber(demandWindowFirstDay(dayNumberFromCivil(year, month, day), windowDays));
  return instantAtLocalTime(firstDay, 0, timeZone);
}
