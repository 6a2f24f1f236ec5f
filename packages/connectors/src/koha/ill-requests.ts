/**
 * Koha's ILL requests as an ILL system the hub looks a request up in (policy: `ill: [koha]`,
 * with `ill_requests: true`): `GET /api/v1/ill/requests` filtered by its id, with the backend's
 * extended attributes (title, author, isbn, issn, year, type…), so a badge on Koha's request list
 * — which shows no ISBN — is judged with the ISBN the request has in Koha.
 */
import type { BorrowingRequest } from '@liaison/core';
import { isConnectorError } from '../errors.js';
import type { IllRequestSource } from '../sources.js';
import type { KohaClient } from './client.js';
import { kohaIllRequestsSchema } from './schemas.js';

/** Koha's request number as its pages show it: the branch's ILL prefix and a dash, when the library set one (ILL-1219), then the id. */
const shownNumber = /^(?:[A-Za-z][A-Za-z0-9_]{0,15}-)?(\d{1,10})$/;

/** Backend types that are parts of a serial or book (Koha's FreeForm backend: article, chapter). */
const articleTypes = /article|chapter|journal/i;

export function kohaIllRequests(koha: KohaClient): IllRequestSource {
  return {
    system: 'Koha ILL requests',
    async getTransaction(transactionNumber) {
      const id = shownNumber.exec(transactionNumber.trim())?.[1];
      if (!id) return null;
      const found = await koha
        .get('GET /ill/requests', '/ill/requests', {
          params: { q: JSON.stringify({ ill_request_id: Number(id) }), _per_page: 1 },
          headers: { 'x-koha-embed': 'extended_attributes,biblio' },
          schema: kohaIllRequestsSchema,
        })
        // An ILL module that is off answers 404: Koha knows no such request.
        .catch((error: unknown) => (isConnectorError(error, 'connector_not_found') ? [] : Promise.reject(error)));
      const request = found.find((candidate) => String(candidate.ill_request_id) === id);
      if (!request) return null;
      const attribute = (type: string) => request.extended_attributes?.find((entry) => entry.type === type)?.value?.trim() || undefined;
      const type = attribute('type') ?? request.medium ?? undefined;
      const isArticle = Boolean(type && articleTypes.test(type));
      const fields: Record<string, string | undefined> = {
        TransactionNumber: transactionNumber.trim(),
        RequestType: isArticle ? 'Article' : 'Loan',
        DocumentType: type,
        LoanTitle: isArticle ? undefined : (attribute('title') ?? request.biblio?.title ?? undefined),
        LoanAuthor: attribute('author'),
        LoanDate: attribute('year') ?? attribute('published_date'),
        ISSN: attribute('isbn') ?? attribute('issn'),
        PhotoJournalTitle: isArticle ? attribute('title') : undefined,
        PhotoArticleTitle: isArticle ? attribute('article_title') : undefined,
        CreationDate: request.requested_date ?? undefined,
      };
      return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== '')) as unknown as BorrowingRequest;
    },
  };
}
