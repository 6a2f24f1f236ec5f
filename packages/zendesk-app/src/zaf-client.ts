/**
 * The part of the Zendesk Apps Framework v2 client the sidebar uses. Zendesk's SDK script
 * (`zaf_sdk.min.js`) defines `ZAFClient` in the iframe; the local harness defines the same calls.
 * Keeping the surface this small is what lets the harness simulate it faithfully.
 */

/** Options of `client.request`, as ZAF documents them (only those the sidebar sends). */
export interface ZafRequestOptions {
  url: string;
  type: 'GET' | 'POST' | 'PUT';
  contentType?: string;
  /** A JSON string for POST and PUT. */
  data?: string;
  dataType?: 'json';
  headers?: Record<string, string>;
  /** Route through Zendesk's proxy so `{{setting.…}}` and `{{jwt.token}}` are filled in on Zendesk's servers. */
  secure?: boolean;
  cors?: boolean;
  /** Milliseconds before the proxy gives up. */
  timeout?: number;
  /** The proxy signs a JWT with these settings and puts it where `{{jwt.token}}` appears. */
  jwt?: {
    algorithm: 'HS256';
    secret_key: string;
    /** Seconds the token is valid for. */
    expiry: number;
    claims: Record<string, string | number>;
  };
}

/** What `client.request` rejects with: the proxy's answer when it is not a 2xx. */
export interface ZafRequestFailure {
  status: number;
  statusText?: string;
  responseText?: string;
  responseJSON?: unknown;
}

export interface ZafContext {
  location: string;
  ticketId?: number;
  userId?: number;
}

export interface ZafMetadata {
  settings: Record<string, string | boolean | number | undefined>;
}

export interface ZafClient {
  get(paths: string | string[]): Promise<Record<string, unknown>>;
  on(event: string, handler: (...args: unknown[]) => void): void;
  request<T = unknown>(options: ZafRequestOptions): Promise<T>;
  invoke(name: 'resize', size: { width?: string; height: string }): Promise<unknown>;
  context(): Promise<ZafContext>;
  metadata(): Promise<ZafMetadata>;
}

declare global {
  // Defined by Zendesk's SDK script (or the harness) before main.js runs.
  var ZAFClient: { init(): ZafClient | undefined } | undefined;
}
