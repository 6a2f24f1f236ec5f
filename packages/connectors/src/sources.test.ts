import { describe, expect, it } from 'vitest';
import type { BorrowingRequest } from '@liaison/core';
import { gatherPurchaseFacts, type HoldingsSource, type OpenAccessSource, type PriceSource } from './sources.js';
import { ConnectorError } from './errors.js';

const now = () => new Date('2025-03-10T12:00:00Z');
const request: BorrowingRequest = {
  TransactionNumber: '482133',
  RequestType: 'Loan',
  LoanTitle: 'Rivers of Memory',
  ISSN: '0-306-40615-2 (pbk.)',
  ESPNumber: '(OCoLC)123456789',
};

const timedOut = (system: string) =>
  new ConnectorError({ code: 'connector_timeout', system, call: 'GET /holdings', failure: 'timed out after 8 s' });

function holdings(system: string, answer: () => Promise<boolean | undefined>, seen: unknown[] = []): HoldingsSource {
  return {
    system,
    async isHeld(ids) {
      seen.push(ids);
      const value = await answer();
      return value === undefined ? undefined : { value, source: system, asOf: '2025-03-10T11:59:00Z' };
    },
  };
}
function prices(system: string, answer: () => Promise<number | undefined>, asked: string[]): PriceSource {
  return {
    system,
    async priceOf() {
      asked.push(system);
      const value = await answer();
      return value === undefined ? undefined : { price: { value, currency: 'USD', source: system } };
    },
  };
}
const openAccess = (system: string, answer: () => Promise<string | undefined>): OpenAccessSource => ({
  system,
  async findOpenCopy() {
    const url = await answer();
    return url ? { value: { url }, source: system } : undefined;
  },
});

describe('gatherPurchaseFacts', () => {
  it('asks each kind of source with the request\'s ISBN-13s and OCLC number', async () => {
    const seen: unknown[] = [];
    const { facts, missing } = await gatherPurchaseFacts(
      request,
      { holdings: [holdings('FOLIO', async () => false, seen)], prices: [prices('Vendor', async () => 42.5, [])] },
      { now },
    );
    expect(seen).toEqual([{ isbns: ['9780306406157'], oclcNumber: '123456789' }]);
    expect(facts.held).toEqual({ value: false, source: 'FOLIO', asOf: '2025-03-10T11:59:00Z' });
    // A fact without its own date is dated when it was gathered.
    expect(facts.price).toEqual({ value: 42.5, currency: 'USD', source: 'Vendor', asOf: '2025-03-10T12:00:00.000Z' });
    expect(missing).toEqual([]);
  });

  it('still answers from the other sources when one throws, and names the one that failed', async () => {
    const errors: string[] = [];
    const { facts, missing } = await gatherPurchaseFacts(
      request,
      {
        holdings: [holdings('FOLIO', () => Promise.reject(timedOut('FOLIO')))],
        prices: [prices('Vendor', async () => 42.5, [])],
        openAccess: [openAccess('Unpaywall', async () => 'https://oa.example.org/1')],
      },
      { now, onError: (source) => errors.push(source) },
    );
    expect(facts.held).toBeUndefined();
    expect(facts.price?.value).toBe(42.5);
    expect(facts.openAccess?.value.url).toBe('https://oa.example.org/1');
    expect(missing).toEqual([{ source: 'FOLIO', reason: 'FOLIO GET /holdings: timed out after 8 s' }]);
    expect(errors).toEqual(['FOLIO']);
  });

  it('does not repeat the message of an unexpected error, which may quote patron data', async () => {
    const { missing } = await gatherPurchaseFacts(
      request,
      { openAccess: [openAccess('Unpaywall', () => Promise.reject(new TypeError('bad URL ?email=a@northfield.edu')))] },
      { now },
    );
    expect(missing).toEqual([{ source: 'Unpaywall', reason: 'failed unexpectedly (TypeError)' }]);
  });

  it('takes price and availability each from the first vendor that knows it, and stops when both are known', async () => {
    const asked: string[] = [];
    const onlyStock: PriceSource = {
      system: 'Google Books',
      async priceOf() {
        asked.push('Google Books');
        return { available: { value: true, source: 'Google Books (e-book)', asOf: '2025-03-09T00:00:00Z' } };
      },
    };
    const { facts } = await gatherPurchaseFacts(
      request,
      { prices: [prices('Price file', async () => 30, asked), onlyStock, prices('Never', async () => 1, asked)] },
      { now },
    );
    expect(asked).toEqual(['Price file', 'Google Books']);
    expect(facts.price).toEqual({ value: 30, currency: 'USD', source: 'Price file', asOf: '2025-03-10T12:00:00.000Z' });
    expect(facts.available).toEqual({ value: true, source: 'Google Books (e-book)', asOf: '2025-03-09T00:00:00Z' });
  });

  it('asks price sources in order and stops at the first that answers', async () => {
    const asked: string[] = [];
    const { facts, missing } = await gatherPurchaseFacts(
      request,
      {
        prices: [
          prices('GOBI', async () => undefined, asked),
          prices('Amazon', () => Promise.reject(timedOut('Amazon')), asked),
          prices('Baker', async () => 30, asked),
          prices('Stock', async () => 1, asked),
        ],
      },
      { now },
    );
    // Baker knows the price but not the stock, so the next vendor is asked only for that.
    expect(asked).toEqual(['GOBI', 'Amazon', 'Baker', 'Stock']);
    expect(facts.price?.value).toBe(30);
    // The vendor that failed was replaced by one that answered: nothing is missing.
    expect(missing).toEqual([]);
  });

  it('names failed vendors when no vendor answered', async () => {
    const { facts, missing } = await gatherPurchaseFacts(
      request,
      { prices: [prices('GOBI', () => Promise.reject(timedOut('GOBI')), []), prices('Baker', async () => undefined, [])] },
      { now },
    );
    expect(facts.price).toBeUndefined();
    expect(missing.map((entry) => entry.source)).toEqual(['GOBI']);
  });

  it('counts one holding system that holds the title over others that do not', async () => {
    const { facts } = await gatherPurchaseFacts(
      request,
      { holdings: [holdings('FOLIO', async () => false), holdings('Consortium', async () => true)] },
      { now },
    );
    expect(facts.held?.value).toBe(true);
    expect(facts.held?.source).toBe('Consortium');
  });

  it('asks the sources at the same time, not one after another', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const slow = async <T>(value: T) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running -= 1;
      return value;
    };
    await gatherPurchaseFacts(
      request,
      {
        holdings: [holdings('FOLIO', () => slow(false))],
        prices: [prices('Vendor', () => slow(10), [])],
        openAccess: [openAccess('Unpaywall', () => slow(undefined))],
      },
      { now },
    );
    expect(mostAtOnce).toBe(3);
  });

  it('asks nothing that needs an ISBN when the request has none', async () => {
    const asked: string[] = [];
    const seen: unknown[] = [];
    const article: BorrowingRequest = { TransactionNumber: '9', RequestType: 'Article', PhotoArticleTitle: 'Tides', DOI: '10.5555/x.1' };
    let openAccessAskedWith: unknown;
    const { facts } = await gatherPurchaseFacts(
      article,
      {
        holdings: [holdings('FOLIO', async () => true, seen)],
        prices: [prices('Vendor', async () => 10, asked)],
        openAccess: [
          {
            system: 'Unpaywall',
            async findOpenCopy(work) {
              openAccessAskedWith = work;
              return { value: { url: 'https://oa.example.org/tides' }, source: 'Unpaywall' };
            },
          },
        ],
      },
      { now },
    );
    expect(seen).toEqual([]);
    expect(asked).toEqual([]);
    expect(openAccessAskedWith).toEqual({ isbns: [], doi: '10.5555/x.1', title: 'Tides' });
    expect(facts).toEqual({ openAccess: { value: { url: 'https://oa.example.org/tides' }, source: 'Unpaywall', asOf: '2025-03-10T12:00:00.000Z' } });
  });
});
