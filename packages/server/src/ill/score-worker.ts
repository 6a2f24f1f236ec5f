/**
 * The worker thread of `ill score` (built to dist/ill/score-worker.js; started by ScoreThreads):
 * reads parts of an export and judges ranges of rows, as asked, one request at a time.
 */
import { parentPort } from 'node:worker_threads';
import type { PurchaseEvaluator } from '@liaison/core';
import { compilePurchasePolicy } from '@liaison/core/batch';
import { CsvFormatError } from './csv-records.js';
import { readExportPart } from './export-part.js';
import { emptyTally, judgeRows } from './judge-rows.js';
import { RequestTable } from './request-table.js';
import type { WorkerError, WorkerReply, WorkerRequest } from './score-threads.js';
import { ScoredRowEncoder } from './scored-output.js';

/** Progress is told after each this many bytes, not after every piece read. */
const progressBytes = 4 << 20;

const port = parentPort!;
const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

let judging: { table: RequestTable; demandOfRow: Int32Array; evaluator: PurchaseEvaluator; asOfYear: number; encoder: ScoredRowEncoder } | null = null;

async function handle(request: WorkerRequest): Promise<void> {
  if (request.type === 'read') {
    let told = 0;
    const part = await readExportPart({
      path: request.path,
      evaluator: compilePurchasePolicy(request.policy, { currency: request.currency }),
      asOfDay: request.asOfDay,
      start: request.start,
      end: request.end,
      columns: request.columns,
      collectBuyCandidates: request.collectBuyCandidates,
      onProgress: (bytesRead, records) => {
        if (bytesRead - told < progressBytes) return;
        told = bytesRead;
        reply({ type: 'progress', id: request.id, bytesRead, records });
      },
    });
    const { table } = part;
    reply({ type: 'read', id: request.id, part }, [
      table.transactionNumbers.buffer, table.titleIds.buffer, table.days.buffer, table.reasons.buffer,
      table.years.buffer, table.prices.buffer, table.textIds.buffer,
      part.titles.kinds.buffer, part.titles.numbers.buffer, part.firstOffsetOfTitle.buffer,
    ] as ArrayBuffer[]);
  } else if (request.type === 'judge-setup') {
    const evaluator = compilePurchasePolicy(request.policy, { currency: request.currency });
    judging = {
      table: new RequestTable(request.currency, request.table),
      demandOfRow: request.demandOfRow,
      evaluator,
      asOfYear: request.asOfYear,
      encoder: new ScoredRowEncoder(request.format),
    };
    reply({ type: 'judge-setup', id: request.id });
  } else {
    const { table, demandOfRow, evaluator, asOfYear, encoder } = judging!;
    const tally = emptyTally();
    judgeRows(table, demandOfRow, request.from, request.to, evaluator, asOfYear, tally, (scored, row) => encoder.add(scored, row === 0));
    const encoded = encoder.take();
    // A copy of its own, so handing its memory over cannot take a pooled buffer from this thread.
    const bytes = new Uint8Array(encoded?.length ?? 0);
    if (encoded) bytes.set(encoded);
    reply({ type: 'judged', id: request.id, bytes, tally }, [bytes.buffer]);
  }
}

port.on('message', (request: WorkerRequest) => {
  handle(request).catch((error: unknown) => {
    const failure: WorkerError = error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
    if (error instanceof CsvFormatError) failure.line = error.line;
    reply({ type: 'error', id: request.id, error: failure });
  });
});
