import { describe, expect, it } from 'vitest';
import { extractIsbns, extractIssns, isbn10FromIsbn13, normalizeIsbn } from './isbn.js';

describe('normalizeIsbn', () => {
  // Worked examples published with the ISBN standard and its Wikipedia article.
  it.each([
    ['0-306-40615-2', '9780306406157'],
    ['0306406152', '9780306406157'],
    ['0 306 40615 2', '9780306406157'],
    ['978-0-306-40615-7', '9780306406157'],
    ['978 0 306 40615 7', '9780306406157'],
    ['9780306406157', '9780306406157'],
    ['0-8044-2957-X', '9780804429573'],
    ['0-8044-2957-x', '9780804429573'],
    ['080442957X', '9780804429573'],
    ['978-3-16-148410-0', '9783161484100'],
    ['ISBN 978-3-16-148410-0', '9783161484100'],
    ['ISBN-10: 0-306-40615-2', '9780306406157'],
    ['979-10-90636-07-1', '9791090636071'],
    ['978\u20110\u2011306\u201140615\u20117', '9780306406157'], // non-breaking hyphens
  ])('%s is ISBN-13 %s', (text, expected) => {
    expect(normalizeIsbn(text)).toBe(expected);
  });

  it.each([
    ['0-306-40615-3', 'ISBN-10 check digit wrong'],
    ['978-0-306-40615-8', 'ISBN-13 check digit wrong'],
    ['978-3-16-148410-1', 'ISBN-13 check digit wrong'],
    ['0-8044-2957-0', 'X expected'],
    ['X-306-40615-2', 'X only as the last character'],
    ['979-10-90636-07-2', '979 check digit wrong'],
    ['9771234567003', 'an ISSN barcode (977), not an ISBN'],
    ['0378-5955', 'an ISSN'],
    ['030640615', 'nine digits'],
    ['97803064061570', 'fourteen digits'],
    ['0306406152 (pbk.)', 'a qualifier is not part of one ISBN'],
    ['', 'empty'],
    ['n/a', 'not a number'],
  ])('%j is not an ISBN (%s)', (text) => {
    expect(normalizeIsbn(text)).toBeNull();
  });
});

describe('isbn10FromIsbn13', () => {
  it.each([
    ['9780306406157', '0306406152'],
    ['9780804429573', '080442957X'],
    ['9783161484100', '316148410X'],
    ['9791090636071', null], // 979 ISBNs have no ISBN-10
    ['9780306406158', null],
  ])('%s -> %s', (isbn13, expected) => {
    expect(isbn10FromIsbn13(isbn13)).toBe(expected);
  });

  it('round-trips through normalizeIsbn', () => {
    for (const isbn13 of ['9780306406157', '9780804429573', '9783161484100']) {
      expect(normalizeIsbn(isbn10FromIsbn13(isbn13)!)).toBe(isbn13);
    }
  });
});

describe('extractIsbns (ILLiad ISSN field)', () => {
  it.each<[string, string[]]>([
    ['9780306406157', ['9780306406157']],
    ['0306406152 (pbk.); 9780306406157 (hardcover)', ['9780306406157']], // one edition, two forms
    ['9780306406157 (hardcover)', ['9780306406157']],
    ['9780306406157 (hbk.) 9783161484100 (pbk.)', ['9780306406157', '9783161484100']],
    ['9780306406157, 9783161484100', ['9780306406157', '9783161484100']],
    ['9780306406157;9783161484100', ['9780306406157', '9783161484100']],
    ['0-306-40615-2 / 978-3-16-148410-0', ['9780306406157', '9783161484100']],
    ['9780306406157 9783161484100', ['9780306406157', '9783161484100']],
    ['0 306 40615 2', ['9780306406157']],
    ['0 306 40615 2 ; 978 3 16 148410 0', ['9780306406157', '9783161484100']],
    ['080442957x (alk. paper)', ['9780804429573']],
    ['ISBN 9780306406157 (e-book)', ['9780306406157']],
    ['0378-5955 9780306406157', ['9780306406157']], // the ISSN is ignored
    ['0378-5955', []],
    ['978-0-306-40615-8, 9783161484100', ['9783161484100']], // a wrong check digit is left out
    ['pbk.', []],
    ['', []],
  ])('%j -> %j', (field, expected) => {
    expect(extractIsbns(field)).toEqual(expected);
  });

  it('treats a missing field as none', () => {
    expect(extractIsbns(undefined)).toEqual([]);
  });
});

describe('extractIssns', () => {
  it.each<[string, string[]]>([
    ['0378-5955', ['0378-5955']], // the ISSN standard's own example
    ['0317-8471', ['0317-8471']],
    ['2434-561x', ['2434-561X']],
    ['0378-5955; 9780306406157', ['0378-5955']],
    ['0378-5956', []], // wrong check digit
    ['9780306406157', []],
  ])('%j -> %j', (field, expected) => {
    expect(extractIssns(field)).toEqual(expected);
  });
});
