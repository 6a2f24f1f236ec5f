import { describe, expect, it } from 'vitest';
import { parsePrice } from './export-row.js';

describe('parsePrice', () => {
  it.each([
    ['45', 45],
    ['45.00', 45],
    ['$1,045.50', 1045.5],
    ['1,045', 1045],
    ['12,345,678.90', 12345678.9],
    ['USD 45', 45],
    ['45.00 USD', 45],
    ['£30', 30],
  ])('reads %s with a decimal point as %d', (text, value) => {
    expect(parsePrice(text)).toBe(value);
  });

  it.each([
    ['45,00', 45],
    ['12,5', 12.5],
    ['1.045,50', 1045.5],
    ['1.045,50 €', 1045.5],
    ['€ 45,90', 45.9],
    ['1 045,50', 1045.5],
    ['1\u00a0045,50\u00a0€', 1045.5],
    ['2.345.678,00', 2345678],
  ])('reads %s with a decimal comma as %d, not a hundred times more', (text, value) => {
    expect(parsePrice(text)).toBe(value);
  });

  it('is undefined when empty and null when unreadable', () => {
    expect(parsePrice('')).toBeUndefined();
    for (const text of ['about forty', '30-40', '1,045,50', '12.34.56', '-5', 'n/a', '12 dollars']) expect(parsePrice(text)).toBeNull();
  });
});
