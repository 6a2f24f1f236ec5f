/**
 * How the administration commands (token create/list/revoke, audit) reach the store. On PostgreSQL,
 * or on an embedded data folder no hub holds, they open the store themselves. While a hub holds the
 * embedded folder, opening it would be a second writer (a corruption risk, and the hub would never
 * see what was written), so they ask that hub through its admin routes, proving they run on its
 * machine with the key it left in the folder's lock file. A holder that left no key (an older hub,
 * or one still starting) gets a refusal that says what to do.
 */
import { patronAuditKeys } from '@liaison/core';
import { DataFolderLockedError, openStore, type PatronContextView, type StaffToken, type Store } from '@liaison/store';
import type { CommandIO } from '../command.js';
import { storeLocation, writeStoreProblem } from '../config/store-location.js';
import type { StaffRole } from '../hub/auth.js';
import { createStaffTokens } from '../hub/staff-tokens.js';

export interface AdminAccess {
  /** Where the work is done, for messages: the store's location, or the running hub. */
  description: string;
  createToken(input: { name: string; role: StaffRole; expiresInMs?: number }): Promise<{ token: string; record: StaffToken }>;
  listTokens(): Promise<StaffToken[]>;
  revokeToken(id: string): Promise<StaffToken | undefined>;
  /** Views of one patron's context (by e-mail or barcode), newest first, and the keys they were found under. */
  patronViews(patron: string, limit: number): Promise<{ keys: string[]; views: PatronContextView[] }>;
  close(): Promise<void>;
}

function storeAccess(store: Store, description: string): AdminAccess {
  const tokens = createStaffTokens(store, () => new Date());
  return {
    description,
    createToken: (input) => tokens.create(input),
    listTokens: () => tokens.list(),
    revokeToken: (id) => tokens.revoke(id),
    async patronViews(patron, limit) {
      // Without the hub's connectors a barcode cannot be linked to its e-mail here; both keys of what was given are asked.
      const keys = patronAuditKeys(patron.includes('@') ? { email: patron } : { barcode: patron });
      return { keys, views: await store.audit.listByPatron(keys, limit) };
    },
    close: () => store.close(),
  };
}

/** Thrown when the running hub refuses or fails; the message is the hub's own sentence. */
export class HubAnswerError extends Error {}

function hubAccess(url: string, key: string): AdminAccess {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${url.replace(/\/$/, '')}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const answer = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
    if (response.status === 404 && method === 'DELETE') return undefined as T;
    if (!response.ok) throw new HubAnswerError(answer.error?.message ?? `the hub answered ${response.status}`);
    return answer as T;
  }
  return {
    description: `the hub running at ${url}`,
    createToken: ({ name, role, expiresInMs }) =>
      call('POST', '/api/v1/admin/tokens', { name, role, ...(expiresInMs !== undefined && { expiresIn: `${Math.round(expiresInMs / 60_000)}m` }) }),
    listTokens: async () => (await call<{ tokens: StaffToken[] }>('GET', '/api/v1/admin/tokens')).tokens,
    revokeToken: async (id) => (await call<{ token: StaffToken } | undefined>('DELETE', `/api/v1/admin/tokens/${encodeURIComponent(id)}`))?.token,
    patronViews: (patron, limit) => call('GET', `/api/v1/admin/audit?patron=${encodeURIComponent(patron)}&limit=${limit}`),
    close: async () => undefined,
  };
}

/** The store, or the hub that holds it; null (with the reason written to stderr) when neither can be reached. */
export async function adminAccess(command: string, io: CommandIO, dataDirFlag?: string): Promise<AdminAccess | null> {
  const { options, description } = storeLocation(io, dataDirFlag);
  try {
    return storeAccess(await openStore(options), description);
  } catch (error) {
    if (error instanceof DataFolderLockedError && error.holder.url && error.holder.localAdminKey) {
      return hubAccess(error.holder.url, error.holder.localAdminKey);
    }
    writeStoreProblem(command, io, error);
    return null;
  }
}

/** Runs `work` with the store or the hub; a failure is said under the command's name. Resolves to the exit code. */
export async function withAdminAccess(command: string, io: CommandIO, dataDirFlag: string | undefined, work: (access: AdminAccess) => Promise<number>): Promise<number> {
  const access = await adminAccess(command, io, dataDirFlag);
  if (!access) return 1;
  try {
    return await work(access);
  } catch (error) {
    io.stderr.write(`liaison ${command}: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await access.close();
  }
}
