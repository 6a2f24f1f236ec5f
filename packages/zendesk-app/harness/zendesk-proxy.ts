/**
 * What Zendesk's request proxy does with a `client.request` from an app, reproduced for the local
 * harness: fill in `{{setting.…}}` (secure settings only for `secure: true` requests), sign the
 * JWT the request asks for (HS256 with the shared secret, `iat` and `exp` set from `expiry`), put
 * it where `{{jwt.token}}` appears, and make the call from the server side. Calls to Zendesk's
 * own API (a path starting with `/api/v2/`) are answered here and recorded, so tests can assert
 * the internal note the sidebar wrote on the ticket.
 */
import { SignJWT } from 'jose';

/** The options a ZAF client sends with `request`, as far as the proxy reads them. */
export interface ProxiedRequestOptions {
  url: string;
  type?: string;
  contentType?: string;
  data?: string;
  headers?: Record<string, string>;
  secure?: boolean;
  timeout?: number;
  jwt?: { algorithm: string; secret_key: string; expiry?: number; claims?: Record<string, string | number> };
}

/** What the proxy answers the app's iframe with. */
export interface ProxyAnswer {
  status: number;
  statusText: string;
  body: string;
}

/** One call the app made to Zendesk's own API. */
export interface ZendeskApiCall {
  method: string;
  path: string;
  body: unknown;
}

/** One call the proxy forwarded to an outside server (the hub), with the token it signed. */
export interface ForwardedCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  status: number;
  /** From sending to the last byte of the answer, in milliseconds. */
  durationMs: number;
}

/** Ways to sign badly on purpose, so tests can prove the hub refuses such tokens. */
export interface SigningOverrides {
  /** Seconds from now to the token's `exp` instead of the request's `expiry` (negative: already expired). */
  expiresInSeconds?: number;
  /** Sign with this secret instead of the app's setting. */
  secret?: string;
  /** Change the payload after signing, keeping the signature. */
  tamper?: boolean;
}

export interface ZendeskProxyOptions {
  /** Every setting of the installation, secure ones included (only the proxy sees those). */
  settings: Record<string, string>;
  /** Names of the secure settings. */
  secureSettings: string[];
  signing?: SigningOverrides;
  now?: () => Date;
}

export interface ZendeskProxy {
  handle(options: ProxiedRequestOptions): Promise<ProxyAnswer>;
  readonly zendeskApiCalls: ZendeskApiCall[];
  readonly forwardedCalls: ForwardedCall[];
  signing: SigningOverrides;
}

/** A proxy for one app installation's settings. */
export function createZendeskProxy(options: ZendeskProxyOptions): ZendeskProxy {
  const now = options.now ?? (() => new Date());
  const zendeskApiCalls: ZendeskApiCall[] = [];
  const forwardedCalls: ForwardedCall[] = [];

  const fill = (text: string, secure: boolean, token?: string): string =>
    text
      .replace(/\{\{setting\.(\w+)\}\}/g, (whole, name: string) => {
        if (!(name in options.settings)) return whole;
        if (options.secureSettings.includes(name) && !secure) {
          throw new ProxyRefusal(`the secure setting "${name}" is used in a request without secure: true`);
        }
        return options.settings[name]!;
      })
      .replace(/\{\{jwt\.token\}\}/g, () => {
        if (token === undefined) throw new ProxyRefusal('{{jwt.token}} is used but the request has no jwt option');
        return token;
      });

  async function sign(jwt: NonNullable<ProxiedRequestOptions['jwt']>, secure: boolean, signing: SigningOverrides): Promise<string> {
    if (jwt.algorithm !== 'HS256') throw new ProxyRefusal(`the harness signs HS256 only, not ${jwt.algorithm}`);
    const claims: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(jwt.claims ?? {})) claims[key] = typeof value === 'string' ? fill(value, secure) : value;
    const issuedAt = Math.floor(now().getTime() / 1000);
    const expiresAt = issuedAt + (signing.expiresInSeconds ?? jwt.expiry ?? 3600);
    const secret = signing.secret ?? fill(jwt.secret_key, secure);
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(new TextEncoder().encode(secret));
    if (!signing.tamper) return token;
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const changed = { ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), sub: 'someone-else' };
    return `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
  }

  const proxy: ZendeskProxy = {
    zendeskApiCalls,
    forwardedCalls,
    signing: { ...options.signing },
    async handle(request) {
      const method = (request.type ?? 'GET').toUpperCase();
      if (request.url.startsWith('/api/v2/')) return answerZendeskApi(method, request, zendeskApiCalls);
      const secure = request.secure === true;
      try {
        const token = request.jwt ? await sign(request.jwt, secure, proxy.signing) : undefined;
        const url = fill(request.url, secure, token);
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(request.headers ?? {})) headers[name] = fill(value, secure, token);
        if (request.contentType) headers['Content-Type'] = request.contentType;
        const body = request.data === undefined ? undefined : fill(request.data, secure, token);
        const started = performance.now();
        let response: Response;
        let text: string;
        try {
          response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(request.timeout ?? 30_000) });
          text = await response.text();
        } catch (error) {
          forwardedCalls.push({ method, url, headers, status: 504, durationMs: performance.now() - started });
          return { status: 504, statusText: 'Gateway Timeout', body: JSON.stringify({ error: (error as Error).name }) };
        }
        forwardedCalls.push({ method, url, headers, status: response.status, durationMs: performance.now() - started });
        return { status: response.status, statusText: response.statusText, body: text };
      } catch (error) {
        if (error instanceof ProxyRefusal) return { status: 400, statusText: 'Bad Request', body: JSON.stringify({ error: error.message }) };
        throw error;
      }
    },
  };
  return proxy;
}

class ProxyRefusal extends Error {}

// Zendesk's Tickets API as far as the sidebar uses it: adding a comment with an update.
function answerZendeskApi(method: string, request: ProxiedRequestOptions, calls: ZendeskApiCall[]): ProxyAnswer {
  const path = request.url.split('?')[0]!;
  let body: unknown;
  try {
    body = request.data === undefined ? undefined : JSON.parse(request.data);
  } catch {
    return { status: 400, statusText: 'Bad Request', body: JSON.stringify({ error: 'InvalidJSON' }) };
  }
  calls.push({ method, path, body });
  const ticket = /^\/api\/v2\/tickets\/(\d+)\.json$/.exec(path);
  if (ticket && method === 'PUT') {
    const comment = (body as { ticket?: { comment?: { body?: unknown; public?: unknown } } })?.ticket?.comment;
    if (typeof comment?.body !== 'string' || comment.body.trim() === '') {
      return { status: 422, statusText: 'Unprocessable Entity', body: JSON.stringify({ error: 'RecordInvalid', description: 'Comment body is empty' }) };
    }
    return { status: 200, statusText: 'OK', body: JSON.stringify({ ticket: { id: Number(ticket[1]) }, audit: { events: [{ type: 'Comment', public: comment.public !== false, body: comment.body }] } }) };
  }
  return { status: 404, statusText: 'Not Found', body: JSON.stringify({ error: 'RecordNotFound' }) };
}
