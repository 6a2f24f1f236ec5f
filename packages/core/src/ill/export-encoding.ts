/**
 * The text encodings a request export can be read in. ILLiad and most tools write UTF-8, but a
 * spreadsheet saved by Excel on Windows as "CSV (Comma delimited)" is Windows-1252, and "Unicode
 * Text" is UTF-16. A byte-order mark at the start of a file says its encoding, whatever is set.
 */

export const exportEncodings = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
export type ExportEncoding = (typeof exportEncodings)[number];

/** Other names staff may write for them (ISO-8859-1 is read as Windows-1252, as browsers do). */
const namesOf: Readonly<Record<string, ExportEncoding>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  latin1: 'windows-1252',
  'latin-1': 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'utf-16le': 'utf-16le',
  'utf-16': 'utf-16le',
  'utf-16be': 'utf-16be',
};

/** The encoding `name` stands for (without regard to case), or null when it is none of them. */
export function exportEncodingNamed(name: string): ExportEncoding | null {
  return namesOf[name.trim().toLowerCase()] ?? null;
}
