import { describe, expect, it } from 'vitest';
import { parseCreationDate } from './creation-date.js';
import { dayNumberFromCivil } from './day-number.js';

const march4 = dayNumberFromCivil(2025, 3, 4);

describe('parseCreationDate', () => {
  it.each([
    ['2025-03-04', march4],
    ['2025-03-04 10:15:00', march4],
    ['2025-03-04T10:15:00', march4],
    ['2025-03-04T10:15:00.123', march4],
    ['2025-03-04T10:15:00.123Z', march4],
    ['2025-03-04T23:30:00-05:00', march4], // the date as written; the offset does not move it
    ['2025-03-04 10:15', march4],
    ['3/4/2025 10:15:00 AM', march4],
    ['3/4/2025 10:15:00 PM', march4],
    ['3/4/2025 12:00:00 am', march4],
    ['03/04/2025', march4],
    ['3/4/2025', march4],
    ['  2025-03-04  ', march4],
    ['2024-02-29', dayNumberFromCivil(2024, 2, 29)],
    ['12/31/1999 11:59:59 PM', dayNumberFromCivil(1999, 12, 31)],
    ['1970-01-01', 0],
  ])('%j is day %i', (text, expected) => {
    expect(parseCreationDate(text)).toBe(expected);
  });

  it.each([
    '2025-02-30',
    '2025-02-29', // not a leap year
    '2100-02-29',
    '2/30/2025',
    '2025-13-01',
    '2025-00-10',
    '2025-03-00',
    '13/4/2025', // month/day/year: there is no month 13
    '3/4/25', // two-digit years are ambiguous
    '20255-03-04',
    '2025-03-04x',
    '2025-03-04T25:00:00',
    '2025-03-04 10:61',
    '3/4/2025 13:15:00 PM',
    '3/4/2025 0:15:00 AM',
    '2025/03/04',
    'garbage',
    '',
    '   ',
    'March 4, 2025',
  ])('%j is not a date', (text) => {
    expect(parseCreationDate(text)).toBeNull();
  });

  it('agrees with Date.UTC on every ISO and US date of 2023–2025', () => {
    const disagreements: string[] = [];
    for (let n = dayNumberFromCivil(2023, 1, 1); n <= dayNumberFromCivil(2025, 12, 31); n++) {
      const date = new Date(n * 86_400_000);
      const us = `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} 9:05:00 AM`;
      if (parseCreationDate(date.toISOString()) !== n) disagreements.push(date.toISOString());
      if (parseCreationDate(us) !== n) disagreements.push(us);
    }
    expect(disagreements).toEqual([]);
  });

  it('takes no Date or undefined input as unknown', () => {
    expect(parseCreationDate(undefined)).toBeNull();
    expect(parseCreationDate(null)).toBeNull();
  });

  it('reads dates with slashes day first when told, and dates with dots day first always', () => {
    const march4 = Date.UTC(2025, 2, 4) / 86_400_000;
    const april3 = Date.UTC(2025, 3, 3) / 86_400_000;
    expect(parseCreationDate('3/4/2025')).toBe(march4);
    expect(parseCreationDate('3/4/2025', 'day-first')).toBe(april3);
    expect(parseCreationDate('04/03/2025 10:15', 'day-first')).toBe(march4);
    expect(parseCreationDate('04/03/2025 10:15:00', 'day-first')).toBe(march4);
    expect(parseCreationDate('4/3/2025 10:15:00 AM', 'day-first')).toBe(march4);
    expect(parseCreationDate('13/03/2025', 'day-first')).toBe(Date.UTC(2025, 2, 13) / 86_400_000);
    expect(parseCreationDate('13/03/2025')).toBeNull();
    expect(parseCreationDate('04.03.2025 10:15')).toBe(march4);
    expect(parseCreationDate('4.3.2025', 'month-first')).toBe(march4);
    expect(parseCreationDate('31.02.2025')).toBeNull();
    expect(parseCreationDate('04.03/2025')).toBeNull();
    expect(parseCreationDate('2025-03-04', 'day-first')).toBe(march4);
  });
});
