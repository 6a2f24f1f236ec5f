/**
 * Hand-off changes pushed to open dashboards as server-sent events. The hub listens to its store
 * (PostgreSQL LISTEN/NOTIFY, fed by a trigger on every hand-off write, whichever hub or surface
 * made it) once, and fans each change out to the streams its browsers hold open.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { HandoffChangeSubscription } from '@liaison/store';
import type { HubContext } from '../create-hub.js';

/** How often an idle stream gets a comment line, so proxies do not close it (ms). */
const keepAliveMs = 25_000;

export function registerChangeFeed(app: FastifyInstance, hub: HubContext): void {
  const streams = new Set<ServerResponse>();
  let subscription: Promise<HandoffChangeSubscription> | undefined;
  const broadcast = (handoffId: string) => {
    const message = `event: handoff\ndata: ${JSON.stringify({ id: handoffId })}\n\n`;
    for (const stream of streams) stream.write(message);
  };
  // Listening starts with the first dashboard that asks, so hubs nobody watches hold no extra connection.
  const listen = () => {
    subscription ??= hub.store.listenForHandoffChanges(broadcast).catch((error: Error) => {
      subscription = undefined;
      throw error;
    });
    return subscription;
  };

  app.get('/api/v1/dashboard/changes', async (request, reply) => {
    hub.requireRole(request, 'staff');
    await listen();
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // `retry` tells the browser how soon to reconnect; `ready` tells the page it is listening.
    stream.write('retry: 2000\nevent: ready\ndata: {}\n\n');
    streams.add(stream);
    const keepAlive = setInterval(() => stream.write(': still here\n\n'), keepAliveMs);
    request.raw.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(stream);
    });
  });

  // Open streams would keep the server from closing; end them first.
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
    streams.clear();
    const open = subscription;
    subscription = undefined;
    if (open) await (await open.catch(() => undefined))?.close();
  });
}
