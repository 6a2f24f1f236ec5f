import { describe, expect, it } from 'vitest';
import { isbn13CheckDigit, isbnsIn, toIsbn13 } from './isbn.js';

describe('ISBN', () => {
  // The worked example in the ISBN Users' Manual (and Wikipedia): 978-0-306-40615-7 / 0-306-40615-2.
  it('computes the published worked example of an ISBN-13 check digit', () => {
    expect(isbn13CheckDigit('978030640615')).toBe('7');
  });

  it.each([
    ['978-0-306-40615-7', '9780306406157'],
    ['0-306-40615-2', '9780306406157'],
    ['080442957X', '9780804429573'],
    ['978-0-306-40615-8', undefined],
    ['0-306-40615-3', undefined],
    ['1234-5679', undefined],
  ])('reads %s as %s', (text, expected) => {
    expect(toIsbn13(text)).toBe(expected);
  });

  it('finds every ISBN in a messy request field, once each, in order', () => {
    expect(isbnsIn('0-306-40615-2 (pbk.); 978-0-306-40615-7, 9780804429573 / 0028-0836')).toEqual([
      '9780306406157',
      '9780804429573',
    ]);
    expect(isbnsIn(undefined)).toEqual([]);
  });
});
