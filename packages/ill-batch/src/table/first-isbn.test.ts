import { extractIsbns } from '@liaison/core/batch';
import { describe, expect, it } from 'vitest';
import { firstIsbnNumber } from './first-isbn.js';

/** What core says: the number of the first ISBN extractIsbns finds, or -1. */
function coreFirstIsbnNumber(field: string): number {
  const first = extractIsbns(field)[0];
  return first === undefined ? -1 : Number(first);
}

describe('firstIsbnNumber', () => {
  it.each<[string, number]>([
    ['978-0-306-40615-8 (pbk.); 9783161484100 (hbk.)', 9783161484100],
    ['0378-5955 0306406152', 9780306406157],
    ['080442957X', 9780804429573],
    ['0306406152 (pbk.); 9783161484100', 9780306406157],
    ['0 306 40615 2; 9783161484100', 9780306406157], // spaced inside: read as core reads it
    ['97803064061570; 979-10-90636-07-1', 9791090636071], // fourteen digits, then a 979 ISBN
    ['0378-5955', -1],
    ['9771234567003', -1],
    ['0X06406155; 0306406152', 9780306406157], // X passes the sum here, but only a check digit may be X
    ['', -1],
  ])('%j -> %d, the number of core extractIsbns(field)[0]', (field, expected) => {
    expect(firstIsbnNumber(field)).toBe(expected);
    expect(coreFirstIsbnNumber(field)).toBe(expected);
  });

  it('gives what core extractIsbns(field)[0] gives on generated ISBN fields', () => {
    let seed = 11;
    const random = (below: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % below);
    const isbns = ['9780306406157', '0306406152', '978-3-16-148410-0', '080442957X', '979-10-90636-07-1', '0378-5955', '9771234567003', '1234567890'];
    const pieces = ['0', '5', '9', 'X', 'x', '-', ' ', '; ', ', ', '/', '(pbk.)', 'ISBN ', '‐', '7', ''];
    const disagreements: string[] = [];
    let found = 0;
    for (let n = 0; n < 20_000; n++) {
      let field = Array.from({ length: 1 + random(3) }, () => isbns[random(isbns.length)]!).join(random(2) ? '; ' : ' ');
      // None to three changes: a character replaced by a piece, or a piece put in (a mistyped digit breaks the check digit).
      for (let change = random(4) - 1; change >= 0; change--) {
        const at = random(field.length + 1);
        field = field.slice(0, at) + pieces[random(pieces.length)]! + field.slice(at + random(2));
      }
      const fast = firstIsbnNumber(field);
      if (fast >= 0) found++;
      if (fast !== coreFirstIsbnNumber(field)) disagreements.push(`${field} -> ${fast}`);
    }
    expect(disagreements).toEqual([]);
    expect(found).toBeGreaterThan(5_000);
  });
});
