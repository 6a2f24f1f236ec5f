/**
 * Day numbers: a calendar date as one integer, the days since 1970-01-01 (day 0).
 * Demand windows and publication ages are counted in whole calendar days, and an integer
 * is what a million-row batch can sort, store in a typed array and compare cheaply.
 * The arithmetic is Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian),
 * so no Date object is made on the hot path.
 */

/** True for a leap year of the Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const daysInMonths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Number of days (28–31) in a month; `month` is 1–12. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (daysInMonths[month - 1] ?? 0);
}

/** Day number (days since 1970-01-01) of a calendar date; month 1–12, day 1–31; not validated. */
export function dayNumberFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The calendar date of a day number (days since 1970-01-01): year, month 1–12, day 1–31. */
export function civilFromDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const millisecondsPerDay = 86_400_000;

/** Day number (days since 1970-01-01) of an instant's UTC calendar date. */
export function dayNumberOfInstant(instant: Date | number): number {
  const milliseconds = typeof instant === 'number' ? instant : instant.getTime();
  return Math.floor(milliseconds / millisecondsPerDay);
}

/** ISO 8601 date ("2025-03-04") of a day number (days since 1970-01-01). */
export function isoDateOfDayNumber(dayNumber: number): string {
  const { year, month, day } = civilFromDayNumber(dayNumber);
  const yyyy = year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : String(year);
  return `${yyyy}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
