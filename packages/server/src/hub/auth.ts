import { jwtVerify, errors as joseErrors } from 'jose';

/** Who is calling the hub's API, once proven. */
export interface Principal {
  /**
   * How they proved it: a staff API token, a JWT signed by the Zendesk app's secure setting,
   * Microsoft Entra ID single sign-on in the Teams tab (through a dashboard session), or the
   * command line on the hub's own machine (the key in the data folder's lock file).
   */
  via: 'staff_token' | 'zendesk_jwt' | 'slack_signature' | 'teams_sso' | 'local_command_line';
  id: string;
  name: string;
  role: StaffRole;
  /**
   * The patron a Zendesk JWT speaks for: the ticket requester's e-mail, set by the sidebar as the
   * `patron_email` claim and signed by Zendesk's proxy. A JWT reads this patron and no other.
   */
  patronEmail?: string;
  /** A staff token's id (the store's), so revocation can find what it must forget. */
  tokenId?: string;
}

export const staffRoles = ['staff', 'coordinator', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** True when `role` includes the rights of `needed` (admin > coordinator > staff). */
export function hasRole(role: StaffRole, needed: StaffRole): boolean {
  return staffRoles.indexOf(role) >= staffRoles.indexOf(needed);
}

export type AuthFailure = { status: 401; code: 'unauthenticated' | 'token_invalid' | 'token_expired' | 'token_lifetime_too_long' | 'token_subject_missing'; message: string };

/**
 * The longest a Zendesk JWT may live, in seconds: the sidebar asks for five minutes, and a token
 * that lives longer could be copied out of the browser's network panel and replayed for hours.
 */
export const zendeskJwtMaxLifetimeSeconds = 300;
/** Clock difference tolerated between Zendesk's proxy and the hub, in seconds. */
export const zendeskJwtClockSkewSeconds = 30;

/** Looks a staff token up; the store keeps only its hash. */
export type VerifyStaffToken = (token: string) => Promise<{ id: string; name: string; role: StaffRole } | null>;

/**
 * Proves the caller from an Authorization header. Staff tokens (`lsn_…`) are looked up in the
 * store; anything shaped like a JWT is verified as HS256 with the Zendesk shared secret, with its
 * expiry required and checked. Every failure says what to do, and none says which part was wrong
 * beyond what the caller already knows.
 */
export async function authenticate(
  header: string | undefined,
  options: { verifyStaffToken: VerifyStaffToken; zendeskSecret?: string | undefined; now: () => Date },
): Promise<{ ok: true; principal: Principal } | { ok: false; failure: AuthFailure }> {
  if (!header || !/^Bearer\s+\S+$/i.test(header.trim())) {
    return fail('unauthenticated', 'Send "Authorization: Bearer <token>": a staff token from `liaison token create`, or the Zendesk app\'s JWT.');
  }
  const token = header.trim().replace(/^Bearer\s+/i, '');
  if (token.split('.').length === 3) return verifyZendeskJwt(token, options.zendeskSecret, options.now);
  const staff = await options.verifyStaffToken(token);
  if (!staff) return fail('token_invalid', 'That staff token is not valid (revoked, expired or mistyped); create one with `liaison token create`.');
  return { ok: true, principal: { via: 'staff_token', id: staff.id, name: staff.name, role: staff.role, tokenId: staff.id } };
}

async function verifyZendeskJwt(
  token: string,
  secret: string | undefined,
  now: () => Date,
): Promise<{ ok: true; principal: Principal } | { ok: false; failure: AuthFailure }> {
  if (!secret) return fail('token_invalid', 'This hub accepts no Zendesk JWTs: set LIAISON_ZENDESK_SECRET to the app\'s shared secret.');
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
      currentDate: now(),
      clockTolerance: zendeskJwtClockSkewSeconds,
    });
    // A long-lived token is a password in a browser's network panel: refuse one whose whole life
    // (exp − iat), or whose remaining life when it says nothing of its start, is over five minutes.
    const start = typeof payload.iat === 'number' ? payload.iat : Math.floor(now().getTime() / 1000);
    if (payload.exp! - start > zendeskJwtMaxLifetimeSeconds + zendeskJwtClockSkewSeconds) {
      return fail('token_lifetime_too_long', `The Zendesk token lives longer than ${zendeskJwtMaxLifetimeSeconds} seconds; sign it with an expiry of ${zendeskJwtMaxLifetimeSeconds} or less (the sidebar's jwt.expiry).`);
    }
    if (typeof payload.sub !== 'string' || payload.sub.trim() === '') {
      return fail('token_subject_missing', 'The Zendesk token names no agent: sign it with a "sub" claim (the agent\'s id), as the Liaison sidebar does.');
    }
    const id = payload.sub.trim();
    const name = typeof payload['name'] === 'string' ? payload['name'] : `Zendesk agent ${id}`;
    const patronEmail = typeof payload['patron_email'] === 'string' && payload['patron_email'].trim() !== '' ? payload['patron_email'].trim() : undefined;
    return { ok: true, principal: { via: 'zendesk_jwt', id: `zendesk:${id}`, name, role: 'staff', ...(patronEmail && { patronEmail }) } };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return fail('token_expired', 'The Zendesk token has expired; the sidebar asks for a new one when it reloads.');
    return fail('token_invalid', 'The Zendesk token is not valid: check that the app\'s shared secret matches LIAISON_ZENDESK_SECRET.');
  }
}

function fail(code: AuthFailure['code'], message: string): { ok: false; failure: AuthFailure } {
  return { ok: false, failure: { status: 401, code, message } };
}
