/**
 * When a borrowing request was made, as a day number. ILLiad exports write it as ISO
 * ("2025-03-04 10:15:00", "2025-03-04T10:15:00.123") or as US text ("3/4/2025 10:15:00 AM",
 * "03/04/2025"). A spreadsheet saved where the day comes first writes "04/03/2025 10:15"
 * (read so with the order 'day-first') or "04.03.2025 10:15" (dots: always day first). A
 * hand-written scanner: no regular expressions, and no Date.parse, which reads "3/4/2025"
 * differently per engine. (`liaison ill score` reads ILLiad's two commonest shapes at fixed
 * places first, in @liaison/ill-batch's judge/creation-day.ts, checked against this function.)
 *
 * The date is taken as written: a time of day is checked for shape and then ignored, and a
 * zone offset ("Z", "+02:00") does not move the date. The day number is that calendar date's
 * count of days since 1970-01-01.
 */
import { daysInMonth, dayNumberFromCivil } from './day-number.js';

/** Which comes first in a date written with slashes: "3/4/2025" is 4 March month first, 3 April day first. */
export const dateOrders = ['month-first', 'day-first'] as const;
export type DateOrder = (typeof dateOrders)[number];

const zero = 48; // '0'
const space = 32;

/** Digit value at `index`, or -1 when it is not an ASCII digit (or past the end). */
function digitAt(text: string, index: number): number {
  const code = text.charCodeAt(index) - zero; // NaN past the end
  return code >= 0 && code <= 9 ? code : -1;
}

// The scanner's cursor, kept in module state so the helpers return numbers without allocating.
let cursor = 0;

/** Reads `min`..`max` digits at the cursor; the number, or -1 when fewer than `min` are there. */
function readNumber(text: string, min: number, max: number): number {
  let value = 0;
  let count = 0;
  while (count < max) {
    const digit = digitAt(text, cursor);
    if (digit < 0) break;
    value = value * 10 + digit;
    cursor++;
    count++;
  }
  // A longer run of digits than allowed ("20255-01-01") is not this field.
  if (count < min || digitAt(text, cursor) >= 0) return -1;
  return value;
}

function isLetter(code: number, upper: number): boolean {
  return code === upper || code === upper + 32;
}

/**
 * Checks the time of day that may follow the date, from the cursor to the end of `text`:
 * "10:15", "10:15:00", "10:15:00.123", "10:15:00 AM", optionally ending in "Z" or "+02:00".
 */
function isTimeOfDay(text: string, end: number): boolean {
  const hour = readNumber(text, 1, 2);
  if (hour < 0 || text.charCodeAt(cursor) !== 58 /* : */) return false;
  cursor++;
  const minute = readNumber(text, 2, 2);
  if (minute < 0 || minute > 59) return false;
  if (text.charCodeAt(cursor) === 58) {
    cursor++;
    const second = readNumber(text, 2, 2);
    if (second < 0 || second > 59) return false;
    if (text.charCodeAt(cursor) === 46 /* . */) {
      cursor++;
      if (readNumber(text, 1, 9) < 0) return false;
    }
  }
  while (text.charCodeAt(cursor) === space) cursor++;
  const first = text.charCodeAt(cursor);
  if ((isLetter(first, 65) || isLetter(first, 80)) && isLetter(text.charCodeAt(cursor + 1), 77)) {
    // "AM" / "PM": a 12-hour clock.
    if (hour < 1 || hour > 12) return false;
    cursor += 2;
  } else if (hour > 23) {
    return false;
  }
  const zone = text.charCodeAt(cursor);
  if (zone === 90 /* Z */) {
    cursor++;
  } else if (zone === 43 /* + */ || zone === 45 /* - */) {
    cursor++;
    if (readNumber(text, 2, 2) < 0) return false;
    if (text.charCodeAt(cursor) === 58) cursor++;
    if (cursor < end && readNumber(text, 2, 2) < 0) return false;
  }
  return cursor === end;
}

/**
 * Day number (days since 1970-01-01) of a request's creation date, or null when the text is
 * not a real date in one of the shapes ILLiad writes ("2025-03-04", "2025-03-04 10:15:00",
 * "2025-03-04T10:15:00.123", "3/4/2025 10:15:00 AM", "03/04/2025") or a spreadsheet does
 * ("04.03.2025 10:15"). Dates with slashes are month/day/year unless `order` is 'day-first';
 * dates with dots are day.month.year.
 */
export function parseCreationDate(text: string | undefined | null, order: DateOrder = 'month-first'): number | null {
  if (!text) return null;
  const isDayFirst = order === 'day-first';
  let end = text.length;
  cursor = 0;
  while (text.charCodeAt(cursor) === space) cursor++;
  while (end > cursor && text.charCodeAt(end - 1) === space) end--;

  let year: number;
  let month: number;
  let day: number;
  const start = cursor;
  const firstNumber = readNumber(text, 1, 4);
  if (firstNumber < 0) return null;
  if (text.charCodeAt(cursor) === 45 /* - */ && cursor - start === 4) {
    year = firstNumber;
    cursor++;
    month = readNumber(text, 1, 2);
    if (text.charCodeAt(cursor) !== 45) return null;
    cursor++;
    day = readNumber(text, 1, 2);
  } else if ((text.charCodeAt(cursor) === 47 /* / */ || text.charCodeAt(cursor) === 46) /* . */ && cursor - start <= 2) {
    const separator = text.charCodeAt(cursor);
    cursor++;
    const second = readNumber(text, 1, 2);
    if (text.charCodeAt(cursor) !== separator) return null;
    cursor++;
    year = readNumber(text, 4, 4);
    const isDayFirstHere = separator === 46 || isDayFirst;
    month = isDayFirstHere ? second : firstNumber;
    day = isDayFirstHere ? firstNumber : second;
  } else {
    return null;
  }
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;

  if (cursor < end) {
    const separator = text.charCodeAt(cursor);
    if (separator !== space && separator !== 84 /* T */) return null;
    cursor++;
    while (separator === space && text.charCodeAt(cursor) === space) cursor++;
    if (!isTimeOfDay(text, end)) return null;
  }
  return dayNumberFromCivil(year, month, day);
}
