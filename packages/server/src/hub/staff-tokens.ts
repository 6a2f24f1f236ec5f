/**
 * Staff tokens as the hub manages them: create (optionally expiring), list, revoke, verify. The
 * store keeps only hashes. Revocation takes effect on the next request: `verify` asks the store
 * every time, and a cache in front of it (verified tokens kept a few seconds for speed) must
 * forget a token when `onRevoked` says so in this process, and must keep entries no longer than
 * its short time to live, which is how a revocation made by another process reaches it.
 */
import { timingSafeEqual } from 'node:crypto';
import type { StaffToken, Store } from '@liaison/store';
import type { StaffRole } from './auth.js';

export type { StaffToken };

/** What `--expires-in` and `expiresIn` accept: a whole number of minutes, hours or days ("90d"). */
export function parseExpiresIn(text: string): { ok: true; milliseconds: number } | { ok: false; message: string } {
  const match = /^\s*(\d{1,6})\s*(m|min|minutes?|h|hours?|d|days?)\s*$/i.exec(text);
  const unit = match?.[2]?.toLowerCase()[0];
  const count = Number(match?.[1]);
  if (!match || !unit || count <= 0) return { ok: false, message: `"${text}" is not a duration; write a number and m, h or d, e.g. 90d, 12h or 30m` };
  const milliseconds = count * (unit === 'm' ? 60_000 : unit === 'h' ? 3_600_000 : 86_400_000);
  if (milliseconds > 5 * 365 * 86_400_000) return { ok: false, message: `"${text}" is more than five years; make a token that expires sooner and renew it` };
  return { ok: true, milliseconds };
}

export interface StaffTokens {
  verify(token: string): Promise<StaffToken | null>;
  create(input: { name: string; role: StaffRole; expiresInMs?: number }): Promise<{ token: string; record: StaffToken }>;
  list(): Promise<StaffToken[]>;
  /** Revokes a token; undefined when there is no such token. Listeners hear of it before this resolves. */
  revoke(id: string): Promise<StaffToken | undefined>;
  /** Hears every revocation made through this hub (for caches of verified tokens). */
  onRevoked(listener: (tokenId: string) => void): void;
  /** True for the key of the command line on the hub's own machine (see `localAdminKey`). */
  isLocalAdminKey(token: string): boolean;
}

export function createStaffTokens(store: Store, clock: () => Date, localAdminKey?: string): StaffTokens {
  const listeners: ((tokenId: string) => void)[] = [];
  const localKey = localAdminKey ? Buffer.from(localAdminKey) : null;
  return {
    verify: async (token) => (await store.tokens.verify(token, clock())) ?? null,
    create: ({ name, role, expiresInMs }) =>
      store.tokens.create(name, role, clock(), expiresInMs === undefined ? {} : { expiresAt: new Date(clock().getTime() + expiresInMs) }),
    list: () => store.tokens.list(),
    async revoke(id) {
      const known = await store.tokens.get(id);
      if (!known) return undefined;
      await store.tokens.revoke(id, clock());
      for (const listener of listeners) listener(id);
      return store.tokens.get(id);
    },
    onRevoked(listener) {
      listeners.push(listener);
    },
    isLocalAdminKey(token) {
      if (!localKey) return false;
      const given = Buffer.from(token);
      return given.length === localKey.length && timingSafeEqual(given, localKey);
    },
  };
}
