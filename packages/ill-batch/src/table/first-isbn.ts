/**
 * The first ISBN of a request's ISSN field as a number, as `ill score` groups a million requests
 * by it: `Number(extractIsbns(field)[0])` without making a string or an array per row. Core's
 * extractIsbns is the rule; table/first-isbn.test.ts checks this against it on generated fields.
 */
import { extractIsbns, identifierCharacter } from '@liaison/core/batch';

// The digits of the identifier being read (10 for X); module scratch space, so a row allocates nothing.
const characters = new Uint8Array(13);

/** The ISBN-13 of the `count` characters read, as a number, or -1 when they are not an ISBN (check digits as ISO 2108). */
function isbnNumberOfCharacters(count: number): number {
  if (count === 10) {
    let sum = 0;
    for (let i = 0; i < 9; i++) {
      if (characters[i]! > 9) return -1; // X only as the check digit
      sum += characters[i]! * (10 - i);
    }
    if ((sum + characters[9]!) % 11 !== 0) return -1;
    // 978, the nine digits, and the ISBN-13 check digit.
    let number = 978;
    let checkSum = 9 + 7 * 3 + 8;
    for (let i = 0; i < 9; i++) {
      number = number * 10 + characters[i]!;
      checkSum += characters[i]! * (i % 2 === 0 ? 3 : 1);
    }
    return number * 10 + ((10 - (checkSum % 10)) % 10);
  }
  if (count !== 13 || characters[0] !== 9 || characters[1] !== 7 || (characters[2] !== 8 && characters[2] !== 9)) return -1;
  let number = 0;
  let checkSum = 0;
  for (let i = 0; i < 13; i++) {
    const digit = characters[i]!;
    if (digit > 9) return -1;
    number = number * 10 + digit;
    if (i < 12) checkSum += digit * (i % 2 === 0 ? 1 : 3);
  }
  return (10 - (checkSum % 10)) % 10 === characters[12] ? number : -1;
}

/**
 * The first valid ISBN in a field as the number of its ISBN-13 (13 digits, exact in a double), or -1
 * when there is none. A run of digits with spaces inside ("0 306 40615 2") is rare and is left to core.
 */
export function firstIsbnNumber(field: string): number {
  let isInRun = false;
  let count = 0;
  let followsSpace = false;
  for (let i = 0; i <= field.length; i++) {
    const code = field.charCodeAt(i); // NaN past the end, which ends the last run
    const value = identifierCharacter(code);
    if (value >= 0) {
      if (!isInRun) {
        isInRun = true;
        count = 0;
      } else if (followsSpace) {
        const isbn = extractIsbns(field)[0];
        return isbn === undefined ? -1 : Number(isbn);
      }
      followsSpace = false;
      if (count < 13) characters[count++] = value;
      else count = 14; // too long for any identifier
      continue;
    }
    if (value === -1) {
      if (code === 32) followsSpace = true;
      continue;
    }
    if (isInRun) {
      const number = count <= 13 ? isbnNumberOfCharacters(count) : -1;
      if (number >= 0) return number;
      isInRun = false;
      followsSpace = false;
    }
  }
  return -1;
}
