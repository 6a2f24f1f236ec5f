/**
 * Koha's HTTP client: basic authentication, or an OAuth2 client-credentials token fetched from
 * /api/v1/oauth/token, reused until a minute before it expires and fetched again once on 401.
 */
import type { z } from 'zod';
import { ConnectorError, isConnectorError } from '../errors.js';
import { createHttpClient, type GetOptions, type HttpClient, type HttpClientOptions } from '../http.js';
import { kohaTokenSchema } from './schemas.js';
import { kohaSecretVariables, type KohaSettings } from './settings.js';

export interface KohaClient {
  readonly http: HttpClient;
  get<S extends z.ZodType>(call: string, path: string, options: GetOptions<S>): Promise<z.output<S>>;
}

/** Builds the Koha client from settings and the two secrets (client id and secret, or username and password). */
export function createKohaClient(
  settings: KohaSettings,
  secrets: { id: string; secret: string },
  { now, http: overrides = {} }: { now: () => Date; http?: Partial<HttpClientOptions> },
): KohaClient {
  const variables = kohaSecretVariables(settings);
  const http = createHttpClient({
    system: 'Koha',
    baseURL: `${settings.base_url}/api/v1`,
    timeoutMs: settings.timeout_ms,
    now,
    credentialsHint: `check ${variables.join(' and ')}, and that the staff user has the permissions Liaison reads with`,
    ...(settings.auth === 'basic' ? { auth: { basic: { username: secrets.id, password: secrets.secret } } } : {}),
    ...overrides,
  });
  if (settings.auth === 'basic') return { http, get: (call, path, options) => http.get(call, path, options) };

  let token: { value: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  async function currentToken(): Promise<string> {
    if (token && token.expiresAt - 60_000 > now().getTime()) return token.value;
    pending ??= (async () => {
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: secrets.id, client_secret: secrets.secret });
      const call = 'POST /oauth/token';
      const response = await http.axios
        .post('/oauth/token', form.toString(), { call, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
        .catch((error: unknown) => {
          // Koha's OAuth#token answers a wrong client id or secret with 403 ("unauthorized_client"),
          // which the HTTP client reports as refused credentials. 400 ("Unimplemented grant type")
          // means client credentials are turned off in Koha: no secret will help.
          if (error instanceof ConnectorError && error.status === 400) {
            throw new ConnectorError({
              code: 'connector_unauthorized',
              system: 'Koha',
              call,
              status: 400,
              failure: 'does not accept client credentials (HTTP 400, "Unimplemented grant type")',
              hint: 'turn on the system preference RESTOAuth2ClientCredentials in Koha (Administration › System preferences › Web services), or write auth: basic with a staff login',
            });
          }
          throw error;
        });
      const parsed = kohaTokenSchema.safeParse(response.data);
      if (!parsed.success) {
        throw new ConnectorError({ code: 'connector_bad_response', system: 'Koha', call, failure: 'answered without an access token', hint: 'is RESTOAuth2ClientCredentials enabled?' });
      }
      token = { value: parsed.data.access_token, expiresAt: now().getTime() + parsed.data.expires_in * 1000 };
      return token.value;
    })().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  return {
    http,
    async get(call, path, options) {
      const send = async () => http.get(call, path, { ...options, headers: { ...options.headers, Authorization: `Bearer ${await currentToken()}` } });
      try {
        return await send();
      } catch (error) {
        if (!isConnectorError(error, 'connector_unauthorized') || error.status !== 401 || !token) throw error;
        token = undefined;
        return send();
      }
    },
  };
}
