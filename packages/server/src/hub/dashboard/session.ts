/**
 * Dashboard sign-in: a staff token is exchanged once for a session cookie, so the token is not
 * kept in the page (where a script could read it). The cookie is HttpOnly, SameSite=Strict (no
 * other site can send it along: that is the defence against cross-site requests) and Secure
 * whenever the hub is reached over HTTPS.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SessionPrincipal } from '@liaison/store';
import type { HubContext } from '../create-hub.js';
import { parseInput } from '../http-error.js';
import { LiaisonError } from '@liaison/core';

export const sessionCookieName = 'liaison_session';
/** How long a dashboard session lasts: a working day, in milliseconds. */
export const sessionLifetimeMs = 10 * 3_600_000;

/** The session secret a request's Cookie header carries, if any. */
export function sessionSecretOf(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === sessionCookieName) {
      const secret = value.join('=');
      return /^[A-Za-z0-9_-]{20,100}$/.test(secret) ? secret : undefined;
    }
  }
  return undefined;
}

/** Whether the browser reached the hub over HTTPS (directly, or as the public URL says behind a proxy). */
function isSecure(request: FastifyRequest, hub: HubContext): boolean {
  return request.protocol === 'https' || hub.publicUrl.startsWith('https:');
}

/**
 * The session cookie. Inside Teams the tab is a frame of another site, where a SameSite=Strict
 * cookie is never sent; a Teams session over HTTPS is therefore SameSite=None and Partitioned (kept
 * for the Teams frame only). Cross-site requests still cannot act: the API takes JSON bodies only,
 * which another site cannot send without a CORS permission the hub never gives.
 */
function cookie(request: FastifyRequest, hub: HubContext, value: string, expires: Date, inTeamsFrame = false): string {
  const secure = isSecure(request, hub);
  const sameSite = inTeamsFrame && secure ? ['SameSite=None', 'Partitioned'] : ['SameSite=Strict'];
  const attributes = [`${sessionCookieName}=${value}`, 'Path=/', 'HttpOnly', ...sameSite, `Expires=${expires.toUTCString()}`];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

/** Starts a session for `principal` and sets its cookie on `reply`. */
export async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  hub: HubContext,
  principal: SessionPrincipal,
  tokenId: string | null,
): Promise<void> {
  const { secret, expiresAt } = await hub.store.sessions.create({ principal, tokenId, now: hub.clock(), lifetimeMs: sessionLifetimeMs });
  reply.header('set-cookie', cookie(request, hub, secret, expiresAt, principal.via === 'teams_sso'));
}

const signInBody = z.object({ token: z.string().trim().min(1, 'paste your staff token (it starts with lsn_)').max(200) }).strict();

/** POST /dashboard/session (sign in with a staff token) and DELETE /dashboard/session (sign out). */
export function registerSessionRoutes(app: FastifyInstance, hub: HubContext): void {
  app.post('/dashboard/session', async (request, reply) => {
    const { token } = parseInput(signInBody, request.body, 'sign-in');
    const staff = await hub.store.tokens.verify(token, hub.clock());
    if (!staff) throw new LiaisonError('token_invalid', 'That staff token is not valid (revoked or mistyped); ask for one made with `liaison token create`.');
    const principal: SessionPrincipal = { via: 'staff_token', id: staff.id, name: staff.name, role: staff.role };
    await startSession(request, reply, hub, principal, staff.id);
    return { principal: { name: principal.name, role: principal.role } };
  });

  app.delete('/dashboard/session', async (request, reply) => {
    const secret = sessionSecretOf(request.headers.cookie);
    if (secret) await hub.store.sessions.end(secret);
    reply.header('set-cookie', cookie(request, hub, '', new Date(0)));
    return reply.code(204).send();
  });
}
