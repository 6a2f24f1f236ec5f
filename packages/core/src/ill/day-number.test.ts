import { describe, expect, it } from 'vitest';
import { civilFromDayNumber, dayNumberFromCivil, dayNumberOfInstant, daysInMonth, isoDateOfDayNumber } from './day-number.js';

describe('day numbers', () => {
  it.each([
    [1970, 1, 1, 0],
    [1969, 12, 31, -1],
    [2000, 3, 1, 11017],
    [2024, 2, 29, 19782],
    [2025, 3, 4, 20151],
    [1600, 1, 1, -135140],
  ])('%i-%i-%i is day %i, and back', (year, month, day, expected) => {
    expect(dayNumberFromCivil(year, month, day)).toBe(expected);
    expect(civilFromDayNumber(expected)).toEqual({ year, month, day });
  });

  it('agrees with Date.UTC for every day of 1899–2101', () => {
    const disagreements: number[] = [];
    for (let n = dayNumberFromCivil(1899, 1, 1); n <= dayNumberFromCivil(2101, 12, 31); n++) {
      const date = new Date(n * 86_400_000);
      const { year, month, day } = civilFromDayNumber(n);
      if (year !== date.getUTCFullYear() || month !== date.getUTCMonth() + 1 || day !== date.getUTCDate()) disagreements.push(n);
      if (dayNumberFromCivil(year, month, day) !== n) disagreements.push(n);
    }
    expect(disagreements).toEqual([]);
  });

  it('knows leap years (1900 is not, 2000 is)', () => {
    expect([daysInMonth(1900, 2), daysInMonth(2000, 2), daysInMonth(2024, 2), daysInMonth(2025, 2), daysInMonth(2025, 4)]).toEqual([28, 29, 29, 28, 30]);
  });

  it('takes the UTC calendar date of an instant', () => {
    expect(dayNumberOfInstant(new Date('2025-03-04T23:59:59.999Z'))).toBe(20151);
    expect(dayNumberOfInstant(Date.UTC(1969, 11, 31, 12))).toBe(-1);
    expect(isoDateOfDayNumber(20151)).toBe('2025-03-04');
  });
});
