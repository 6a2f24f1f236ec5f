/**
 * The publication year in a request's date field, written the way cataloguers and patrons write
 * it: "2019", "2019.", "c2019", "©2018", "[2020]", "[2020?]", "2019-2021", "[between 2015 and
 * 2017?]", "2020, c2019", "1999 [i.e. 2000]". An incomplete year ("19--", "[197-?]") or none
 * ("n.d.", "[s.d.]") gives null, because guessing a decade would decide an age rule by chance.
 */

const zero = 48;

// A copyright or phonogram date ("c2019", "©2019", "℗2019", "cop. 2019", "copyright 2019") is
// the year of the text, not of this publication: a publication date written next to it wins.
const copyrightMark = /(?:[©℗]|(?:^|[^\p{L}])(?:c|p|cop|copyright)\.?)\s*$/iu;
// "1999 [i.e. 2000]": the cataloguer's correction of a misprinted year replaces it.
const correctionMark = /i\.\s?e\.?,?\s*$/i;

function isDigit(code: number): boolean {
  return code >= zero && code <= zero + 9;
}

/** The publication year (e.g. 2019) in a catalogue-style date, or null when no whole year is there. */
export function publicationYear(loanDate: string | undefined | null): number | null {
  if (!loanDate) return null;
  const length = loanDate.length;
  let publication: number | null = null;
  let copyright: number | null = null;
  let i = 0;
  while (i < length) {
    if (!isDigit(loanDate.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < length && isDigit(loanDate.charCodeAt(i))) i++;
    const first = loanDate.charCodeAt(start);
    // Only a whole run of four digits from 1000 to 2999 is a year: "19--" and "197-" are not.
    if (i - start !== 4 || (first !== zero + 1 && first !== zero + 2)) continue;
    const year = Number(loanDate.slice(start, i));
    // A year the date starts with ("2019", "2019.") has no mark before it to read.
    const before = start === 0 ? '' : loanDate.slice(Math.max(0, start - 12), start);
    if (before === '') {
      publication ??= year;
    } else if (correctionMark.test(before)) {
      if (publication !== null) publication = year;
      else copyright = year;
    } else if (copyrightMark.test(before)) {
      copyright ??= year;
    } else {
      publication ??= year;
    }
  }
  return publication ?? copyright;
}
