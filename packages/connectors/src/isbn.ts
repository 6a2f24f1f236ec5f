/**
 * ISBNs as connectors need them: the ISBN-13 check digit (for the demo catalogue) and the
 * ISBN-13s a borrowing request's ISSN field names, however a cataloguer or a form wrote them
 * ("0-306-40615-2 (pbk.); 978-0-306-40615-7"). Look-ups always use ISBN-13.
 */

/** The check digit of the first 12 digits of an ISBN-13 (weights 1, 3, 1, 3…, mod 10). */
export function isbn13CheckDigit(first12: string): string {
  let sum = 0;
  for (let index = 0; index < 12; index += 1) sum += Number(first12[index]) * (index % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

function isValidIsbn10(isbn: string): boolean {
  let sum = 0;
  for (let index = 0; index < 10; index += 1) {
    const character = isbn[index]!;
    const digit = character === 'X' ? 10 : Number(character);
    if (character === 'X' && index !== 9) return false;
    sum += digit * (10 - index);
  }
  return sum % 11 === 0;
}

/** The ISBN-13 for an ISBN-10 or ISBN-13 (hyphens and spaces allowed), or undefined when it is not a valid ISBN. */
export function toIsbn13(text: string): string | undefined {
  const compact = text.replace(/[\s-]/g, '').toUpperCase();
  if (/^97[89]\d{10}$/.test(compact)) {
    return isbn13CheckDigit(compact) === compact[12] ? compact : undefined;
  }
  if (/^\d{9}[\dX]$/.test(compact) && isValidIsbn10(compact)) {
    const first12 = `978${compact.slice(0, 9)}`;
    return first12 + isbn13CheckDigit(first12);
  }
  return undefined;
}

/** The distinct valid ISBN-13s in a free-text ISBN/ISSN field, in the order written. */
export function isbnsIn(field: string | undefined): string[] {
  if (!field) return [];
  const found: string[] = [];
  // Hyphenated ISBNs stay whole; qualifiers like "(pbk.)" and ISSNs fall out as invalid.
  for (const token of field.split(/[\s,;/|]+/)) {
    const isbn = toIsbn13(token.replace(/[().:]/g, ''));
    if (isbn && !found.includes(isbn)) found.push(isbn);
  }
  return found;
}

/** The ISBN-10 of a 978-prefixed ISBN-13 (979 ISBNs have none), for catalogues that keep the old form. */
export function toIsbn10(isbn13: string): string | undefined {
  if (!/^978\d{10}$/.test(isbn13)) return undefined;
  const first9 = isbn13.slice(3, 12);
  let sum = 0;
  for (let index = 0; index < 9; index++) sum += Number(first9[index]) * (10 - index);
  const check = (11 - (sum % 11)) % 11;
  return first9 + (check === 10 ? 'X' : String(check));
}
