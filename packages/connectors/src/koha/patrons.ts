/**
 * A Koha patron: found by e-mail, card number or username (`q` JSON filters on /patrons), then
 * their checkouts (from /patrons/{patron_id}/checkouts, the one checkouts endpoint that embeds
 * `item.biblio`), their holds (/holds embeds no biblio, so the titles are looked up in /biblios in
 * batches), their account's outstanding debits, and — when the library uses Koha's ILL module —
 * their ILL requests.
 */
import type { PatronBlock, PatronContext } from '@liaison/core';
import type { z } from 'zod';
import { ConnectorError, isConnectorError } from '../errors.js';
import { readAllPages } from '../paging.js';
import type { PatronLookup, PatronSource } from '../sources.js';
import type { KohaClient } from './client.js';
import { kohaAccountSchema, kohaBibliosSchema, kohaCheckoutsSchema, kohaHoldsSchema, kohaIllRequestsSchema, kohaPatronsSchema } from './schemas.js';

const system = 'Koha';
const pageSize = 100;
/** Titles of holds looked up per /biblios call, and in all: a patron with hundreds of holds gets the first ones named. */
const biblioBatchSize = 50;
const maxBiblioLookups = 100;

/** The `q` filter that finds a patron, by the first identifier given. */
export function kohaPatronQuery(by: PatronLookup): string | undefined {
  if (by.email?.trim()) return JSON.stringify({ email: by.email.trim() });
  if (by.barcode?.trim()) return JSON.stringify({ cardnumber: by.barcode.trim() });
  if (by.username?.trim()) return JSON.stringify({ userid: by.username.trim() });
  return undefined;
}

// Koha's hold status letters, in words staff use.
const holdStatus: Record<string, string> = { W: 'Waiting for pickup', T: 'In transit', P: 'Being processed' };

/** Koha as a patron source. */
export function kohaPatrons(
  koha: KohaClient,
  { currency, now, illRequests, patronTypes = {} }: { currency: string; now: () => Date; illRequests: boolean; patronTypes?: Record<string, string> },
): PatronSource {
  // Koha pages with _page (from 1) and _per_page; the total is in a header, so a short page ends the list.
  const pages = <T>(call: string, path: string, schema: z.ZodType<T[]>, params: Record<string, string | number>, headers: Record<string, string>, signal?: AbortSignal) =>
    readAllPages<T>(
      async (offset, limit) => {
        const items = await koha.get(call, path, { params: { ...params, _page: offset / pageSize + 1, _per_page: limit }, schema, headers, signal });
        return { items, total: Number.POSITIVE_INFINITY };
      },
      { pageSize },
    );

  /** Titles of these biblios, asked for in batches of 50 and at most 100 in all; a biblio Koha does not return stays untitled. */
  async function biblioTitles(ids: number[], signal?: AbortSignal): Promise<Map<number, string>> {
    const unique = [...new Set(ids)].slice(0, maxBiblioLookups);
    const batches: number[][] = [];
    for (let start = 0; start < unique.length; start += biblioBatchSize) batches.push(unique.slice(start, start + biblioBatchSize));
    const found = await Promise.all(
      batches.map((batch) =>
        koha.get('GET /biblios', '/biblios', {
          params: { q: JSON.stringify({ biblio_id: batch }), _per_page: batch.length },
          // Without it /biblios answers MARC; JSON gives the biblio object with its title.
          headers: { Accept: 'application/json' },
          schema: kohaBibliosSchema,
          signal,
        }),
      ),
    );
    return new Map(found.flat().flatMap((biblio) => (biblio.title ? [[biblio.biblio_id, biblio.title] as const] : [])));
  }

  return {
    system,
    async findPatron(by, options = {}) {
      const { signal } = options;
      const q = kohaPatronQuery(by);
      if (!q) return null;
      const found = await koha.get('GET /patrons', '/patrons', { params: { q, _per_page: 2 }, schema: kohaPatronsSchema, signal });
      if (found.length > 1) {
        throw new ConnectorError({ code: 'connector_ambiguous', system, call: 'GET /patrons', failure: `found ${found.length} patrons for one look-up`, hint: 'look the patron up by card number' });
      }
      const patron = found[0];
      if (!patron) return null;
      const id = patron.patron_id;

      const [checkouts, { holds, titles }, account, ill] = await Promise.all([
        pages('GET /patrons/{id}/checkouts', `/patrons/${id}/checkouts`, kohaCheckoutsSchema, {}, { 'x-koha-embed': 'item.biblio' }, signal),
        pages('GET /holds', '/holds', kohaHoldsSchema, { patron_id: id }, {}, signal).then(async (holds) => ({
          holds,
          titles: await biblioTitles(holds.map((hold) => hold.biblio_id), signal),
        })),
        koha.get('GET /patrons/{id}/account', `/patrons/${id}/account`, { schema: kohaAccountSchema, signal }),
        illRequests
          ? koha
              .get('GET /ill/requests', '/ill/requests', {
                params: { q: JSON.stringify({ patron_id: id }), _per_page: pageSize },
                headers: { 'x-koha-embed': 'extended_attributes,biblio' },
                schema: kohaIllRequestsSchema,
                signal,
              })
              // Koha before 23.11 has no /ill/requests; an ILL module that is off answers 404 too.
              .catch((error: unknown) => (isConnectorError(error, 'connector_not_found') ? [] : Promise.reject(error)))
          : Promise.resolve([]),
      ]);

      const at = now();
      const blocks: PatronBlock[] = patron.restricted ? [{ code: 'restricted', message: 'Account restricted (debarred) in Koha', source: 'manual' }] : [];
      if (patron.expiry_date && Date.parse(patron.expiry_date) < at.getTime()) {
        blocks.push({ code: 'expired', message: `Registration expired on ${patron.expiry_date.slice(0, 10)}`, source: 'automated' });
      }
      const context: PatronContext = {
        identity: {
          id: String(id),
          name: [patron.preferred_name ?? patron.firstname, patron.surname].filter(Boolean).join(' ') || String(id),
          ...(patron.email ? { email: patron.email } : {}),
          ...(patron.cardnumber ? { barcode: patron.cardnumber } : {}),
          ...(patron.userid ? { username: patron.userid } : {}),
          patronType: patronTypes[patron.category_id] ?? patron.category_id,
          ...(patron.expiry_date ? { expiresOn: patron.expiry_date.slice(0, 10) } : {}),
        },
        standing: {
          blocks,
          fines: account.outstanding_debits.lines.map((line) => ({
            amount: line.amount_outstanding,
            reason: line.description || line.debit_type || 'Charge',
            ...(line.date ? { createdAt: line.date } : {}),
          })),
          currency,
        },
        loans: checkouts.map((checkout) => ({
          title: checkout.item?.biblio?.title ?? 'Untitled item',
          ...(checkout.item?.biblio?.author ? { author: checkout.item.biblio.author } : {}),
          ...(checkout.item?.external_id ? { barcode: checkout.item.external_id } : {}),
          dueAt: checkout.due_date,
          isOverdue: Date.parse(checkout.due_date) < at.getTime(),
          ...(checkout.renewals_count !== undefined && checkout.renewals_count !== null ? { renewals: checkout.renewals_count } : {}),
        })),
        holds: holds.map((hold) => ({
          title: titles.get(hold.biblio_id) ?? 'Untitled',
          status: (hold.status && holdStatus[hold.status]) ?? 'Waiting in the queue',
          ...(hold.hold_date ? { placedAt: hold.hold_date } : {}),
          ...(hold.pickup_library_id ? { pickupLocation: hold.pickup_library_id } : {}),
          ...(hold.expiration_date ? { expiresAt: hold.expiration_date } : {}),
        })),
        illRequests: ill.map((request) => {
          const attribute = (type: string) => request.extended_attributes?.find((entry) => entry.type === type)?.value ?? undefined;
          const isArticle = (request.medium ?? '').toLowerCase() === 'article';
          return {
            transactionNumber: String(request.ill_request_id),
            title: (isArticle ? attribute('article_title') : undefined) ?? attribute('title') ?? request.biblio?.title ?? `ILL request ${request.ill_request_id}`,
            requestType: isArticle ? 'Article' : 'Loan',
            status: request.status,
            ...(request.timestamp ? { updatedAt: request.timestamp } : {}),
            ...(request.due_date ? { dueAt: request.due_date } : {}),
          };
        }),
        handoffs: [],
        tickets: [],
        missing: [],
      };
      return context;
    },
  };
}
