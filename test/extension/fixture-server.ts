/**
 * Serves the site adapters' fixture pages over HTTP on 127.0.0.1 (never file://, which
 * content scripts and origins treat differently), each at the URL it stands for.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixturePages, type FixturePage } from '../../packages/browser-extension/src/sites/fixture.js';

export interface FixtureServer {
  origin: string;
  pages: FixturePage[];
  /** The full URL of a fixture page. */
  urlOf(site: string, name: string): string;
  /** Serves extra HTML at a path (pages made by a test, e.g. changed markup). */
  add(path: string, html: string): string;
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const pages = fixturePages();
  const byPath = new Map<string, string>();
  for (const page of pages) byPath.set(page.url.split('#')[0]!, page.html);
  const server: Server = createServer((request, response) => {
    const html = byPath.get(request.url ?? '');
    if (html === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not a fixture');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    pages,
    urlOf(site, name) {
      const page = pages.find((candidate) => candidate.site === site && candidate.name === name);
      if (!page) throw new Error(`no fixture ${site}/${name}`);
      return `${origin}${page.url}`;
    },
    add(path, html) {
      byPath.set(path, html);
      return `${origin}${path}`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
