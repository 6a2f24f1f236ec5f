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

describe('CSV cells a spreadsheet would run as formulas', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['700123', '700123'],
    ['A=1', 'A=1'],
  ])('%j is written %j (a leading \' as OWASP advises)', async (transactionNumber, written) => {
    expect(csvField(transactionNumber)).toBe(written);
    const { stream, text } = collector();
    const output = new ScoredOutput(stream, 'csv');
    output.add({ transactionNumber, verdict: 'borrow', score: 4, reasons: shared, demand: 1 });
    await output.finish();
    expect(text().split('\n')[1]!.startsWith(`${written},borrow,4,`)).toBe(true);
  });
});
