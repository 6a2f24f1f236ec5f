import { describe, expect, it } from 'vitest';
import { publicationYear } from './publication-year.js';

describe('publicationYear', () => {
  it.each<[string, number | null, string]>([
    ['2019', 2019, 'plain year'],
    ['2019.', 2019, 'ISBD full stop'],
    ['c2019', 2019, 'copyright date alone'],
    ['c2019.', 2019, 'copyright date with full stop'],
    ['©2018', 2018, 'copyright sign'],
    ['© 2018', 2018, 'copyright sign and space'],
    ['℗2017', 2017, 'phonogram date'],
    ['p2017', 2017, 'phonogram date written p'],
    ['cop. 2016', 2016, 'cop. abbreviation'],
    ['copyright 2015', 2015, 'copyright spelled out'],
    ['[2020]', 2020, 'supplied date'],
    ['[2020?]', 2020, 'probable date'],
    ['[ca. 2000]', 2000, 'approximate date'],
    ['2019-2021', 2019, 'range: the first year'],
    ['2019-', 2019, 'open range of a multi-part work'],
    ['[between 2015 and 2017?]', 2015, 'between: the first year'],
    ['2020, c2019', 2020, 'publication date beats copyright date'],
    ['[2020], ©2019', 2020, 'supplied publication date beats copyright date'],
    ['c2019, 2020', 2020, 'publication date wins whichever is written first'],
    ['c2019, c2018', 2019, 'two copyright dates: the first'],
    ['1999 [i.e. 2000]', 2000, 'cataloguer correction replaces the misprint'],
    ['May 2019', 2019, 'month and year'],
    ['Sep 2019', 2019, 'a word ending in p is not a phonogram mark'],
    ['2019-05-01', 2019, 'ISO date'],
    ['  2019  ', 2019, 'spaces'],
    ['1605', 1605, 'early printed book'],
    ['19--', null, 'century only'],
    ['[19--?]', null, 'probable century'],
    ['[197-?]', null, 'decade only'],
    ['197-', null, 'decade only'],
    ['n.d.', null, 'no date'],
    ['[s.d.]', null, 'sine dato'],
    ['', null, 'empty'],
    ['20190', null, 'five digits is not a year'],
    ['0199', null, 'leading zero is not a year'],
    ['3019', null, 'out of range'],
    ['12/2019', 2019, 'month/year'],
  ])('%j -> %s (%s)', (text, expected) => {
    expect(publicationYear(text)).toBe(expected);
  });

  it('treats a missing date as unknown', () => {
    expect(publicationYear(undefined)).toBeNull();
    expect(publicationYear(null)).toBeNull();
  });
});
