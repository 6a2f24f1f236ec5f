import { describe, expect, it } from 'vitest';
import type { PatronContext } from '@liaison/core';
import type { ConnectorError } from './errors.js';
import { findPatronAcross } from './patron-lookup.js';
import type { PatronSource } from './sources.js';

const amara: PatronContext = {
  identity: { id: 'ils-1', name: 'Amara Okafor', email: 'amara.okafor@northfield.edu', username: 'aokafor', patronType: 'Graduate' },
  standing: { blocks: [], fines: [], currency: 'USD' },
  loans: [],
  holds: [],
  illRequests: [],
  handoffs: [],
  tickets: [],
  missing: [],
};

const answering: PatronSource = { system: 'FOLIO', findPatron: async () => amara };
/** A system that never answers and ignores the abort signal, like a hung socket. */
const hanging: PatronSource = { system: 'ILLiad', findPatron: () => new Promise<never>(() => undefined) };
/** A system that ends only when aborted, the way the HTTP client does; it records that it was. */
let abortedCalls = 0;
const aborting: PatronSource = {
  system: 'Alma',
  findPatron: (_by, options) =>
    new Promise<never>((_resolve, reject) =>
      options?.signal?.addEventListener('abort', () => {
        abortedCalls++;
        reject(new Error('aborted'));
      }, { once: true }),
    ),
};

describe('findPatronAcross with a deadline per system', () => {
  it('keeps what the others gave and names the system that never answered, as a timeout', async () => {
    const failures: [string, unknown][] = [];
    const found = await findPatronAcross([{ source: answering }, { source: hanging, matchBy: 'username' }], { email: amara.identity.email! }, {
      timeoutMs: 50,
      onError: (system, error) => failures.push([system, error]),
    });
    expect(found.kind).toBe('found');
    expect(found.kind === 'found' && found.context.identity.name).toBe('Amara Okafor');
    expect(found.kind === 'found' && found.context.missing).toEqual([{ source: 'ILLiad', reason: 'ILLiad find patron: did not answer within 0.05 s' }]);
    expect(failures).toHaveLength(1);
    expect((failures[0]![1] as ConnectorError).code).toBe('connector_timeout');
  });

  it('aborts a system\'s calls at its deadline, and calls that "unavailable" when it was the only one', async () => {
    abortedCalls = 0;
    const found = await findPatronAcross([{ source: aborting }], { email: amara.identity.email! }, { timeoutMs: 50 });
    expect(found.kind).toBe('unavailable');
    expect(found.kind === 'unavailable' && found.missing.map((m) => m.source)).toEqual(['Alma']);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(abortedCalls).toBe(1);
  });

  it('gives up quietly when the caller itself went away', async () => {
    const caller = new AbortController();
    const pending = findPatronAcross([{ source: aborting }], { email: amara.identity.email! }, { signal: caller.signal, timeoutMs: 5_000 });
    caller.abort();
    await expect(pending).rejects.toThrow('aborted');
  });
});
