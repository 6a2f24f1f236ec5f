/**
 * A FOLIO patron's context: the user by e-mail (personal.email), barcode or username, their
 * patron group and departments, open loans, open requests, open fees/fines, and manual and
 * automated blocks.
 */
import type { PatronBlock, PatronContext } from '@liaison/core';
import { ConnectorError } from '../errors.js';
import { readAllPages } from '../paging.js';
import { reasonOf, type PatronLookup, type PatronSource } from '../sources.js';
import { cqlString, type FolioClient } from './client.js';
import {
  accountsSchema,
  automatedBlocksSchema,
  departmentsSchema,
  groupSchema,
  loansSchema,
  manualBlocksSchema,
  requestsSchema,
  usersSchema,
  type FolioUser,
} from './schemas.js';

const system = 'FOLIO';
const pageSize = 100;

/** The CQL query that finds a patron, by the first identifier given. */
export function folioUserQuery(by: PatronLookup): string | undefined {
  if (by.email?.trim()) return `personal.email==${cqlString(by.email.trim())}`;
  if (by.barcode?.trim()) return `barcode==${cqlString(by.barcode.trim())}`;
  if (by.username?.trim()) return `username==${cqlString(by.username.trim())}`;
  return undefined;
}

/** FOLIO as a patron source. */
export function folioPatrons(folio: FolioClient, { currency, now }: { currency: string; now: () => Date }): PatronSource {
  async function findUser(by: PatronLookup, signal?: AbortSignal): Promise<FolioUser | null> {
    const query = folioUserQuery(by);
    if (!query) return null;
    const { users } = await folio.get('GET /users', '/users', { params: { query, limit: 2 }, schema: usersSchema, signal });
    // An e-mail shared by an old and a new record: the active one is the patron.
    const candidates = users.length > 1 ? users.filter((user) => user.active !== false) : users;
    if (candidates.length > 1) {
      throw new ConnectorError({
        code: 'connector_ambiguous',
        system,
        call: 'GET /users',
        failure: `found ${candidates.length} active patrons for one look-up`,
        hint: 'look the patron up by barcode',
      });
    }
    return candidates[0] ?? null;
  }

  return {
    system,
    async findPatron(by, options = {}) {
      const { signal } = options;
      const user = await findUser(by, signal);
      if (!user) return null;
      const userId = encodeURIComponent(user.id);
      const at = now();

      const missing: PatronContext['missing'] = [];
      const [group, departments, loans, requests, accounts, manualBlocks, automated] = await Promise.all([
        user.patronGroup
          ? folio.get('GET /groups/{id}', `/groups/${encodeURIComponent(user.patronGroup)}`, { schema: groupSchema, signal })
          : Promise.resolve(undefined),
        // The departments name the patron's affiliation; without them the rest still stands.
        user.departments && user.departments.length > 0
          ? folio
              .get('GET /departments', '/departments', {
                params: { query: `id==(${user.departments.map(cqlString).join(' or ')})`, limit: user.departments.length },
                schema: departmentsSchema,
                signal,
              })
              .then((answer) => answer.departments)
              .catch((error: unknown) => {
                if (signal?.aborted) throw error;
                missing.push({ source: 'FOLIO departments', reason: reasonOf(error) });
                return [];
              })
          : Promise.resolve([]),
        readAllPages(async (offset, limit) => {
          const page = await folio.get('GET /circulation/loans', '/circulation/loans', {
            params: { query: `userId==${cqlString(user.id)} and status.name==Open sortby dueDate`, limit, offset },
            schema: loansSchema,
            signal,
          });
          return { items: page.loans, total: page.totalRecords };
        }, { pageSize }),
        readAllPages(async (offset, limit) => {
          const page = await folio.get('GET /circulation/requests', '/circulation/requests', {
            params: { query: `requesterId==${cqlString(user.id)} and status=="Open*"`, limit, offset },
            schema: requestsSchema,
            signal,
          });
          return { items: page.requests, total: page.totalRecords };
        }, { pageSize }),
        readAllPages(async (offset, limit) => {
          const page = await folio.get('GET /accounts', '/accounts', {
            params: { query: `userId==${cqlString(user.id)} and status.name==Open`, limit, offset },
            schema: accountsSchema,
            signal,
          });
          return { items: page.accounts, total: page.totalRecords };
        }, { pageSize }),
        folio.get('GET /manualblocks', '/manualblocks', {
          params: { query: `userId==${cqlString(user.id)}`, limit: pageSize },
          schema: manualBlocksSchema,
          signal,
        }),
        folio.get('GET /automated-patron-blocks/{id}', `/automated-patron-blocks/${userId}`, { schema: automatedBlocksSchema, signal }),
      ]);

      const blocks: PatronBlock[] = [
        ...manualBlocks.manualblocks
          .filter((block) => !block.expirationDate || Date.parse(block.expirationDate) > at.getTime())
          .map((block) => ({
            code: `manual:${blockedActions(block.borrowing, block.renewals, block.requests)}`,
            message: block.patronMessage || block.desc || 'Manual block',
            source: 'manual' as const,
          })),
        ...automated.automatedPatronBlocks.map((block) => ({
          code: `automated:${blockedActions(block.blockBorrowing, block.blockRenewals, block.blockRequests)}`,
          message: block.message || 'Automated patron block',
          source: 'automated' as const,
        })),
      ];

      const personal = user.personal;
      const context: PatronContext = {
        identity: {
          id: user.id,
          name: personal ? [personal.preferredFirstName ?? personal.firstName, personal.lastName].filter(Boolean).join(' ') : (user.username ?? user.id),
          ...(personal?.email ? { email: personal.email } : {}),
          ...(user.barcode ? { barcode: user.barcode } : {}),
          ...(user.username ? { username: user.username } : {}),
          patronType: group?.group ?? 'Patron',
          ...(departments.length > 0 ? { affiliation: departments.map((department) => department.name).join(', ') } : {}),
          ...(user.expirationDate ? { expiresOn: user.expirationDate.slice(0, 10) } : {}),
        },
        standing: {
          blocks,
          fines: accounts.map((account) => ({
            amount: account.remaining,
            reason: account.feeFineType ?? 'Fee/fine',
            ...(account.title ? { title: account.title } : {}),
            ...(account.metadata?.createdDate ? { createdAt: account.metadata.createdDate } : {}),
          })),
          currency,
        },
        loans: loans.map((loan) => ({
          title: loan.item?.title ?? 'Untitled item',
          ...(loan.item?.contributors?.[0] ? { author: loan.item.contributors[0].name } : {}),
          ...(loan.item?.barcode ? { barcode: loan.item.barcode } : {}),
          dueAt: loan.dueDate,
          isOverdue: Date.parse(loan.dueDate) < at.getTime(),
          ...(loan.renewalCount !== undefined ? { renewals: loan.renewalCount } : {}),
        })),
        holds: requests.map((request) => ({
          // mod-circulation copies the instance's title into a request, but only the barcode into its
          // item: with no title, the barcode is what staff can look up.
          title: request.instance?.title ?? (request.item?.barcode ? `Item ${request.item.barcode}` : 'Untitled'),
          status: request.status,
          ...(request.requestDate ? { placedAt: request.requestDate } : {}),
          ...(request.pickupServicePoint?.name ? { pickupLocation: request.pickupServicePoint.name } : {}),
          ...((request.holdShelfExpirationDate ?? request.requestExpirationDate)
            ? { expiresAt: (request.holdShelfExpirationDate ?? request.requestExpirationDate)! }
            : {}),
        })),
        illRequests: [],
        handoffs: [],
        tickets: [],
        missing,
      };
      return context;
    },
  };
}

// "borrowing,renewals" — what the block stops, so staff know what the patron cannot do.
function blockedActions(borrowing?: boolean, renewals?: boolean, requests?: boolean): string {
  const actions = [borrowing && 'borrowing', renewals && 'renewals', requests && 'requests'].filter(Boolean);
  return actions.length > 0 ? actions.join(',') : 'notice';
}
