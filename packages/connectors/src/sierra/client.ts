/**
 * Sierra's HTTP client: a client-credentials token from POST /v6/token (the key and secret as
 * basic authentication), reused until a minute before it expires and fetched again once on 401.
 */
import type { z } from 'zod';
import { ConnectorError, isConnectorError } from '../errors.js';
import { createHttpClient, type GetOptions, type HttpClient, type HttpClientOptions } from '../http.js';
import { sierraTokenSchema } from './schemas.js';
import type { SierraSettings } from './settings.js';

export interface SierraClient {
  readonly http: HttpClient;
  get<S extends z.ZodType>(call: string, path: string, options: GetOptions<S>): Promise<z.output<S>>;
  /** POSTs a JSON query (Sierra's /bibs/query) and parses the answer with `schema`. */
  query<S extends z.ZodType>(call: string, path: string, body: unknown, options: Omit<GetOptions<S>, 'headers'>): Promise<z.output<S>>;
}

/** Builds the Sierra client; paths are relative to …/iii/sierra-api/v6. */
export function createSierraClient(
  settings: SierraSettings,
  client: { key: string; secret: string },
  { now, http: overrides = {} }: { now: () => Date; http?: Partial<HttpClientOptions> },
): SierraClient {
  const hint = `check ${settings.client_secret_env} and ${settings.client_key_env}`;
  const http = createHttpClient({ system: 'Sierra', baseURL: `${settings.base_url}/v6`, timeoutMs: settings.timeout_ms, now, credentialsHint: hint, ...overrides });
  let token: { value: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function currentToken(): Promise<string> {
    if (token && token.expiresAt - 60_000 > now().getTime()) return token.value;
    pending ??= (async () => {
      const call = 'POST /token';
      const response = await http.axios.post('/token', 'grant_type=client_credentials', {
        call,
        auth: { username: client.key, password: client.secret },
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      const parsed = sierraTokenSchema.safeParse(response.data);
      if (!parsed.success) throw new ConnectorError({ code: 'connector_bad_response', system: 'Sierra', call, failure: 'answered without an access token' });
      token = { value: parsed.data.access_token, expiresAt: now().getTime() + parsed.data.expires_in * 1000 };
      return token.value;
    })().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  // Once more with a fresh token when Sierra says the one we had is no longer good.
  async function withToken<T>(send: (bearer: string) => Promise<T>): Promise<T> {
    try {
      return await send(await currentToken());
    } catch (error) {
      if (!isConnectorError(error, 'connector_unauthorized') || error.status !== 401 || !token) throw error;
      token = undefined;
      return send(await currentToken());
    }
  }

  return {
    http,
    get: (call, path, options) => withToken((bearer) => http.get(call, path, { ...options, headers: { ...options.headers, Authorization: `Bearer ${bearer}` } })),
    query: (call, path, body, { params, schema, signal }) =>
      withToken(async (bearer) => {
        const response = await http.axios.post(path, body, { call, params, signal, headers: { Authorization: `Bearer ${bearer}` } });
        const parsed = schema.safeParse(response.data);
        if (parsed.success) return parsed.data;
        throw new ConnectorError({ code: 'connector_bad_response', system: 'Sierra', call, status: response.status, failure: 'answered in an unexpected shape', hint: "the connector may not match this version of the system's API" });
      }),
  };
}

/** The record number at the end of a Sierra link: "https://…/v6/items/1234567" → "1234567". */
export function recordIdOf(link: string): string {
  return link.slice(link.lastIndexOf('/') + 1);
}
