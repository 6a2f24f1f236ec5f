/**
 * The dashboard's built files (packages/dashboard/dist), served at /dashboard/. Only the files
 * found at start are served, by exact name, so no URL can reach outside the folder. Scripts and
 * styles are files of their own (no inline script), so a strict Content-Security-Policy holds.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { LiaisonError } from '@liaison/core';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** Where the dashboard's build is, or undefined when the package is missing. */
export function dashboardDistDirectory(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@liaison/dashboard/package.json')), 'dist');
  } catch {
    return undefined;
  }
}

function readFiles(directory: string): Map<string, { body: Buffer; type: string }> {
  const files = new Map<string, { body: Buffer; type: string }>();
  if (!existsSync(directory)) return files;
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    const type = contentTypes[extname(name)];
    if (type && statSync(path).isFile()) files.set(name, { body: readFileSync(path), type });
  }
  return files;
}

/** Serves the dashboard: `/dashboard/` and the pages Teams opens are index.html; other names are the built files. */
export function registerDashboardFiles(app: FastifyInstance, directory = dashboardDistDirectory()): void {
  const files = directory ? readFiles(directory) : new Map<string, { body: Buffer; type: string }>();
  const send = (name: string) => {
    const file = files.get(name);
    if (!file) {
      if (name === 'index.html') {
        throw new LiaisonError('dashboard_not_built', 'The dashboard has not been built; run `npm run build` and start the hub again.');
      }
      throw new LiaisonError('not_found', `The dashboard has no file "${name}".`);
    }
    return file;
  };
  app.get('/dashboard', async (_request, reply) => reply.redirect('/dashboard/'));
  const serve = async (name: string, reply: FastifyReply) => {
    const file = send(name);
    // The page is checked on every visit (a new build is picked up at once); its files are small.
    reply.header('cache-control', 'no-cache').type(file.type);
    return file.body;
  };
  app.get('/dashboard/', async (_request, reply) => serve('index.html', reply));
  // Teams opens the tab and its configuration page at addresses of their own (see teams/manifest.json).
  app.get('/dashboard/tab', async (_request, reply) => serve('index.html', reply));
  app.get('/dashboard/configure', async (_request, reply) => serve('index.html', reply));
  app.get<{ Params: { file: string } }>('/dashboard/:file', async (request, reply) => serve(request.params.file, reply));
}
