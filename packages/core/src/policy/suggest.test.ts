import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from './suggest.js';

describe('editDistance', () => {
  // Worked examples from the definition of Damerau–Levenshtein distance: "CA" → "ABC" is 2 with
  // unrestricted swaps (CA → AC → ABC), where the restricted (optimal string alignment) variant gives 3.
  it.each([
    ['CA', 'ABC', 2],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['same', 'same', 0],
    ['calender', 'calendar', 1],
    ['opnening_hours', 'opening_hours', 1],
    ['ab', 'ba', 1],
    ['abcdef', 'badcfe', 3],
  ])('%s → %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('nearest', () => {
  const keys = ['time_zone', 'opening_hours', 'holidays', 'name', 'currency'];
  it.each([
    { typed: 'openning_hours', expected: 'opening_hours' },
    { typed: 'Opening-Hours', expected: 'opening_hours' },
    { typed: 'timezone', expected: 'time_zone' },
    { typed: 'holiday', expected: 'holidays' },
    { typed: 'currancy', expected: 'currency' },
    { typed: 'staff', expected: undefined },
    { typed: 'address', expected: undefined },
  ])('$typed → $expected', ({ typed, expected }) => {
    expect(nearest(typed, keys)).toBe(expected);
  });

  it('suggests nothing from an empty list', () => {
    expect(nearest('anything', [])).toBeUndefined();
  });
});
