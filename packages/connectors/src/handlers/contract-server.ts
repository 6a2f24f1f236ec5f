/**
 * An msw server for a FOLIO or Koha test file that also holds every request and every mocked
 * answer to the vendor's published schema (see vendor-contract.ts). A violation fails the test
 * it happened in. Without the vendor schemas (no `shared/schemas/vendor` above this checkout)
 * the checks are skipped, and a skipped test in the file's report says why.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import type { RequestHandler } from 'msw';
import { recordingServer, type RecordingServer } from './recording-server.js';
import { findVendorSchemas, loadVendorContract, type VendorContract, type VendorSystem, type Violation } from './vendor-contract.js';

export interface ContractServer extends RecordingServer {
  /** The loaded contract, or undefined when the vendor schemas are absent. */
  contract: VendorContract | undefined;
  /** How many requests and answers were checked during the current test. */
  checked: { requests: number; responses: number };
  /** Violations seen in the current test (they fail it in afterEach). */
  violations: Violation[];
}

/** Starts the file's msw server for `system` at `baseURL`, checking the contract on every exchange. */
export function contractServer(system: VendorSystem, baseURL: string, ...handlers: RequestHandler[]): ContractServer {
  const recording = recordingServer(...handlers);
  const root = findVendorSchemas(fileURLToPath(new URL('.', import.meta.url)));
  const basePath = new URL(baseURL).pathname.replace(/\/$/, '');
  const contract = root ? loadVendorContract(system, root, basePath) : undefined;
  const checked = { requests: 0, responses: 0 };
  const violations: Violation[] = [];
  const pending: Promise<void>[] = [];

  if (!contract) {
    // Skipped only where the vendors' schemas are not beside the checkout (they live in ../shared, never in the
    // repo); the test's name says so, so a run without them reports the check as skipped rather than passed.
    it.skip(`${system} requests and mocks against the vendor's published schemas — skipped: no shared/schemas/vendor found above this checkout`, () => {});
  } else {
    recording.server.events.on('request:start', ({ request }) => {
      if (!request.url.startsWith(baseURL)) return;
      const copy = request.clone();
      pending.push(
        copy.text().then((body) => {
          checked.requests += 1;
          violations.push(...contract.checkRequest(request.method, new URL(request.url), request.headers, body));
        }),
      );
    });
    recording.server.events.on('response:mocked', ({ request, response }) => {
      if (!request.url.startsWith(baseURL)) return;
      const copy = response.clone();
      pending.push(
        copy.text().then((text) => {
          checked.responses += 1;
          let body: unknown = text;
          if ((copy.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text);
          violations.push(...contract.checkResponse(request.method, new URL(request.url), copy.status, body));
        }),
      );
    });
    afterEach(async () => {
      // msw reports an answer just after handing it over: let the last reports of the test arrive.
      do {
        await new Promise((resolve) => setTimeout(resolve, 0));
        await Promise.all(pending.splice(0));
      } while (pending.length > 0);
      const seen = violations.splice(0);
      checked.requests = 0;
      checked.responses = 0;
      expect(seen, `requests or answers the published ${system} schemas (${root}) refuse`).toEqual([]);
    });
  }
  return { ...recording, contract, checked, violations };
}
