/**
 * Teams single sign-on: the tab asks Teams for a token (authentication.getAuthToken) and sends it
 * here once; the hub checks it as Microsoft Entra ID issued it and starts a dashboard session.
 * Checked: the signature, against the tenant's published keys (fetched once, kept, and fetched
 * again when a token names a key not yet seen — Microsoft rotates them); the issuer
 * https://login.microsoftonline.com/{tid}/v2.0; the audience (the app's client id, or
 * api://<domain>/<client id>); the `access_as_user` scope; the tenant among the policy's allowed
 * ones; and the person (e-mail or UPN) among the staff the policy names.
 */
import type { FastifyInstance } from 'fastify';
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import type { Policy, TeamsPolicy } from '@liaison/core';
import type { SessionPrincipal } from '@liaison/store';
import type { HubContext } from '../create-hub.js';
import { parseInput } from '../http-error.js';
import { startSession } from './session.js';
import { LiaisonError } from '@liaison/core';

/** Where a tenant's signing keys are published; `{tid}` is the tenant id. */
export const entraKeysUrl = 'https://login.microsoftonline.com/{tid}/discovery/v2.0/keys';
const requiredScope = 'access_as_user';

const teamsSignInBody = z.object({ token: z.string().trim().min(1, 'send the token from authentication.getAuthToken()').max(16_000) }).strict();

/** The role of the person with `email` among the policy's staff, or undefined when the policy does not name them. */
export function staffRoleOf(policy: Policy, teams: TeamsPolicy, email: string): SessionPrincipal['role'] | undefined {
  const same = (contact: string | undefined) => contact !== undefined && contact.toLowerCase() === email;
  if (teams.coordinators.includes(email) || same(policy.handoff.head_of_service) || policy.departments.some((d) => same(d.lead))) return 'coordinator';
  if (policy.departments.some((d) => d.members?.some(same))) return 'staff';
  return undefined;
}

/** Checks Entra ID tokens for one app registration, keeping each tenant's keys between calls. */
export function createEntraVerifier(teams: TeamsPolicy, keysUrl: string, now: () => Date) {
  const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  const keysOf = (tenant: string) => {
    let keys = keySets.get(tenant);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(keysUrl.replace('{tid}', encodeURIComponent(tenant))), { cacheMaxAge: 24 * 3_600_000, cooldownDuration: 30_000 });
      keySets.set(tenant, keys);
    }
    return keys;
  };
  const audiences = new RegExp(`^(?:${teams.client_id}|api://[^/\\s]+/${teams.client_id})$`, 'i');

  return async function verify(token: string): Promise<JWTPayload & { tid: string }> {
    let claimed: JWTPayload;
    try {
      claimed = decodeJwt(token);
    } catch {
      throw new LiaisonError('token_invalid', 'That is not a Microsoft Entra ID token; the tab sends the one Teams gives it.');
    }
    const tenant = typeof claimed['tid'] === 'string' ? claimed['tid'] : '';
    // The tenant is checked before any key is fetched, so no one can make the hub fetch from anywhere else.
    if (!teams.allowed_tenants.some((allowed) => allowed.toLowerCase() === tenant.toLowerCase())) {
      throw new LiaisonError('tenant_not_allowed', 'Your organisation is not one this library lets sign in; an administrator adds its tenant id to teams.allowed_tenants.');
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keysOf(tenant), {
        issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'aud'],
        currentDate: now(),
        clockTolerance: 60,
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new LiaisonError('token_expired', 'The Teams sign-in has expired; reopen the tab.');
      throw new LiaisonError('token_invalid', 'The Teams sign-in could not be checked (signature, issuer or key); reopen the tab, or sign in with a staff token.');
    }
    const audience = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audience.some((value) => typeof value === 'string' && audiences.test(value))) {
      throw new LiaisonError('token_invalid', 'The Teams token is for another app: check teams.client_id against the app registration.');
    }
    const scopes = typeof payload['scp'] === 'string' ? payload['scp'].split(' ') : [];
    if (!scopes.includes(requiredScope)) {
      throw new LiaisonError('token_invalid', `The Teams token lacks the ${requiredScope} scope; expose it in the app registration (see the dashboard's README).`);
    }
    return { ...payload, tid: tenant };
  };
}

export function registerTeamsSignIn(app: FastifyInstance, hub: HubContext, keysUrl: string): void {
  const teams = hub.policy.teams;
  const verify = teams ? createEntraVerifier(teams, keysUrl, hub.clock) : undefined;
  app.post('/dashboard/session/teams', async (request, reply) => {
    if (!teams || !verify) {
      throw new LiaisonError('teams_not_configured', 'This hub has no Teams sign-on; add the teams section to the policy file, or sign in with a staff token.');
    }
    const { token } = parseInput(teamsSignInBody, request.body, 'Teams sign-in');
    const payload = await verify(token);
    const email = [payload['preferred_username'], payload['upn'], payload['email']].find((value): value is string => typeof value === 'string')?.toLowerCase();
    const role = email ? staffRoleOf(hub.policy, teams, email) : undefined;
    if (!email || !role) {
      throw new LiaisonError('not_staff', 'You signed in to Teams, but the library\'s policy does not name you as staff; ask to be added to your department\'s members.');
    }
    const name = typeof payload['name'] === 'string' ? payload['name'] : email;
    const principal: SessionPrincipal = { via: 'teams_sso', id: email, name, role };
    await startSession(request, reply, hub, principal, null);
    return { principal: { name, role } };
  });
}
