/**
 * The ILLiad Web Platform's answers (Atlas Systems' documentation): a user record
 * (GET /Users/{UserName}) and transactions (GET /Transaction/{TransactionNumber},
 * GET /Transaction/UserRequests/{UserName}) with ILLiad's own field names. Most fields may be null.
 */
import { z } from 'zod';

const text = z.string().nullish().transform((value) => value ?? undefined);
// ILLiad stores some numbers-as-text columns (ESPNumber) and the transaction number as a number.
const textOrNumber = z.union([z.string(), z.number()]).nullish().transform((value) => (value === null || value === undefined ? undefined : String(value)));

export const illiadUserSchema = z.object({
  UserName: z.string(),
  ExternalUserId: text,
  LastName: text,
  FirstName: text,
  EMailAddress: text,
  Status: text,
  Department: text,
  /** "Yes", "No", "NEW", "B" (blocked), "BO" (blocked for overdues, 8.6+), "EXP" (expired, 9.1+) or "DIS" (disavowed). */
  Cleared: text,
  ExpirationDate: text,
});
export type IlliadUser = z.output<typeof illiadUserSchema>;

export const illiadTransactionSchema = z.object({
  TransactionNumber: z.union([z.number(), z.string()]).transform(String),
  Username: text,
  RequestType: z.string(),
  ProcessType: text,
  DocumentType: text,
  LoanTitle: text,
  LoanAuthor: text,
  LoanPublisher: text,
  LoanDate: text,
  PhotoJournalTitle: text,
  PhotoArticleTitle: text,
  ISSN: text,
  ESPNumber: textOrNumber,
  DOI: text,
  TransactionStatus: text,
  TransactionDate: text,
  CreationDate: text,
  DueDate: text,
});
export type IlliadTransaction = z.output<typeof illiadTransactionSchema>;

export const illiadTransactionsSchema = z.array(illiadTransactionSchema);
