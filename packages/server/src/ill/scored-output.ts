/**
 * Writes scored requests as CSV or JSON, a chunk at a time, waiting for the destination to
 * drain so a million rows never pile up in memory.
 */
import type { Reason } from '@liaison/core';
import type { ScoredRequest } from './score-export.js';

export type OutputFormat = 'csv' | 'json';

/** Quotes a CSV field when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Reasons as one CSV cell: "code: message" joined with " | ". */
export function reasonsCell(reasons: readonly Reason[]): string {
  return reasons.map((reason) => `${reason.code}: ${reason.message}`).join(' | ');
}

/** Collects text and hands it to `stream`, awaiting 'drain' when the stream asks to wait. */
export class ScoredOutput {
  #buffer = '';
  #rows = 0;
  /** The reasons cell of each reasons array seen: rows with the same judgement share one array. */
  #cells = new WeakMap<readonly Reason[], string>();
  readonly #stream: NodeJS.WritableStream;
  readonly #format: OutputFormat;

  constructor(stream: NodeJS.WritableStream, format: OutputFormat) {
    this.#stream = stream;
    this.#format = format;
    this.#buffer = format === 'csv' ? 'TransactionNumber,verdict,score,reasons\n' : '[';
  }

  /** Adds one scored request. */
  add(scored: ScoredRequest): void {
    if (this.#format === 'csv') {
      let cell = this.#cells.get(scored.reasons);
      if (cell === undefined) {
        cell = csvField(reasonsCell(scored.reasons));
        this.#cells.set(scored.reasons, cell);
      }
      this.#buffer += `${csvField(scored.transactionNumber)},${scored.verdict},${scored.score},${cell}\n`;
    } else {
      const row = {
        TransactionNumber: scored.transactionNumber,
        verdict: scored.verdict,
        score: scored.score,
        reasons: scored.reasons.map(({ code, message }) => ({ code, message })),
      };
      this.#buffer += (this.#rows === 0 ? '\n' : ',\n') + JSON.stringify(row);
    }
    this.#rows += 1;
  }

  /** Writes what has been added; resolves when the stream can take more. */
  async flush(): Promise<void> {
    if (this.#buffer === '') return;
    const text = this.#buffer;
    this.#buffer = '';
    if (!this.#stream.write(text)) await new Promise<void>((resolve) => this.#stream.once('drain', () => resolve()));
  }

  /** Closes the JSON array and writes the rest. */
  async finish(): Promise<void> {
    if (this.#format === 'json') this.#buffer += this.#rows === 0 ? ']\n' : '\n]\n';
    await this.flush();
  }
}
