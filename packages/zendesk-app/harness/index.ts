/**
 * The local harness: a page on 127.0.0.1 that hosts the built sidebar in an iframe, the way the
 * Zendesk agent interface does, with a simulated ZAF client offering the same `get`, `on`,
 * `request`, `context`, `metadata` and `invoke('resize')` calls. Requests go through a proxy in
 * this Node process that signs the JWT exactly as Zendesk's does (see zendesk-proxy.ts).
 * `npm run dev -w packages/zendesk-app` opens it for development; the Chromium tests drive it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createZendeskProxy, type ProxiedRequestOptions, type SigningOverrides, type ZendeskProxy } from './zendesk-proxy.js';

export type { ZendeskApiCall, ForwardedCall, SigningOverrides } from './zendesk-proxy.js';

/** The ticket the harness shows, as ZAF's `ticket.*` paths read it. */
export interface HarnessTicket {
  id: number;
  subject: string;
  description: string;
  requester: { id: number; name: string; email: string | null };
}

export interface HarnessOptions {
  /** The hub the app's `hub_url` setting points at, e.g. http://127.0.0.1:3000. */
  hubUrl: string;
  /** The app's secure setting `shared_secret`. */
  sharedSecret: string;
  ticket?: HarnessTicket;
  /** Where the app runs: the ticket sidebar (default) or the user sidebar (showing `ticket.requester`). */
  location?: 'ticket_sidebar' | 'user_sidebar';
  /** The agent's Zendesk locale, e.g. "en-US", "es", "fr". */
  locale?: string;
  agent?: { id: number; name: string };
  signing?: SigningOverrides;
  /** The built app folder (default: this package's dist/app; run the build first). */
  appDir?: string;
  /** Port on 127.0.0.1 (default: any free one). */
  port?: number;
}

export interface Harness {
  /** The host page. */
  url: string;
  proxy: ZendeskProxy;
  close(): Promise<void>;
}

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const builtDir = packageDir.endsWith('dist') ? packageDir : join(packageDir, 'dist');
const zafSdkUrl = 'https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js';
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export const defaultTicket: HarnessTicket = {
  id: 4821,
  subject: 'Can I renew my books and when does my interlibrary loan arrive?',
  description: 'Hello, I have books due soon and an interlibrary loan request pending. Can you help?',
  requester: { id: 9001, name: 'Amara Okafor', email: 'amara.okafor@northfield.edu' },
};

/** Starts the harness on 127.0.0.1. */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const appDir = options.appDir ?? join(builtDir, 'app');
  const pageDir = join(builtDir, 'harness', 'page');
  const proxy = createZendeskProxy({
    settings: { hub_url: options.hubUrl, shared_secret: options.sharedSecret },
    secureSettings: ['shared_secret'],
    ...(options.signing && { signing: options.signing }),
  });
  const state = {
    location: options.location ?? 'ticket_sidebar',
    locale: options.locale ?? 'en-US',
    agent: options.agent ?? { id: 501, name: 'Dana Help-Desk' },
    subdomain: 'northfield',
    // Only the non-secure settings reach the browser, as in Zendesk.
    settings: { hub_url: options.hubUrl },
    ticket: options.ticket ?? defaultTicket,
  };

  const server = createServer((request, response) => {
    route(request, response).catch((error: Error) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') return send(response, 200, contentTypes['.html']!, hostPage());
    if (url.pathname === '/favicon.ico') return send(response, 204, 'image/x-icon', '');
    if (url.pathname === '/harness/state') return send(response, 200, contentTypes['.json']!, JSON.stringify(state));
    if (url.pathname === '/harness/proxy' && request.method === 'POST') {
      const options = JSON.parse(await readBody(request)) as ProxiedRequestOptions;
      return send(response, 200, contentTypes['.json']!, JSON.stringify(await proxy.handle(options)));
    }
    if (url.pathname.startsWith('/harness/page/')) return sendFile(response, pageDir, url.pathname.slice('/harness/page/'.length));
    if (url.pathname.startsWith('/app/')) {
      const file = url.pathname.slice('/app/'.length);
      if (file === 'assets/iframe.html') {
        // The page as packaged, with Zendesk's SDK swapped for the simulated client.
        const html = await readFile(join(appDir, file), 'utf8');
        if (!html.includes(zafSdkUrl)) return send(response, 500, 'text/plain', `iframe.html does not load ${zafSdkUrl}`);
        return send(response, 200, contentTypes['.html']!, html.replace(zafSdkUrl, '/harness/page/zaf-sdk.js'));
      }
      return sendFile(response, appDir, file);
    }
    send(response, 404, 'text/plain', 'not found');
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    proxy,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}

function hostPage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Liaison sidebar harness</title>
<style>
  body { margin: 0; font: 13px system-ui, sans-serif; display: grid; grid-template-columns: 1fr 340px; min-height: 100vh; background: #f8f9f9; }
  #ticket { padding: 16px 24px; } #ticket label { display: block; margin: 8px 0 2px; color: #68737d; }
  #ticket input, #ticket textarea { width: 100%; box-sizing: border-box; font: inherit; }
  #apps { background: #fff; border-left: 1px solid #d8dcde; padding: 10px; }
  #apps iframe { width: 320px; border: 0; height: 80px; display: block; }
  #calls { white-space: pre-wrap; color: #68737d; }
</style></head>
<body>
  <section id="ticket">
    <h1>Ticket <span id="ticket-id"></span> (harness)</h1>
    <label for="requester-email">Requester e-mail</label><input id="requester-email">
    <button id="change-requester" type="button">Change requester</button>
    <label for="subject">Subject</label><input id="subject">
    <label for="description">Description</label><textarea id="description" rows="4"></textarea>
    <h2>Calls to Zendesk's API</h2><div id="calls"></div>
  </section>
  <aside id="apps"><iframe id="app" title="Liaison" src="about:blank"></iframe></aside>
  <script src="/harness/page/host.js"></script>
</body></html>`;
}

async function sendFile(response: ServerResponse, dir: string, file: string): Promise<void> {
  const path = normalize(join(dir, file));
  if (!path.startsWith(dir)) return send(response, 403, 'text/plain', 'outside the app');
  try {
    const body = await readFile(path);
    send(response, 200, contentTypes[extname(path)] ?? 'application/octet-stream', body);
  } catch {
    send(response, 404, 'text/plain', 'not found');
  }
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
