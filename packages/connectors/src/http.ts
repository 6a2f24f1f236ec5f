/**
 * The HTTP client every real connector uses: one axios instance per system with a timeout,
 * retries with exponential backoff and jitter, `Retry-After` honoured, failures turned into
 * `ConnectorError`, and `get()` which parses the answer with a zod schema at the edge.
 */
import axios, { type AxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import type { z } from 'zod';
import { ConnectorError } from './errors.js';

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Names this call in errors: method and path template, e.g. "GET /users/{id}". Never a real URL. */
    call?: string;
    /** Retries already made for this call (set by the retry logic, not by callers). */
    retryAttempt?: number;
  }
}

/** How to prove who we are to the system. */
export type HttpAuth =
  | { basic: { username: string; password: string } }
  /** A fixed token, or a function that returns a current one (for OAuth client-credentials systems). */
  | { bearer: string | (() => string | Promise<string>) };

export interface HttpClientOptions {
  /** The system's name as staff know it, e.g. "FOLIO"; it starts every error message. */
  system: string;
  baseURL: string;
  /** Time allowed for one attempt, in milliseconds. */
  timeoutMs?: number;
  /** Retries after the first attempt, on 429, 5xx and network failures. */
  retries?: number;
  headers?: Record<string, string>;
  auth?: HttpAuth;
  /** First backoff delay, in milliseconds; doubled on each retry. */
  baseDelayMs?: number;
  /** Longest wait between attempts, in milliseconds. A Retry-After longer than this is not waited for. */
  maxRetryDelayMs?: number;
  /** Waits `ms` milliseconds; injected by tests. Rejects with `signal.reason` when aborted. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1) for jitter; injected by tests. */
  random?: () => number;
  /** The current time, for Retry-After given as an HTTP date. */
  now?: () => Date;
  /** The remedy named when the system refuses our credentials, e.g. "check FOLIO_USERNAME and FOLIO_PASSWORD". */
  credentialsHint?: string;
}

export interface GetOptions<S extends z.ZodType> {
  params?: Record<string, string | number | boolean | (string | number)[] | undefined>;
  /** The shape the answer must have; the answer is parsed, not trusted. */
  schema: S;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface HttpClient {
  readonly system: string;
  /** The configured instance: timeout, retries and ConnectorError mapping apply to every call made with it. */
  readonly axios: AxiosInstance;
  /** GETs `path` and parses the body with `schema`; `call` names it in errors, e.g. "GET /users". */
  get<S extends z.ZodType>(call: string, path: string, options: GetOptions<S>): Promise<z.output<S>>;
}

/** Builds the HTTP client for one system. Times are in milliseconds. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const {
    system,
    baseURL,
    timeoutMs = 8000,
    retries = 3,
    headers = {},
    auth,
    baseDelayMs = 250,
    maxRetryDelayMs = 10_000,
    sleep = sleepFor,
    random = Math.random,
    now = () => new Date(),
    credentialsHint = 'check the API key or token for this system in liaison.config.yaml',
  } = options;

  const instance = axios.create({
    baseURL,
    timeout: timeoutMs,
    headers: { Accept: 'application/json', ...headers },
    // `key=a&key=b`, as ILS APIs expect, rather than axios's `key[]=a`.
    paramsSerializer: { indexes: null },
    // Tell a timeout (ETIMEDOUT) apart from other aborted connections.
    transitional: { clarifyTimeoutError: true },
    ...(auth && 'basic' in auth ? { auth: auth.basic } : {}),
  });

  if (auth && 'bearer' in auth) {
    const { bearer } = auth;
    instance.interceptors.request.use(async (config) => {
      const token = typeof bearer === 'function' ? await bearer() : bearer;
      config.headers.set('Authorization', `Bearer ${token}`);
      return config;
    });
  }

  instance.interceptors.response.use(undefined, async (error: unknown) => {
    if (!axios.isAxiosError(error) || !error.config) throw error;
    const config = error.config;
    const signal = config.signal as AbortSignal | undefined;
    // The caller gave up: answer as fetch does, with the caller's own reason.
    if (signal?.aborted) throw signal.reason;

    const attempt = config.retryAttempt ?? 0;
    const call = config.call ?? callOf(config);
    const failure = toConnectorError(error, { system, call, timeoutMs, attempts: attempt + 1, now, credentialsHint });

    const isRetried = failure.code === 'connector_rate_limited' || failure.code === 'connector_unavailable';
    if (!isRetried || attempt >= retries) throw failure;

    let delayMs: number;
    if (failure.retryAfterMs !== undefined) {
      // The system said how long to wait. Asking again sooner is rude and likely refused,
      // and waiting longer than the cap would hold a staff member's screen: give up instead.
      if (failure.retryAfterMs > maxRetryDelayMs) throw failure;
      delayMs = failure.retryAfterMs;
    } else {
      // Exponential backoff with "equal jitter": between half and all of the doubled delay,
      // so many hubs retrying at once do not arrive together.
      const ceiling = Math.min(maxRetryDelayMs, baseDelayMs * 2 ** attempt);
      delayMs = Math.round(ceiling / 2 + random() * (ceiling / 2));
    }
    await sleep(delayMs, signal);
    return instance.request({ ...config, retryAttempt: attempt + 1 });
  });

  return {
    system,
    axios: instance,
    async get(call, path, { params, schema, signal, headers: callHeaders }) {
      if (hasDotSegment(path)) {
        // An identifier of "." or ".." (or one with such a segment, as a DOI may) would move the
        // request to another path of the vendor's API once the URL is resolved. No record can have
        // such an identifier, so nothing is sent and the caller hears "not found".
        throw new ConnectorError({ code: 'connector_not_found', system, call, failure: 'an identifier with a "." or ".." path segment was not sent' });
      }
      const response = await instance.get<unknown>(path, { params, signal, headers: callHeaders, call });
      const parsed = schema.safeParse(response.data);
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0];
      const fieldPath = (issue?.path ?? []).map(redactPathKey);
      throw new ConnectorError({
        code: 'connector_bad_response',
        system,
        call,
        status: response.status,
        failure: `answered in an unexpected shape at ${formatPath(fieldPath)}${issue ? ` (${issue.message})` : ''}`,
        hint: "the connector may not match this version of the system's API",
        path: fieldPath,
      });
    },
  };
}

/** Whether `path` has a segment that URL resolution removes or climbs out of ("..", "%2e", ".%2E"…). */
export function hasDotSegment(path: string): boolean {
  const pathname = path.split(/[?#]/, 1)[0] ?? '';
  return pathname.split(/[/\\]/).some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment));
}

interface FailureContext {
  system: string;
  call: string;
  timeoutMs: number;
  attempts: number;
  now: () => Date;
  credentialsHint: string;
}

/** Turns an axios failure into a ConnectorError without copying its URL, query or body. */
function toConnectorError(error: AxiosError, context: FailureContext): ConnectorError {
  const { system, call, timeoutMs, attempts, now, credentialsHint } = context;
  const after = attempts > 1 ? ` after ${attempts} attempts` : '';
  const response = error.response;

  if (!response) {
    if (error.code === 'ETIMEDOUT' || error.code === 'ECONNABORTED') {
      return new ConnectorError({ code: 'connector_timeout', system, call, failure: `timed out after ${formatMs(timeoutMs)}` });
    }
    // Only the error code (ECONNREFUSED, ENOTFOUND…): the message may quote the URL.
    return new ConnectorError({
      code: 'connector_unavailable',
      system,
      call,
      failure: `could not be reached (${error.code ?? 'network error'})${after}`,
      hint: 'check the base URL and that the system is up',
    });
  }

  const status = response.status;
  const missingPermissions = status === 403 ? permissionsNamedIn(response.data) : [];
  if (missingPermissions.length > 0) {
    return new ConnectorError({
      code: 'connector_unauthorized',
      system,
      call,
      status,
      failure: `refused: the API user lacks the permission ${missingPermissions.join(' or ')} (HTTP 403)`,
      hint: `grant it to the user Liaison signs in as, in ${system}`,
      missingPermissions,
    });
  }
  if (status === 401 || status === 403) {
    return new ConnectorError({
      code: 'connector_unauthorized',
      system,
      call,
      status,
      failure: `refused our credentials (HTTP ${status})`,
      hint: credentialsHint,
    });
  }
  if (status === 404) {
    return new ConnectorError({ code: 'connector_not_found', system, call, status, failure: 'found no such record (HTTP 404)' });
  }
  if (status === 429) {
    return new ConnectorError({
      code: 'connector_rate_limited',
      system,
      call,
      status,
      failure: `asked us to slow down (HTTP 429)${after}`,
      retryAfterMs: retryAfterMs(response.headers['retry-after'], now),
    });
  }
  if (status >= 500) {
    return new ConnectorError({
      code: 'connector_unavailable',
      system,
      call,
      status,
      failure: `is unavailable (HTTP ${status})${after}`,
      retryAfterMs: retryAfterMs(response.headers['retry-after'], now),
    });
  }
  return new ConnectorError({
    code: 'connector_bad_response',
    system,
    call,
    status,
    failure: `refused the request (HTTP ${status})`,
    hint: "the connector may not match this version of the system's API",
  });
}

// A permission name as systems write them: "users.collection.get", "borrowers", "edit_borrowers".
const permissionName = /^[A-Za-z][\w.+-]{0,99}$/;

/**
 * The permissions a 403 answer says are missing, and nothing else from the body (which may name
 * the staff user): FOLIO's Okapi writes "… requires permission: users.collection.get" as text;
 * Koha answers `{ error, required_permissions }`, an object of flag → sub-permission or a list of
 * such objects (any one of which would do).
 */
export function permissionsNamedIn(body: unknown): string[] {
  if (typeof body === 'string') {
    const named = /requires permission:\s*([\w.+-]+)/i.exec(body)?.[1];
    return named && permissionName.test(named) ? [named] : [];
  }
  if (typeof body !== 'object' || body === null || !('required_permissions' in body)) return [];
  const required = (body as { required_permissions: unknown }).required_permissions;
  const alternatives = Array.isArray(required) ? required : [required];
  return alternatives.flatMap((alternative) => {
    if (typeof alternative !== 'object' || alternative === null) return [];
    return Object.entries(alternative).flatMap(([flag, sub]) => {
      if (!permissionName.test(flag)) return [];
      // "1" means the whole module; a name means that one sub-permission.
      if (sub === 1 || sub === '1' || sub === true) return [flag];
      return typeof sub === 'string' && permissionName.test(sub) ? [`${flag}: ${sub}`] : [];
    });
  });
}

/** Reads Retry-After (delay in seconds, or an HTTP date) as milliseconds from now. */
export function retryAfterMs(value: unknown, now: () => Date): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now().getTime());
}

/** A call name for requests made straight on the instance without `call`: path segments that
 * may identify someone (digits, "@") become "{id}", and the query is dropped. */
function callOf(config: AxiosRequestConfig): string {
  const method = (config.method ?? 'get').toUpperCase();
  const path = (config.url ?? '')
    .split(/[?#]/)[0]!
    .split('/')
    .map((segment) => (/[\d@]|%40/.test(segment) ? '{id}' : segment))
    .join('/');
  return `${method} ${path || '/'}`;
}

// A record key in a response (a map keyed by e-mail or barcode) must not reach a message.
function redactPathKey(key: PropertyKey): string | number {
  if (typeof key === 'number') return key;
  const text = String(key);
  return /@|\d{5,}/.test(text) ? '{key}' : text;
}

function formatPath(path: (string | number)[]): string {
  if (path.length === 0) return '(the whole body)';
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key),
    '',
  );
}

function formatMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
