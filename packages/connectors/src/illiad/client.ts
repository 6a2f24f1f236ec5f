/** The ILLiad Web Platform's HTTP client: every call carries the `ApiKey` header. */
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../http.js';
import type { IlliadSettings } from './settings.js';

/** Builds the ILLiad client; `http` overrides client options (tests inject `sleep`). */
export function createIlliadClient(
  settings: IlliadSettings,
  apiKey: string,
  { now, http = {} }: { now: () => Date; http?: Partial<HttpClientOptions> },
): HttpClient {
  return createHttpClient({
    system: 'ILLiad',
    baseURL: settings.base_url,
    headers: { ApiKey: apiKey },
    timeoutMs: settings.timeout_ms,
    now,
    credentialsHint: `check ${settings.api_key_env} and that the key is in ILLiad's WebPlatformConfig table`,
    ...http,
  });
}
