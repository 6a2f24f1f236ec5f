/**
 * Hand-off changes as they happen, from every hub sharing the database. A trigger (migration 5)
 * announces each write to `handoffs` with NOTIFY; here a store LISTENs. On a PostgreSQL server
 * that takes a connection of its own (a pooled one would be handed to other queries); PGlite is
 * one process, so its own session listens.
 */
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** The channel the trigger notifies on; the payload names the schema and the hand-off. */
export const handoffChangeChannel = 'liaison_handoff_changes';

/** Stops listening. */
export interface HandoffChangeSubscription {
  close(): Promise<void>;
}

export type HandoffChangeListener = (handoffId: string) => void;

/** The hand-off id of a notification for `schema`, or undefined for another schema's (or a malformed one). */
export function handoffIdOf(payload: string | undefined, schema: string): string | undefined {
  if (!payload) return undefined;
  try {
    const parsed = JSON.parse(payload) as { schema?: unknown; id?: unknown };
    return parsed.schema === schema && typeof parsed.id === 'string' ? parsed.id : undefined;
  } catch {
    return undefined;
  }
}

/** Listens on a PostgreSQL server with a dedicated connection, reconnecting when it drops. */
export async function listenOnServer(databaseUrl: string, schema: string, onChange: HandoffChangeListener): Promise<HandoffChangeSubscription> {
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('notification', (message) => {
      const id = message.channel === handoffChangeChannel ? handoffIdOf(message.payload, schema) : undefined;
      if (id) onChange(id);
    });
    // A dropped connection is made again after a pause; changes made meanwhile are not replayed,
    // so dashboards reload their lists when their own stream reconnects.
    const reconnect = () => {
      if (closed || client !== next) return;
      client = undefined;
      retry = setTimeout(() => void connect().catch(() => reconnect()), 1000);
    };
    next.on('error', reconnect);
    next.on('end', reconnect);
    client = next;
    await next.connect();
    await next.query(`listen ${handoffChangeChannel}`);
  };
  await connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}

/** Listens in an embedded PGlite: notifications of its one session. */
export async function listenInPGlite(database: PGlite, schema: string, onChange: HandoffChangeListener): Promise<HandoffChangeSubscription> {
  const unsubscribe = await database.listen(handoffChangeChannel, (payload) => {
    const id = handoffIdOf(payload, schema);
    if (id) onChange(id);
  });
  return { close: () => unsubscribe() };
}
