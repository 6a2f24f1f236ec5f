/**
 * Dashboard sessions: a staff token (or a Teams sign-in) exchanged once for a cookie. Only the
 * SHA-256 hash of the cookie's secret is stored, so a copy of the database signs nobody in. A
 * session made from a staff token ends as soon as that token is revoked. Sessions live in the
 * database, not in one hub's memory, so any hub sharing the database recognises the cookie.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { json } from '../database.js';
import type { Executor } from '../executor.js';
import { hashToken, type StaffRole } from './tokens.js';

/** Who a session speaks for, as the hub's API sees a proven caller. */
export interface SessionPrincipal {
  via: 'staff_token' | 'teams_sso';
  id: string;
  name: string;
  role: StaffRole;
}

export interface NewSession {
  principal: SessionPrincipal;
  /** The staff token it was made from; the session ends when that token is revoked. */
  tokenId: string | null;
  now: Date;
  /** How long the session lasts, in milliseconds. */
  lifetimeMs: number;
}

export class SessionRepository {
  constructor(private readonly db: Executor) {}

  /** Starts a session; the plaintext `secret` (for the cookie) is in the answer only this once. */
  async create(session: NewSession): Promise<{ secret: string; expiresAt: Date }> {
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(session.now.getTime() + session.lifetimeMs);
    await this.db
      .insertInto('dashboard_sessions')
      .values({
        secret_hash: hashToken(secret),
        principal: json(session.principal),
        token_id: session.tokenId,
        created_at: session.now,
        expires_at: expiresAt,
      })
      .execute();
    return { secret, expiresAt };
  }

  /** The principal of a live session (not expired, its token not revoked), or undefined. */
  async find(secret: string, now: Date): Promise<SessionPrincipal | undefined> {
    const row = await this.db
      .selectFrom('dashboard_sessions as s')
      .leftJoin('api_tokens as t', 't.id', 's.token_id')
      .select(['s.principal', 's.token_id', 't.revoked_at', 't.expires_at as token_expires_at', 't.id as live_token'])
      .where('s.secret_hash', '=', hashToken(secret))
      .where('s.expires_at', '>', now)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.token_id !== null && (row.live_token === null || row.revoked_at !== null)) return undefined;
    // A session lives no longer than the token it was made from.
    if (row.token_expires_at !== null && row.token_expires_at !== undefined && new Date(row.token_expires_at) <= now) return undefined;
    return row.principal as SessionPrincipal;
  }

  /** Ends a session (sign-out). Returns false when there was none. */
  async end(secret: string): Promise<boolean> {
    const result = await this.db.deleteFrom('dashboard_sessions').where('secret_hash', '=', hashToken(secret)).executeTakeFirst();
    return result.numDeletedRows === 1n;
  }

  /** Forgets sessions that expired before `now`; returns how many. */
  async removeExpired(now: Date): Promise<number> {
    const result = await this.db.deleteFrom('dashboard_sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** How many sessions are live at `now` (for tests and metrics). */
  async countLive(now: Date): Promise<number> {
    const row = await this.db
      .selectFrom('dashboard_sessions')
      .select(sql<number>`count(*)::integer`.as('count'))
      .where('expires_at', '>', now)
      .executeTakeFirstOrThrow();
    return row.count;
  }
}
