/**
 * How an export's CSV is written: its text encoding (text-encoding.ts) and the character between
 * its fields. ILLiad and most tools write commas; Excel writes semicolons for "CSV" where the
 * comma is the decimal mark (much of Europe), and tabs for "Text (Tab delimited)".
 */
import type { ExportEncoding } from '@liaison/core';

export const csvDelimiters = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof csvDelimiters)[number];

export interface CsvDialect {
  encoding: ExportEncoding;
  delimiter: CsvDelimiter;
}

export const defaultDialect: CsvDialect = { encoding: 'utf-8', delimiter: ',' };

/**
 * The delimiter of a file, told from its header line: the one that splits it into the most
 * columns (a comma when none does better). The header is the surest line to tell by: it names the
 * columns, so it holds a delimiter between each two and no prices, notes or titles.
 */
export function delimiterOfHeader(line: string): CsvDelimiter {
  let best: CsvDelimiter = ',';
  let bestCount = countOutsideQuotes(line, ',');
  for (const delimiter of csvDelimiters) {
    const count = countOutsideQuotes(line, delimiter);
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/** Times `character` occurs in `line` outside double-quoted stretches. */
function countOutsideQuotes(line: string, character: string): number {
  let count = 0;
  let isQuoted = false;
  for (const each of line) {
    if (each === '"') isQuoted = !isQuoted;
    else if (each === character && !isQuoted) count++;
  }
  return count;
}
