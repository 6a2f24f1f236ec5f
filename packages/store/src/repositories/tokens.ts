/**
 * Staff API tokens for the browser extension and the dashboard. Only the SHA-256 hash of a token
 * is stored: a copy of the database does not let anyone act as staff. The plaintext is returned
 * once, at creation; it starts with `lsn_` so it is recognisable in a config file or a leak scan.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import { iso, type ApiTokensTable } from '../database.js';
import type { Executor } from '../executor.js';

export type StaffRole = 'staff' | 'coordinator' | 'admin';

export interface StaffToken {
  id: string;
  /** Who or what it is for, e.g. "ILL office extension, Pat". */
  name: string;
  role: StaffRole;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** When it stops working by itself; null: only revocation ends it. */
  expiresAt: string | null;
}

export const tokenPrefix = 'lsn_';

/** How precisely a token's last use is recorded, in milliseconds. */
const lastUseResolutionMs = 60_000;

/** SHA-256 of a token, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class TokenRepository {
  constructor(private readonly db: Executor) {}

  /** Creates a token (expiring at `options.expiresAt`, if given); the plaintext `token` is in the answer only this once. */
  async create(name: string, role: StaffRole, now: Date, options: { expiresAt?: Date } = {}): Promise<{ token: string; record: StaffToken }> {
    const token = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
    const id = `tok_${randomBytes(6).toString('hex')}`;
    const row = await this.db
      .insertInto('api_tokens')
      .values({ id, name, role, token_hash: hashToken(token), created_at: now, expires_at: options.expiresAt ?? null })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { token, record: toStaffToken(row) };
  }

  /** The token's record if it is known, not revoked and not expired (and notes it was used at `now`); otherwise undefined. */
  async verify(token: string, now: Date): Promise<StaffToken | undefined> {
    if (!token.startsWith(tokenPrefix)) return undefined;
    const row = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', hashToken(token))
      .where('revoked_at', 'is', null)
      .where((where) => where.or([where('expires_at', 'is', null), where('expires_at', '>', now)]))
      .executeTakeFirst();
    if (!row) return undefined;
    // Last use is kept to the minute: writing it on every request would make every request with
    // one token wait for the same row lock (an extension badging a page sends many at once).
    const lastUsed = row.last_used_at ? new Date(row.last_used_at).getTime() : null;
    if (lastUsed === null || now.getTime() - lastUsed >= lastUseResolutionMs) {
      await this.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
      return toStaffToken({ ...row, last_used_at: now });
    }
    return toStaffToken(row);
  }


  /** Revokes a token by id. Returns false if there is no such live token. */
  async revoke(id: string, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** One token's record by id (revoked or not), or undefined. */
  async get(id: string): Promise<StaffToken | undefined> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toStaffToken(row) : undefined;
  }

  /** Every token, newest first (hashes are never returned). */
  async list(): Promise<StaffToken[]> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(toStaffToken);
  }
}

function toStaffToken(row: Selectable<ApiTokensTable>): StaffToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role as StaffRole,
    createdAt: iso(row.created_at),
    lastUsedAt: row.last_used_at ? iso(row.last_used_at) : null,
    revokedAt: row.revoked_at ? iso(row.revoked_at) : null,
    expiresAt: row.expires_at ? iso(row.expires_at) : null,
  };
}
