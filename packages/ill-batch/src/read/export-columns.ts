/**
 * Which column of a request export holds which field. A field is found under the heading the
 * policy's `ill_export.columns` names for it, else under its ILLiad name, without regard to case
 * ("transactionnumber" is TransactionNumber); other columns are ignored. Held, Price and
 * Available are optional facts a library may add.
 */
import type { ExportColumnNames, ExportField } from '@liaison/core/batch';
import { exportFactFields, exportRequestFields } from '@liaison/core/batch';

/** Index of each known column in a record, or -1 when the export has no such column. */
export type ColumnIndex = Record<ExportField, number> & { count: number };

/** Why a header cannot be read: the field with no column (and the heading looked for), and the headings found. */
export interface MissingColumn {
  ok: false;
  field: ExportField;
  /** The heading named for it in `ill_export.columns`, when one was. */
  namedHeading?: string;
  found: string[];
}

/**
 * The column positions of a header row. Fails when TransactionNumber has no column, or when a
 * heading named in `names` is not in the header (a misspelt heading would otherwise be ignored).
 */
export function indexColumns(header: readonly string[], names: ExportColumnNames = {}): { ok: true; columns: ColumnIndex } | MissingColumn {
  const positions = new Map<string, number>();
  header.forEach((name, position) => {
    const key = name.trim().toLowerCase();
    if (!positions.has(key)) positions.set(key, position);
  });
  const found = () => header.map((name) => name.trim());
  const columns = { count: header.length } as ColumnIndex;
  for (const field of [...exportRequestFields, ...exportFactFields]) {
    const namedHeading = names[field];
    const position = positions.get((namedHeading ?? field).trim().toLowerCase());
    if (namedHeading !== undefined && position === undefined) return { ok: false, field, namedHeading, found: found() };
    columns[field] = position ?? -1;
  }
  if (columns.TransactionNumber === -1) return { ok: false, field: 'TransactionNumber', found: found() };
  return { ok: true, columns };
}
