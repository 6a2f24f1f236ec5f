/**
 * The worker thread of `ill score` (built to dist/ill/score-worker.js; started by ScoreThreads):
 * reads the part of an export it is asked to, and posts back what it found.
 */
import { parentPort } from 'node:worker_threads';
import { compilePurchasePolicy } from '@liaison/core/batch';
import { CsvFormatError } from './read/csv-records.js';
import { readExportPart } from './read/export-part.js';
import { NotUtf8Error } from './read/text-encoding.js';
import type { WorkerError, WorkerReply, WorkerRequest } from './read/score-threads.js';

/** Progress is told after each this many bytes, not after every piece read. */
const progressBytes = 4 << 20;

const port = parentPort!;
const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function handle(request: WorkerRequest): Promise<void> {
  let told = 0;
  const part = await readExportPart({
    path: request.path,
    evaluator: compilePurchasePolicy(request.policy, { currency: request.currency }),
    asOfDay: request.asOfDay,
    start: request.start,
    end: request.end,
    columns: request.columns,
    columnNames: request.columnNames,
    collectBuyCandidates: request.collectBuyCandidates,
    dialect: request.dialect,
    dateOrder: request.dateOrder,
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
    part.titles.kinds.buffer, part.titles.numbers.buffer, part.titles.pairs.buffer, part.firstOffsetOfTitle.buffer,
  ] as ArrayBuffer[]);
}

port.on('message', (request: WorkerRequest) => {
  handle(request).catch((error: unknown) => {
    const failure: WorkerError = error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
    if (error instanceof CsvFormatError) failure.line = error.line;
    if (error instanceof NotUtf8Error) failure.byteOffset = error.byteOffset;
    reply({ type: 'error', id: request.id, error: failure });
  });
});
