/**
 * A request's creation day as `liaison ill score` reads it a million times: ILLiad's two
 * commonest shapes, ISO "2025-03-04 10:15:00" / "2025-03-04T10:15:00.123" and US "3/4/2025
 * 10:15:00 AM", read at fixed places; anything else (or anything wrong in these) goes to core's
 * parseCreationDate, which is the rule. judge/creation-day.test.ts checks on generated text that
 * both give the same day.
 */
import type { DateOrder } from '@liaison/core/batch';
import { daysInMonth, dayNumberFromCivil, parseCreationDate } from '@liaison/core/batch';

const zero = 48; // '0'
const space = 32;

/** Day number (days since 1970-01-01) of a creation date, or null: what parseCreationDate gives, sooner for ILLiad's own shapes. */
export function creationDayOf(text: string | undefined | null, order: DateOrder = 'month-first'): number | null {
  if (!text) return null;
  const day = commonShape(text, order === 'day-first');
  return day === day ? day : parseCreationDate(text, order); // NaN: not one of the two shapes
}

/**
 * Value 0–9 of the digit at `index`, or 16 when it is not a digit (or past the end): digits
 * never set bit 4, so `(a | b | c) & notDigit` tells at once whether any of several is not one.
 */
function digitValue(text: string, index: number): number {
  const value = text.charCodeAt(index) - zero; // NaN past the end
  return value >= 0 && value <= 9 ? value : notDigit;
}

const notDigit = 16;

/**
 * The two shapes ILLiad writes, read at fixed places without the general scan: ISO
 * "2025-03-04 10:15:00" / "2025-03-04T10:15:00.123" and US "3/4/2025 10:15:00 AM". NaN for
 * anything else, or anything wrong in these (the general scan then decides), so this only ever
 * gives what the scan gives, sooner.
 */
export function commonShape(text: string, isDayFirst: boolean): number {
  const length = text.length;
  let year: number;
  let month: number;
  let day: number;
  let hour: number;
  let minute: number;
  let second: number;
  if ((length === 19 || length === 23) && text.charCodeAt(4) === 45) {
    // ISO: YYYY-MM-DD?hh:mm:ss[.fff]
    const y0 = digitValue(text, 0), y1 = digitValue(text, 1), y2 = digitValue(text, 2), y3 = digitValue(text, 3);
    const m0 = digitValue(text, 5), m1 = digitValue(text, 6), d0 = digitValue(text, 8), d1 = digitValue(text, 9);
    const h0 = digitValue(text, 11), h1 = digitValue(text, 12), n0 = digitValue(text, 14), n1 = digitValue(text, 15);
    const s0 = digitValue(text, 17), s1 = digitValue(text, 18);
    const separator = text.charCodeAt(10);
    if (
      (y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1 | h0 | h1 | n0 | n1 | s0 | s1) & notDigit ||
      text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || (separator !== space && separator !== 84) ||
      text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58
    ) {
      return Number.NaN;
    }
    if (length === 23 && (text.charCodeAt(19) !== 46 || (digitValue(text, 20) | digitValue(text, 21) | digitValue(text, 22)) & notDigit)) return Number.NaN;
    year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
    month = m0 * 10 + m1;
    day = d0 * 10 + d1;
    hour = h0 * 10 + h1;
    minute = n0 * 10 + n1;
    second = s0 * 10 + s1;
    if (hour > 23) return Number.NaN;
  } else if (length >= 19 && length <= 22) {
    // US: M/D/YYYY h:mm:ss AM, each of M, D and h one or two digits.
    let at = 0;
    month = digitValue(text, at++);
    if (month > 9) return Number.NaN;
    if (digitValue(text, at) <= 9) month = month * 10 + digitValue(text, at++);
    if (text.charCodeAt(at++) !== 47) return Number.NaN;
    day = digitValue(text, at++);
    if (day > 9) return Number.NaN;
    if (digitValue(text, at) <= 9) day = day * 10 + digitValue(text, at++);
    if (text.charCodeAt(at++) !== 47) return Number.NaN;
    const y0 = digitValue(text, at), y1 = digitValue(text, at + 1), y2 = digitValue(text, at + 2), y3 = digitValue(text, at + 3);
    if ((y0 | y1 | y2 | y3) & notDigit || text.charCodeAt(at + 4) !== space) return Number.NaN;
    year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
    at += 5;
    hour = digitValue(text, at++);
    if (hour > 9) return Number.NaN;
    if (digitValue(text, at) <= 9) hour = hour * 10 + digitValue(text, at++);
    if (at + 9 !== length) return Number.NaN; // then ":mm:ss AM" to the end
    const n0 = digitValue(text, at + 1), n1 = digitValue(text, at + 2), s0 = digitValue(text, at + 4), s1 = digitValue(text, at + 5);
    const half = text.charCodeAt(at + 7);
    if (
      (n0 | n1 | s0 | s1) & notDigit || text.charCodeAt(at) !== 58 || text.charCodeAt(at + 3) !== 58 || text.charCodeAt(at + 6) !== space ||
      (half !== 65 && half !== 80) || text.charCodeAt(at + 8) !== 77
    ) {
      return Number.NaN;
    }
    minute = n0 * 10 + n1;
    second = s0 * 10 + s1;
    if (hour < 1 || hour > 12) return Number.NaN;
    if (isDayFirst) [month, day] = [day, month];
  } else {
    return Number.NaN;
  }
  if (minute > 59 || second > 59 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  return dayNumberFromCivil(year, month, day);
}

