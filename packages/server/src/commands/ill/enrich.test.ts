import type { BorrowingRequest } from '@liaison/core';
import type { PriceSource } from '@liaison/connectors';
import { describe, expect, it } from 'vitest';
import { createEnricher, enrichConcurrency } from './enrich.js';

const now = () => new Date('2025-06-30T12:00:00Z');

/** A valid ISBN-13 numbered `n`. */
function isbn(n: number): string {
  const twelve = `978030640${String(n).padStart(3, '0')}`;
  const sum = [...twelve].reduce((total, digit, i) => total + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
}

describe('createEnricher', () => {
  it('asks about each book once per run, at most enrichConcurrency at a time, and keeps each fact\'s source and date', async () => {
    let asking = 0;
    let mostAtOnce = 0;
    const asked: string[][] = [];
    const prices: PriceSource = {
      system: 'GOBI price file',
      async priceOf(isbns) {
        asked.push(isbns);
        asking++;
        mostAtOnce = Math.max(mostAtOnce, asking);
        await new Promise((done) => setTimeout(done, 5));
        asking--;
        return { price: { value: 40, currency: 'USD', source: 'GOBI price file', asOf: '2025-06-01T00:00:00.000Z' }, available: { value: true, source: 'GOBI price file' } };
      },
    };
    const { enrich, tally } = createEnricher({ prices: [prices] }, { now });
    const books = Array.from({ length: 30 }, (_, n) => isbn(n));
    const requests: BorrowingRequest[] = [...books, ...books].map((written, i) => ({ TransactionNumber: String(i), RequestType: 'Loan', ISSN: written, LoanTitle: `Book ${written}` }));
    const facts = await Promise.all(requests.map((request) => enrich(request, {})));
    expect(mostAtOnce).toBe(enrichConcurrency);
    expect(tally).toMatchObject({ books: 30, reused: 30 });
    // Each book asked once.
    expect(asked.map((isbns) => isbns.join()).sort()).toEqual([...books].sort());
    expect(facts.every((fact) => fact.price?.value === 40 && fact.price.source === 'GOBI price file' && fact.price.asOf !== undefined)).toBe(true);
  });

  it('lets a fact the export states win over a looked-up one', async () => {
    const prices: PriceSource = { system: 'vendor', priceOf: async () => ({ price: { value: 99, currency: 'USD', source: 'vendor' } }) };
    const { enrich } = createEnricher({ prices: [prices] }, { now });
    const facts = await enrich({ TransactionNumber: '1', RequestType: 'Loan', ISSN: '9780306406157' }, { price: { value: 12, source: 'export (Price)' } });
    expect(facts.price).toEqual({ value: 12, source: 'export (Price)' });
  });
});
