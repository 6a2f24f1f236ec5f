/**
 * A Sierra patron: found by e-mail (varFieldTag z) or barcode (varFieldTag b) with
 * /patrons/find, then checkouts, holds and fines; titles come from one look-up of the items and
 * one of their bibs, so a patron with fifty loans costs two extra calls, not fifty.
 */
import type { PatronBlock, PatronContext } from '@liaison/core';
import type { z } from 'zod';
import { isConnectorError } from '../errors.js';
import { readAllPages } from '../paging.js';
import type { PatronLookup, PatronSource } from '../sources.js';
import { recordIdOf, type SierraClient } from './client.js';
import { sierraBibsSchema, sierraCheckoutsSchema, sierraFinesSchema, sierraHoldsSchema, sierraItemsSchema, sierraPatronSchema, type SierraPatron } from './schemas.js';
import type { SierraSettings } from './settings.js';

const patronFields = 'id,names,emails,barcodes,patronType,expirationDate,blockInfo,autoBlockInfo,moneyOwed';

/** Sierra as a patron source. */
export function sierraPatrons(sierra: SierraClient, settings: SierraSettings, { now }: { now: () => Date }): PatronSource {
  async function findPatronRecord(by: PatronLookup, signal?: AbortSignal) {
    const [tag, content] = by.email?.trim() ? [settings.email_field_tag, by.email.trim()] : by.barcode?.trim() ? ['b', by.barcode.trim()] : [];
    if (!tag || !content) return null;
    return sierra
      .get('GET /patrons/find', '/patrons/find', { params: { varFieldTag: tag, varFieldContent: content, fields: patronFields }, schema: sierraPatronSchema, signal })
      .catch((error: unknown) => (isConnectorError(error, 'connector_not_found') ? null : Promise.reject(error)));
  }

  async function titles(itemIds: string[], bibIds: string[], signal?: AbortSignal) {
    const bibOfItem = new Map<string, string>();
    if (itemIds.length > 0) {
      const items = await sierra.get('GET /items', '/items', { params: { id: itemIds.join(','), fields: 'id,bibIds', limit: itemIds.length }, schema: sierraItemsSchema, signal });
      for (const item of items.entries) if (item.bibIds?.[0]) bibOfItem.set(item.id, item.bibIds[0]);
    }
    const allBibs = [...new Set([...bibOfItem.values(), ...bibIds])];
    const bibs = allBibs.length > 0
      ? (await sierra.get('GET /bibs', '/bibs', { params: { id: allBibs.join(','), fields: 'id,title,author', limit: allBibs.length }, schema: sierraBibsSchema, signal })).entries
      : [];
    const bibById = new Map(bibs.map((bib) => [bib.id, bib]));
    return { ofItem: (id: string) => bibById.get(bibOfItem.get(id) ?? ''), ofBib: (id: string) => bibById.get(id) };
  }

  return {
    system: 'Sierra',
    async findPatron(by, options = {}) {
      const { signal } = options;
      const patron = await findPatronRecord(by, signal);
      if (!patron) return null;
      const list = <T>(path: string, schema: z.ZodType<{ total: number; entries: T[] }>, fields: string) =>
        readAllPages<T>(async (offset, limit) => {
          const page = await sierra.get(`GET /patrons/{id}/${path}`, `/patrons/${patron.id}/${path}`, { params: { fields, limit, offset }, schema, signal });
          return { items: page.entries, total: page.total };
        });
      const [checkouts, holds, fines] = await Promise.all([
        list('checkouts', sierraCheckoutsSchema, 'id,item,dueDate,numberOfRenewals,barcode'),
        list('holds', sierraHoldsSchema, 'id,record,recordType,placed,notNeededAfterDate,pickupLocation,status'),
        list('fines', sierraFinesSchema, 'id,assessedDate,itemCharge,processingFee,billingFee,paidAmount,chargeType,description'),
      ]);
      const holdItems = holds.filter((hold) => hold.recordType === 'i').map((hold) => recordIdOf(hold.record));
      const holdBibs = holds.filter((hold) => hold.recordType !== 'i').map((hold) => recordIdOf(hold.record));
      const known = await titles([...new Set([...checkouts.map((checkout) => recordIdOf(checkout.item)), ...holdItems])], holdBibs, signal);

      const at = now();
      const blocks = sierraBlocks(patron, at);
      const patronType = patron.patronType === undefined ? 'Patron' : (settings.patron_types[String(patron.patronType)] ?? `Patron type ${patron.patronType}`);
      const context: PatronContext = {
        identity: {
          id: String(patron.id),
          name: nameOf(patron.names?.[0]) ?? String(patron.id),
          ...(patron.emails?.[0] ? { email: patron.emails[0] } : {}),
          ...(patron.barcodes?.[0] ? { barcode: patron.barcodes[0] } : {}),
          patronType,
          ...(patron.expirationDate ? { expiresOn: patron.expirationDate.slice(0, 10) } : {}),
        },
        standing: {
          blocks,
          fines: fines.map((fine) => ({
            amount: Math.round((fine.itemCharge + fine.processingFee + fine.billingFee - fine.paidAmount) * 100) / 100,
            reason: fine.chargeType?.display ?? fine.description ?? 'Charge',
            ...(fine.assessedDate ? { createdAt: fine.assessedDate } : {}),
          })),
          currency: settings.currency,
        },
        loans: checkouts.map((checkout) => {
          const bib = known.ofItem(recordIdOf(checkout.item));
          return {
            title: bib?.title ?? 'Untitled item',
            ...(bib?.author ? { author: bib.author } : {}),
            ...(checkout.barcode ? { barcode: checkout.barcode } : {}),
            dueAt: checkout.dueDate,
            isOverdue: Date.parse(checkout.dueDate) < at.getTime(),
            ...(checkout.numberOfRenewals !== undefined ? { renewals: checkout.numberOfRenewals } : {}),
          };
        }),
        holds: holds.map((hold) => {
          const id = recordIdOf(hold.record);
          const bib = hold.recordType === 'i' ? known.ofItem(id) : known.ofBib(id);
          return {
            title: bib?.title ?? 'Untitled',
            status: hold.status?.name ?? 'on hold',
            ...(hold.placed ? { placedAt: hold.placed } : {}),
            ...(hold.pickupLocation ? { pickupLocation: hold.pickupLocation.name } : {}),
            ...(hold.notNeededAfterDate ? { expiresAt: hold.notNeededAfterDate } : {}),
          };
        }),
        illRequests: [],
        handoffs: [],
        tickets: [],
        missing: [],
      };
      return context;
    },
  };
}

/**
 * What stops this patron borrowing in Sierra: the manual block staff set (blockInfo, the MBLOCK
 * field), the block Sierra sets itself when a limit of the patron type is reached (autoBlockInfo),
 * and a card past its expiration date. A code of "-" (or none) means no block.
 */
export function sierraBlocks(patron: Pick<SierraPatron, 'blockInfo' | 'autoBlockInfo' | 'expirationDate'>, at: Date): PatronBlock[] {
  const codeOf = (block: { code: string } | undefined) => {
    const code = block?.code.trim() ?? '';
    return code === '' || code === '-' ? undefined : code;
  };
  const blocks: PatronBlock[] = [];
  const manual = codeOf(patron.blockInfo);
  if (manual) blocks.push({ code: `mblock:${manual}`, message: `Manual block (code ${manual}) in Sierra`, source: 'manual' });
  const automatic = codeOf(patron.autoBlockInfo);
  if (automatic) {
    blocks.push({
      code: `autoblock:${automatic}`,
      message: `Blocked automatically by Sierra (code ${automatic}): a limit for this patron type is reached, such as fines owed or overdue items`,
      source: 'automated',
    });
  }
  // Sierra's expiration date is a day (YYYY-MM-DD): the card works through that day.
  const expires = patron.expirationDate?.slice(0, 10);
  if (expires && Date.parse(`${expires}T23:59:59Z`) < at.getTime()) {
    blocks.push({ code: 'expired', message: `Card expired on ${expires}`, source: 'automated' });
  }
  return blocks;
}

// Sierra keeps names as "Surname, Forename": staff read them in that order too, but the sidebar greets by forename.
function nameOf(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const [surname, forename] = name.split(',').map((part) => part.trim());
  return forename ? `${forename} ${surname}` : surname;
}
