/**
 * FOLIO's HTTP client: every call carries the tenant (X-Okapi-Tenant) and a login token
 * (X-Okapi-Token). The token comes from POST /authn/login-with-expiry, which answers with
 * `folioAccessToken` in a Set-Cookie header; older releases without it use /authn/login and its
 * x-okapi-token header. The token is reused until a minute before it expires, and fetched again
 * once when FOLIO answers 401 (it was revoked or the clock is off).
 */
import type { z } from 'zod';
import { ConnectorError, isConnectorError } from '../errors.js';
import { createHttpClient, type GetOptions, type HttpClient, type HttpClientOptions } from '../http.js';
import { loginWithExpirySchema } from './schemas.js';
import type { FolioSettings } from './settings.js';

export interface FolioCredentials {
  username: string;
  password: string;
}

export interface FolioClient {
  readonly http: HttpClient;
  get<S extends z.ZodType>(call: string, path: string, options: GetOptions<S>): Promise<z.output<S>>;
}

const system = 'FOLIO';
const refreshMarginMs = 60_000; // fetch a new token a minute before the old one expires
const defaultLifetimeMs = 10 * 60_000; // FOLIO's default access-token lifetime, when it does not say

/** Builds the FOLIO client; `http` overrides client options (tests inject `sleep`). */
export function createFolioClient(
  settings: FolioSettings,
  credentials: FolioCredentials,
  { now, http: overrides = {} }: { now: () => Date; http?: Partial<HttpClientOptions> },
): FolioClient {
  const http = createHttpClient({
    system,
    baseURL: settings.base_url,
    headers: { 'X-Okapi-Tenant': settings.tenant },
    timeoutMs: settings.timeout_ms,
    now,
    credentialsHint: `check ${settings.username_env} and ${settings.password_env}, and that this user has the read permissions Liaison needs`,
    ...overrides,
  });

  let token: { value: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function login(): Promise<{ value: string; expiresAt: number }> {
    const body = { username: credentials.username, password: credentials.password };
    try {
      const response = await http.axios.post('/authn/login-with-expiry', body, { call: 'POST /authn/login-with-expiry' });
      const cookie = cookieValue(response.headers['set-cookie'], 'folioAccessToken');
      if (!cookie) throw badLogin('POST /authn/login-with-expiry', 'answered without a folioAccessToken cookie');
      const parsed = loginWithExpirySchema.safeParse(response.data);
      const expiresAt = parsed.success && parsed.data.accessTokenExpiration ? Date.parse(parsed.data.accessTokenExpiration) : NaN;
      return { value: cookie, expiresAt: Number.isNaN(expiresAt) ? now().getTime() + defaultLifetimeMs : expiresAt };
    } catch (error) {
      // Releases before Poppy have no expiring tokens; their legacy login answers 404 here.
      if (isConnectorError(error, 'connector_not_found')) {
        const response = await http.axios.post('/authn/login', body, { call: 'POST /authn/login' }).catch(refusedLogin);
        const header = response.headers['x-okapi-token'];
        if (typeof header !== 'string' || header === '') throw badLogin('POST /authn/login', 'answered without an x-okapi-token header');
        return { value: header, expiresAt: now().getTime() + defaultLifetimeMs };
      }
      return refusedLogin(error);
    }
  }

  // FOLIO answers a wrong password with 422 (or 400), not 401: say what it means.
  function refusedLogin(error: unknown): never {
    if (error instanceof ConnectorError && (error.status === 422 || error.status === 400)) {
      throw new ConnectorError({
        code: 'connector_unauthorized',
        system,
        call: error.call,
        status: error.status,
        failure: `refused our login (HTTP ${error.status})`,
        hint: `check ${settings.username_env} and ${settings.password_env}`,
      });
    }
    throw error;
  }

  function badLogin(call: string, failure: string): ConnectorError {
    return new ConnectorError({ code: 'connector_bad_response', system, call, failure, hint: 'is this address Okapi (or the API gateway) for the tenant?' });
  }

  async function currentToken(): Promise<string> {
    if (token && token.expiresAt - refreshMarginMs > now().getTime()) return token.value;
    pending ??= login()
      .then((fresh) => {
        token = fresh;
        return fresh.value;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  }

  return {
    http,
    async get(call, path, options) {
      const send = async () =>
        http.get(call, path, { ...options, headers: { ...options.headers, 'X-Okapi-Token': await currentToken() } });
      try {
        return await send();
      } catch (error) {
        if (!isConnectorError(error, 'connector_unauthorized') || error.status !== 401) throw error;
        token = undefined; // revoked or expired early: log in again, once
        return send();
      }
    },
  };
}

/** The value of one cookie among Set-Cookie headers. */
function cookieValue(setCookie: unknown, name: string): string | undefined {
  const headers = Array.isArray(setCookie) ? setCookie : typeof setCookie === 'string' ? [setCookie] : [];
  for (const header of headers) {
    const [pair] = String(header).split(';');
    const separator = pair?.indexOf('=') ?? -1;
    if (pair && separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}

/** A value quoted for CQL: backslash, quote and the masking characters * ? ^ are escaped. */
export function cqlString(value: string): string {
  return `"${value.replace(/[\\"*?^]/g, (character) => `\\${character}`)}"`;
}
