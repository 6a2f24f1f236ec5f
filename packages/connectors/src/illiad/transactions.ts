/**
 * A borrowing request by transaction number from the ILLiad Web Platform, with the patron's
 * ILLiad status (for the policy's eligible statuses), so the extension can read less from the page.
 */
import type { BorrowingRequest } from '@liaison/core';
import { isConnectorError } from '../errors.js';
import type { HttpClient } from '../http.js';
import type { IllRequestSource } from '../sources.js';
import { illiadTransactionSchema, illiadUserSchema } from './schemas.js';

/** ILLiad as the source of borrowing requests. */
export function illiadRequests(illiad: HttpClient): IllRequestSource {
  return {
    system: 'ILLiad',
    async getTransaction(transactionNumber) {
      const number = transactionNumber.trim();
      // Transaction numbers are digits; anything else cannot be one and is not sent.
      if (!/^\d{1,12}$/.test(number)) return null;
      const transaction = await illiad
        .get('GET /Transaction/{number}', `/Transaction/${number}`, { schema: illiadTransactionSchema })
        .catch((error: unknown) => (isConnectorError(error, 'connector_not_found') ? null : Promise.reject(error)));
      if (!transaction) return null;

      let status: string | undefined;
      if (transaction.Username) {
        const user = await illiad
          .get('GET /Users/{username}', `/Users/${encodeURIComponent(transaction.Username)}`, { schema: illiadUserSchema })
          .catch((error: unknown) => (isConnectorError(error, 'connector_not_found') ? null : Promise.reject(error)));
        status = user?.Status;
      }

      const request: BorrowingRequest = {
        TransactionNumber: transaction.TransactionNumber,
        RequestType: transaction.RequestType,
        ...definedFields({
          DocumentType: transaction.DocumentType,
          LoanTitle: transaction.LoanTitle,
          LoanAuthor: transaction.LoanAuthor,
          LoanPublisher: transaction.LoanPublisher,
          LoanDate: transaction.LoanDate,
          ISSN: transaction.ISSN,
          ESPNumber: transaction.ESPNumber,
          Status: status,
          CreationDate: transaction.CreationDate ?? transaction.TransactionDate,
          DOI: transaction.DOI,
          PhotoJournalTitle: transaction.PhotoJournalTitle,
          PhotoArticleTitle: transaction.PhotoArticleTitle,
        }),
      };
      return request;
    },
  };
}

function definedFields<T extends Record<string, string | undefined>>(fields: T): Partial<Record<keyof T, string>> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== '')) as Partial<Record<keyof T, string>>;
}
