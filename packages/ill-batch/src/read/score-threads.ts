/**
 * Worker threads for `ill score` on a large file: each reads a part of the export
 * (readExportPart) and hands back its rows as numbers in typed arrays (moved, not copied). The
 * threads run the built worker (dist/score-worker.js); without it, the calling thread reads.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DateOrder, ExportColumnNames, PurchasePolicy } from '@liaison/core';
import type { CsvDialect } from './csv-dialect.js';
import { CsvFormatError } from './csv-records.js';
import type { ColumnIndex } from './export-columns.js';
import type { ExportPart } from './export-part.js';
import { ExportFormatError } from './export-part.js';
import { NotUtf8Error } from './text-encoding.js';

/** What a worker is asked to do: read a part of an export. */
export interface WorkerRequest {
  type: 'read';
  id: number;
  path: string;
  policy: PurchasePolicy;
  currency: string;
  asOfDay: number;
  start: number;
  end: number | undefined;
  columns: ColumnIndex | undefined;
  columnNames: ExportColumnNames | undefined;
  collectBuyCandidates: boolean;
  dialect: CsvDialect;
  dateOrder: DateOrder;
}

/** An error as it crosses from a worker. */
export interface WorkerError {
  name: string;
  message: string;
  line?: number;
  byteOffset?: number;
}

/** What a worker answers, with the id of the request. */
export type WorkerReply =
  | { type: 'progress'; id: number; bytesRead: number; records: number }
  | { type: 'read'; id: number; part: ExportPart }
  | { type: 'error'; id: number; error: WorkerError };

/** The error a worker reported, as the class the calling code handles. */
function errorFrom(error: WorkerError): Error {
  if (error.name === 'CsvFormatError') return new CsvFormatError(error.message, error.line ?? 0);
  if (error.name === 'ExportFormatError') return new ExportFormatError(error.message);
  if (error.name === 'NotUtf8Error') return new NotUtf8Error(error.byteOffset ?? 0);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

/** The built worker script: next to the bundle that imports this, or in dist/ when run from src/ (tests). */
function workerScript(): URL | null {
  for (const candidate of ['./score-worker.js', '../../dist/score-worker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

interface Pending {
  resolve: (reply: WorkerReply) => void;
  reject: (error: Error) => void;
  onProgress?: (bytesRead: number, records: number) => void;
}

/** A few worker threads, each taking requests in turn. */
export class ScoreThreads {
  readonly #workers: Worker[];
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  private constructor(script: URL, count: number) {
    this.#workers = Array.from({ length: count }, () => {
      const worker = new Worker(script);
      worker.on('message', (reply: WorkerReply) => this.#answer(reply));
      // A worker that dies takes every request with it: fail them all rather than wait forever.
      worker.on('error', (error) => this.#failAll(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.#failAll(new Error(`an ill score worker thread stopped (exit code ${code})`));
      });
      return worker;
    });
  }

  /** `count` threads, or null when the worker script is not built. */
  static open(count: number): ScoreThreads | null {
    const script = workerScript();
    return script === null ? null : new ScoreThreads(script, count);
  }

  get count(): number {
    return this.#workers.length;
  }

  /** Reads a part of the export in thread `index`. */
  async read(
    index: number,
    request: Omit<WorkerRequest, 'type' | 'id'>,
    onProgress?: (bytesRead: number, records: number) => void,
  ): Promise<ExportPart> {
    const reply = await this.#call(index, { type: 'read', id: 0, ...request }, onProgress);
    return (reply as Extract<WorkerReply, { type: 'read' }>).part;
  }

  /** Stops the threads. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }

  #call(index: number, request: WorkerRequest, onProgress?: (bytesRead: number, records: number) => void): Promise<WorkerReply> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      this.#workers[index]!.postMessage({ ...request, id });
    });
  }

  #answer(reply: WorkerReply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    if (reply.type === 'progress') return pending.onProgress?.(reply.bytesRead, reply.records);
    this.#pending.delete(reply.id);
    if (reply.type === 'error') pending.reject(errorFrom(reply.error));
    else pending.resolve(reply);
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
