/**
 * An Alma patron: found by e-mail (`q=email~…`), barcode (`q=identifiers~…`) or primary id, then
 * the full record (group, blocks), loans, active requests and active fees.
 */
import type { PatronBlock, PatronContext } from '@liaison/core';
import { ConnectorError, isConnectorError } from '../errors.js';
import type { HttpClient } from '../http.js';
import { readAllPages } from '../paging.js';
import type { PatronLookup, PatronSource } from '../sources.js';
import { almaFeesSchema, almaLoansSchema, almaRequestsSchema, almaUserListSchema, almaUserSchema } from './schemas.js';

const system = 'Alma';

/** The Alma user-search query for a look-up: `email~…`, `identifiers~…` or `primary_id~…`; spaces would split the query, so they are dropped. */
export function almaUserQuery(by: PatronLookup): string | undefined {
  const clean = (value: string) => value.trim().replace(/\s+/g, '');
  if (by.email?.trim()) return `email~${clean(by.email)}`;
  if (by.barcode?.trim()) return `identifiers~${clean(by.barcode)}`;
  // Alma's primary id is the username the institution loads (often the campus login). Searched,
  // not fetched: GET /users/{id} answers an unknown id with 400, not 404.
  if (by.username?.trim()) return `primary_id~${clean(by.username)}`;
  return undefined;
}

/** Alma as a patron source. */
export function almaPatrons(alma: HttpClient, { now }: { now: () => Date }): PatronSource {
  async function findPrimaryId(by: PatronLookup, signal?: AbortSignal): Promise<string | null> {
    const q = almaUserQuery(by);
    if (!q) return null;
    const list = await alma.get('GET /users', '/users', { params: { q, limit: 2, offset: 0 }, schema: almaUserListSchema, signal });
    const users = list.user ?? [];
    if (users.length > 1) {
      throw new ConnectorError({ code: 'connector_ambiguous', system, call: 'GET /users', failure: `found ${users.length} users for one look-up`, hint: 'look the patron up by barcode' });
    }
    return users[0]?.primary_id ?? null;
  }

  return {
    system,
    async findPatron(by, options = {}) {
      const { signal } = options;
      const primaryId = await findPrimaryId(by, signal);
      if (!primaryId) return null;
      const id = encodeURIComponent(primaryId);
      const user = await alma
        .get('GET /users/{id}', `/users/${id}`, { params: { view: 'full', expand: 'none' }, schema: almaUserSchema, signal })
        .catch((error: unknown) => (isConnectorError(error, 'connector_not_found') ? null : Promise.reject(error)));
      if (!user) return null;

      const [loans, requests, fees] = await Promise.all([
        readAllPages(async (offset, limit) => {
          const page = await alma.get('GET /users/{id}/loans', `/users/${id}/loans`, { params: { limit, offset, order_by: 'due_date' }, schema: almaLoansSchema, signal });
          return { items: page.item_loan ?? [], total: page.total_record_count };
        }),
        readAllPages(async (offset, limit) => {
          const page = await alma.get('GET /users/{id}/requests', `/users/${id}/requests`, { params: { limit, offset, status: 'active' }, schema: almaRequestsSchema, signal });
          return { items: page.user_request ?? [], total: page.total_record_count };
        }),
        alma.get('GET /users/{id}/fees', `/users/${id}/fees`, { params: { status: 'ACTIVE' }, schema: almaFeesSchema, signal }),
      ]);

      const at = now();
      const email = user.contact_info?.email?.find((entry) => entry.preferred)?.email_address ?? user.contact_info?.email?.[0]?.email_address;
      const barcode = user.user_identifier?.find((identifier) => identifier.id_type?.value === 'BARCODE' && identifier.status !== 'INACTIVE')?.value;
      const blocks: PatronBlock[] = (user.user_block ?? [])
        .filter((block) => block.block_status !== 'INACTIVE' && !(block.expiry_date && Date.parse(almaDate(block.expiry_date)) <= at.getTime()))
        .map((block) => ({
          code: block.block_description?.value ?? block.block_type?.value ?? 'BLOCK',
          message: block.block_description?.desc ?? block.block_note ?? block.block_type?.desc ?? 'Blocked',
          // Alma marks blocks it set itself (fines over the limit, expiry) as created by "System".
          source: block.created_by?.toLowerCase() === 'system' ? 'automated' : 'manual',
        }));

      const context: PatronContext = {
        identity: {
          id: user.primary_id,
          name: user.full_name ?? ([user.first_name, user.last_name].filter(Boolean).join(' ') || user.primary_id),
          ...(email ? { email } : {}),
          ...(barcode ? { barcode } : {}),
          username: user.primary_id,
          patronType: user.user_group?.desc ?? user.user_group?.value ?? 'Patron',
          ...(user.expiry_date ? { expiresOn: almaDate(user.expiry_date) } : {}),
        },
        standing: {
          blocks,
          fines: (fees.fee ?? []).map((fee) => ({
            amount: fee.balance,
            reason: fee.type?.desc ?? fee.type?.value ?? 'Fee',
            ...(fee.title ? { title: fee.title } : {}),
            ...(fee.creation_time ? { createdAt: fee.creation_time } : {}),
          })),
          currency: fees.currency ?? 'USD',
        },
        loans: loans.map((loan) => ({
          title: loan.title ?? 'Untitled item',
          ...(loan.author ? { author: loan.author } : {}),
          ...(loan.item_barcode ? { barcode: loan.item_barcode } : {}),
          dueAt: loan.due_date,
          isOverdue: Date.parse(loan.due_date) < at.getTime(),
        })),
        holds: requests.map((request) => ({
          title: request.title ?? 'Untitled',
          status: almaRequestStatus(request.request_status),
          ...(request.request_date ? { placedAt: almaDate(request.request_date) } : {}),
          ...(request.pickup_location ? { pickupLocation: request.pickup_location } : {}),
          ...(request.expiry_date ? { expiresAt: almaDate(request.expiry_date) } : {}),
        })),
        illRequests: [],
        handoffs: [],
        tickets: [],
        missing: [],
      };
      return context;
    },
  };
}

// Alma's request_status codes (rest_user_request.xsd; the values VuFind's Alma driver tests for),
// in the words the Alma staff interface shows.
const requestStatusWords: Record<string, string> = {
  NOT_STARTED: 'Not started',
  IN_PROCESS: 'In process',
  ON_HOLD_SHELF: 'On hold shelf',
  HOLD_SHELF: 'On hold shelf',
  IN_TRANSIT: 'In transit',
  ACTIVE: 'Active',
  HISTORY: 'Completed',
  COMPLETED: 'Completed',
  CANCELLED: 'Cancelled',
};

/**
 * A request status in the words staff read: a known code from the table, another code
 * (capitals and underscores) written out in sentence case, anything already in words as Alma gave it.
 */
export function almaRequestStatus(status: string | undefined): string {
  const code = status?.trim();
  if (!code) return 'Requested';
  const known = requestStatusWords[code.toUpperCase()];
  if (known) return known;
  if (!/^[A-Z][A-Z0-9_]*$/.test(code)) return code;
  const words = code.toLowerCase().replace(/_+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Alma writes dates as "2025-03-14Z"; read them as plain dates. */
function almaDate(value: string): string {
  return /^\d{4}-\d{2}-\d{2}Z$/.test(value) ? value.slice(0, 10) : value;
}
