import { Writable } from 'node:stream';
import type { PurchaseReason } from '@liaison/core';
import { describe, expect, it } from 'vitest';
import type { ScoredRequest } from '../score-export.js';
import { ScoredOutput, csvField, reasonsCell } from './scored-output.js';

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => (chunks.push(Buffer.from(chunk)), done()) });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

const reason = (code: PurchaseReason['code'], message: string, isDeciding = false): PurchaseReason => ({ code, message, isDeciding });
const shared = [reason('too-old', 'Published 2001, outside the 5-year window', true), reason('price-unknown', 'Price unknown')];
const quoted = [reason('excluded-type', 'Document type "Thèse, doctorat" is not bought under the policy', true)];

describe('ScoredOutput as CSV', () => {
  it('writes what the row-by-row formatting gives, across buffers and with shared reasons', async () => {
    const rows: ScoredRequest[] = [];
    for (let i = 0; i < 30_000; i++) {
      const transactionNumber = i % 1000 === 7 ? `T,${i} "é"` : i % 1000 === 8 ? `Ñ-${i}` : String(100_000 + i);
      const reasons = i % 3 === 0 ? quoted : shared;
      // The same reasons array with another score must not take the remembered ending.
      rows.push({ transactionNumber, verdict: 'borrow', score: i % 5 === 0 ? 3 : 4, reasons, demand: 1 });
    }
    const { stream, text } = collector();
    const output = new ScoredOutput(stream, 'csv');
    for (const [index, row] of rows.entries()) {
      output.add(row);
      if (index === 5000) await output.flush(); // then over 1 MiB before the next
    }
    await output.finish();
    const expected =
      'TransactionNumber,verdict,score,reasons\n' +
      rows.map((row) => `${csvField(row.transactionNumber)},${row.verdict},${row.score},${csvField(reasonsCell(row.reasons))}\n`).join('');
    expect(text()).toBe(expected);
  });
});
