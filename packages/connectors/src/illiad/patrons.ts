/**
 * A patron's ILLiad side: the user (by UserName, or by ExternalUserId for a barcode) and their
 * open requests with ILLiad's statuses. ILLiad has no search by e-mail; an e-mail is tried as a
 * UserName, which finds the patron at sites whose ILLiad logins are e-mail addresses.
 */
import type { PatronBlock, PatronContext } from '@liaison/core';
import { isConnectorError } from '../errors.js';
import type { HttpClient } from '../http.js';
import type { PatronLookup, PatronSource } from '../sources.js';
import { illiadTransactionsSchema, illiadUserSchema, type IlliadTransaction, type IlliadUser } from './schemas.js';

// Finished requests are history, not context; ILLiad keeps them for years.
const openRequestsFilter = "TransactionStatus ne 'Request Finished'";

/** ILLiad as a patron source (identity, ILL standing and ILL requests). */
export function illiadPatrons(illiad: HttpClient, { currency }: { currency: string }): PatronSource {
  async function findUser(by: PatronLookup, signal?: AbortSignal): Promise<IlliadUser | null> {
    try {
      if (by.username?.trim()) {
        return await illiad.get('GET /Users/{username}', `/Users/${encodeURIComponent(by.username.trim())}`, { schema: illiadUserSchema, signal });
      }
      if (by.barcode?.trim()) {
        return await illiad.get('GET /Users/ExternalUserId/{id}', `/Users/ExternalUserId/${encodeURIComponent(by.barcode.trim())}`, {
          schema: illiadUserSchema,
          signal,
        });
      }
      if (by.email?.trim()) {
        return await illiad.get('GET /Users/{username}', `/Users/${encodeURIComponent(by.email.trim())}`, { schema: illiadUserSchema, signal });
      }
      return null;
    } catch (error) {
      // The Web Platform answers 404 for a user it does not have.
      if (isConnectorError(error, 'connector_not_found')) return null;
      throw error;
    }
  }

  return {
    system: 'ILLiad',
    async findPatron(by, options = {}) {
      const user = await findUser(by, options.signal);
      if (!user) return null;
      const transactions = await illiad
        .get('GET /Transaction/UserRequests/{username}', `/Transaction/UserRequests/${encodeURIComponent(user.UserName)}`, {
          params: { $filter: openRequestsFilter, $orderby: 'TransactionDate desc', $top: 100 },
          schema: illiadTransactionsSchema,
          signal: options.signal,
        })
        // A user with no requests at all may be answered with 404 rather than an empty list.
        .catch((error: unknown) => (isConnectorError(error, 'connector_not_found') ? [] : Promise.reject(error)));
      const context: PatronContext = {
        identity: {
          id: user.UserName,
          name: [user.FirstName, user.LastName].filter(Boolean).join(' ') || user.UserName,
          ...(user.EMailAddress ? { email: user.EMailAddress } : {}),
          ...(user.ExternalUserId ? { barcode: user.ExternalUserId } : {}),
          username: user.UserName,
          patronType: user.Status ?? 'ILL user',
          ...(user.Department ? { affiliation: user.Department } : {}),
          ...(user.ExpirationDate ? { expiresOn: user.ExpirationDate.slice(0, 10) } : {}),
        },
        standing: { blocks: clearanceBlocks(user.Cleared), fines: [], currency },
        loans: [],
        holds: [],
        illRequests: transactions.map(illRequestOf),
        handoffs: [],
        tickets: [],
        missing: [],
      };
      return context;
    },
  };
}

function illRequestOf(transaction: IlliadTransaction): PatronContext['illRequests'][number] {
  const isArticle = transaction.RequestType.trim().toLowerCase() === 'article';
  return {
    transactionNumber: transaction.TransactionNumber,
    title: (isArticle ? (transaction.PhotoArticleTitle ?? transaction.PhotoJournalTitle) : transaction.LoanTitle) ?? 'Untitled',
    requestType: isArticle ? 'Article' : 'Loan',
    status: transaction.TransactionStatus ?? 'Unknown status',
    ...(transaction.TransactionDate ? { updatedAt: transaction.TransactionDate } : {}),
    ...(transaction.DueDate ? { dueAt: transaction.DueDate } : {}),
  };
}

// ILLiad's Cleared column (Atlas Systems, "Blocking Users", "Blocking on Overdues", "Automatic
// Expiration of Users"): only "Yes" may place requests. "B" is a block staff set by hand; "BO",
// from ILLiad 8.6, is set by the System Manager on the third overdue notice and lifted when the
// items come back; "EXP", from ILLiad 9.1, marks an account expired until the patron updates it;
// "NEW" and "No" are accounts staff have not cleared yet.
function clearanceBlocks(cleared: string | undefined): PatronBlock[] {
  switch (cleared?.trim().toUpperCase()) {
    case 'B':
      return [{ code: 'illiad:blocked', message: 'Blocked from interlibrary loan in ILLiad', source: 'manual' }];
    case 'BO':
      return [{ code: 'illiad:blocked-overdue', message: 'Blocked from interlibrary loan for overdue items (lifted when they are returned)', source: 'automated' }];
    case 'EXP':
      return [{ code: 'illiad:expired', message: 'ILLiad account expired: the patron must update their details in ILLiad before requesting', source: 'automated' }];
    case 'DIS':
      return [{ code: 'illiad:disavowed', message: 'Disavowed in ILLiad (may not use interlibrary loan)', source: 'manual' }];
    case 'NO':
    case 'NEW':
      return [{ code: 'illiad:not-cleared', message: 'Not yet cleared to use interlibrary loan', source: 'manual' }];
    default:
      return [];
  }
}
