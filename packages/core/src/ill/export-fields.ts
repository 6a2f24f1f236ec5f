/**
 * The fields `liaison ill score` reads from a request export, in ILLiad's spelling: an export with
 * ILLiad's column headings is read as it is; another system's (Tipasa, a report tool) names its
 * headings for these fields in the policy file's `ill_export.columns`.
 */
import type { BorrowingRequest } from './request.js';

/** The request fields read from an export. */
export const exportRequestFields = [
  'TransactionNumber', 'RequestType', 'DocumentType', 'LoanTitle', 'LoanAuthor', 'LoanPublisher', 'LoanDate',
  'ISSN', 'ESPNumber', 'Status', 'CreationDate', 'DOI', 'PhotoJournalTitle', 'PhotoArticleTitle', 'PhotoJournalYear',
] as const satisfies readonly (keyof BorrowingRequest)[];

/** Optional columns with facts the library already knows: yes/no, a number, yes/no. */
export const exportFactFields = ['Held', 'Price', 'Available'] as const;

export type ExportRequestField = (typeof exportRequestFields)[number];
export type ExportFactField = (typeof exportFactFields)[number];
export type ExportField = ExportRequestField | ExportFactField;

/** The export's own heading for a field, where it is not the field's name (`ill_export.columns`). */
export type ExportColumnNames = Partial<Record<ExportField, string>>;
