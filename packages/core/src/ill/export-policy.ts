/**
 * The `ill_export:` section of the policy file: how the library's request export names its
 * columns, for exports whose headings are not ILLiad's field names. Each key is a field Liaison
 * reads (TransactionNumber, LoanTitle, ...); its value is the heading the export uses for it.
 */
import * as z from 'zod';
import type { ExportField } from './export-fields.js';
import { dateOrders } from './creation-date.js';
import { exportEncodingNamed, exportEncodings } from './export-encoding.js';
import { exportFactFields, exportRequestFields } from './export-fields.js';

const heading = z.string().trim().min(1, 'is empty; write the heading of this column in the export, e.g. "Request ID", or remove the entry');

const encoding = z
  .string()
  .transform((name, context) => {
    const known = exportEncodingNamed(name);
    if (known === null) context.addIssue({ code: 'custom', message: `"${name}" is not an encoding Liaison reads; write one of ${exportEncodings.join(', ')}` });
    return known ?? 'utf-8';
  });

export const illExportPolicySchema = z
  .strictObject({
    /**
     * The export's text encoding when the file does not start with a byte-order mark: utf-8,
     * windows-1252 (Excel's "CSV (Comma delimited)" on Windows), utf-16le or utf-16be. Left out:
     * UTF-8, or Windows-1252 when the file is not UTF-8.
     */
    encoding: encoding.optional(),
    /**
     * How dates written with slashes are read: month-first ("3/4/2025" is 4 March, as ILLiad in
     * the US writes them; the default) or day-first (3 April, as spreadsheets in much of the
     * world write them). Dates with dots ("04.03.2025") are always day first.
     */
    date_order: z.enum(dateOrders, { error: `is not a date order; write ${dateOrders.join(' or ')}` }).default('month-first'),
    /** Field name → the export's column heading (compared without regard to case). */
    columns: z
      .strictObject(Object.fromEntries([...exportRequestFields, ...exportFactFields].map((field) => [field, heading.optional()])) as Record<ExportField, z.ZodOptional<typeof heading>>)
      .prefault({}),
  })
  // An omitted section parses as `{}`: the export has ILLiad's headings.
  .prefault({});

export type IllExportPolicy = z.output<typeof illExportPolicySchema>;
