/** Alma's HTTP client: the API key in `Authorization: apikey …`, JSON asked for by Accept. */
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../http.js';
import type { AlmaSettings } from './settings.js';

/** Builds the Alma client; `http` overrides client options (tests inject `sleep`). */
export function createAlmaClient(settings: AlmaSettings, apiKey: string, { now, http = {} }: { now: () => Date; http?: Partial<HttpClientOptions> }): HttpClient {
  return createHttpClient({
    system: 'Alma',
    baseURL: `${settings.base_url}/almaws/v1`,
    headers: { Authorization: `apikey ${apiKey}`, Accept: 'application/json' },
    timeoutMs: settings.timeout_ms,
    now,
    credentialsHint: `check ${settings.api_key_env}, and that the key has read access to the Users API`,
    ...http,
  });
}
