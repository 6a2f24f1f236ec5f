/**
 * The `ill_export:` section of the policy file: how the library's request export names its
 * columns, for exports whose headings are not ILLiad's field names. Each key is a field Liaison
 * reads (TransactionNumber, LoanTitle, ...); its value is the heading the export uses for it.
 */
import * as z from 'zod';
import type { ExportField } from './export-fields.js';
import { exportFactFields, exportRequestFields } from './export-fields.js';

const heading = z.string().trim().min(1, 'is empty; write the heading of this column in the export, e.g. "Request ID", or remove the entry');

export const illExportPolicySchema = z
  .strictObject({
    /** Field name → the export's column heading (compared without regard to case). */
    columns: z
      .strictObject(Object.fromEntries([...exportRequestFields, ...exportFactFields].map((field) => [field, heading.optional()])) as Record<ExportField, z.ZodOptional<typeof heading>>)
      .prefault({}),
  })
  // An omitted section parses as `{}`: the export has ILLiad's headings.
  .prefault({});

export type IllExportPolicy = z.output<typeof illExportPolicySchema>;
