/**
 * The msw server every connector test file starts: one per file, failing on any request no
 * handler answers, with handlers put back after each test. It keeps a copy of each request the
 * code sent, because the tests assert what was asked of a system, not only what came back.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { RequestHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';

export interface RecordingServer {
  server: SetupServer;
  /** The requests sent during the current test, oldest first; emptied after each test. */
  sent: Request[];
}

/** Starts an msw server with `handlers` for this test file and records the requests it sees. */
export function recordingServer(...handlers: RequestHandler[]): RecordingServer {
  const server = setupServer(...handlers);
  const sent: Request[] = [];
  server.events.on('request:start', ({ request }) => {
    // A clone, so a test can read the body the code under test has already consumed.
    sent.push(request.clone());
  });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    sent.length = 0;
  });
  afterAll(() => server.close());
  return { server, sent };
}
