/**
 * Writes scored requests as CSV or JSON, a chunk at a time, waiting for the destination to
 * drain so a million rows never pile up in memory.
 */
import { once } from 'node:events';
import type { Reason } from '@liaison/core';
import type { ScoredRequest } from '../score-export.js';

export type OutputFormat = 'csv' | 'json';

/**
 * True when a spreadsheet would read a cell starting so as a formula ("=", "+", "-", "@") or
 * strip a leading tab or carriage return that hides one (OWASP, CSV injection).
 */
function looksLikeFormula(value: string): boolean {
  const first = value.charCodeAt(0);
  return first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13;
}

/**
 * A CSV field: quoted when it holds a comma, quote or line break (RFC 4180), and with a leading
 * "'" when it starts as a formula would, so Excel or LibreOffice shows the text instead of
 * running it (OWASP's advice for CSV injection). An export's cells are the patrons' and staff's
 * typing, and staff open this file in a spreadsheet.
 */
export function csvField(value: string): string {
  const text = looksLikeFormula(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Reasons as one CSV cell: "code: message" joined with " | ". */
export function reasonsCell(reasons: readonly Reason[]): string {
  return reasons.map((reason) => `${reason.code}: ${reason.message}`).join(' | ');
}

/** Bytes of output collected before a new buffer is started. */
const bufferBytes = 1 << 20;
/** Sentences remembered as bytes per reason code; past this, new ones are encoded each time. */
const rememberedPerCode = 20_000;

/** One reason as it is written inside the reasons cell: "code: message", quotes doubled, as UTF-8. */
interface ReasonBytes {
  message: string;
  bytes: Buffer;
  /** It holds a comma, quote or line break, so the whole cell must be quoted. */
  needsQuotes: boolean;
}

const separatorBytes = Buffer.from(' | ');
const verdictIndex: Partial<Record<string, number>> = { buy: 0, review: 1, borrow: 2, owned: 3, free: 4 };

/**
 * Collects output and hands it to `stream`, awaiting 'drain' when the stream asks to wait.
 * CSV is assembled as bytes: a batch repeats the same sentences (most messages are remembered
 * strings), so each reason is encoded once and a row costs copies of bytes rather than new
 * strings to build, join, quote and encode.
 */
export class ScoredOutput {
  #text = '';
  #rows = 0;
  /** The first error of the stream: nothing more is written after it. */
  #failure: Error | null = null;
  readonly #stream: NodeJS.WritableStream;
  readonly #format: OutputFormat;
  /** Per reason code: the bytes of its last sentence, and of the sentences remembered. */
  readonly #lastOfCode = new Map<string, ReasonBytes>();
  readonly #rememberedOfCode = new Map<string, Map<string, ReasonBytes>>();
  /** ",verdict,score," per verdict and score 0–100, at verdictIndex[verdict] * 101 + score. */
  readonly #middles: (Buffer | undefined)[] = [];
  readonly #pieces: ReasonBytes[] = [];
  /** Filled buffers waiting for `flush`, and the one being filled. */
  #filled: Buffer[] = [];
  #buffer = Buffer.allocUnsafe(bufferBytes);
  #used = 0;

  constructor(stream: NodeJS.WritableStream, format: OutputFormat) {
    this.#stream = stream;
    this.#format = format;
    stream.on('error', (error: Error) => (this.#failure ??= error));
    if (format === 'csv') this.#append(Buffer.from('TransactionNumber,verdict,score,reasons\n'));
    else this.#text = '[';
  }

  /** Adds one scored request. */
  add(scored: ScoredRequest): void {
    if (this.#format === 'csv') {
      this.#appendTransactionNumber(scored.transactionNumber);
      const score = scored.score;
      const verdict = verdictIndex[scored.verdict];
      if (verdict !== undefined && Number.isInteger(score) && score >= 0 && score <= 100) {
        const at = verdict * 101 + score;
        this.#append((this.#middles[at] ??= Buffer.from(`,${scored.verdict},${score},`)));
      } else {
        this.#append(Buffer.from(`,${scored.verdict},${score},`));
      }
      this.#appendReasons(scored.reasons);
      this.#appendByte(10); // "\n"
    } else {
      const row = {
        TransactionNumber: scored.transactionNumber,
        verdict: scored.verdict,
        score: scored.score,
        reasons: scored.reasons.map(({ code, message }) => ({ code, message })),
      };
      this.#text += (this.#rows === 0 ? '\n' : ',\n') + JSON.stringify(row);
    }
    this.#rows += 1;
  }

  /** Writes what has been added; resolves when the stream can take more. */
  async flush(): Promise<void> {
    if (this.#failure) throw this.#failure;
    let chunk: Buffer | string;
    if (this.#format === 'csv') {
      if (this.#used > 0) {
        this.#filled.push(this.#buffer.subarray(0, this.#used));
        // The stream may hold on to what it was given, so the next rows go to a new buffer.
        this.#buffer = Buffer.allocUnsafe(bufferBytes);
        this.#used = 0;
      }
      if (this.#filled.length === 0) return;
      chunk = this.#filled.length === 1 ? this.#filled[0]! : Buffer.concat(this.#filled);
      this.#filled = [];
    } else {
      if (this.#text === '') return;
      chunk = this.#text;
      this.#text = '';
    }
    // once() rejects if the stream fails while it waits (a closed pipe never drains).
    if (!this.#stream.write(chunk)) await once(this.#stream, 'drain');
  }

  /** Closes the JSON array and writes the rest. */
  async finish(): Promise<void> {
    if (this.#format === 'json') this.#text += this.#rows === 0 ? ']\n' : '\n]\n';
    await this.flush();
  }

  /** Room for `bytes` more bytes in the buffer being filled. */
  #reserve(bytes: number): void {
    if (this.#used + bytes <= this.#buffer.length) return;
    if (this.#used > 0) this.#filled.push(this.#buffer.subarray(0, this.#used));
    this.#buffer = Buffer.allocUnsafe(Math.max(bufferBytes, bytes));
    this.#used = 0;
  }

  #append(bytes: Buffer): void {
    this.#reserve(bytes.length);
    // TypedArray set, not Buffer copy: the latter's checks cost more than a short copy itself.
    this.#buffer.set(bytes, this.#used);
    this.#used += bytes.length;
  }

  /** The reasons cell: reasonsCell(reasons), quoted as csvField quotes it. */
  #appendReasons(reasons: readonly Reason[]): void {
    const pieces = this.#pieces; // reused: entries past reasons.length are stale
    const count = reasons.length;
    let needsQuotes = false;
    for (let i = 0; i < count; i++) {
      const piece = this.#bytesOf(reasons[i]!);
      if (piece.needsQuotes) needsQuotes = true;
      pieces[i] = piece;
    }
    // Quotes doubled in each piece are the quotes doubled in the whole cell.
    if (needsQuotes) this.#appendByte(34);
    for (let i = 0; i < count; i++) {
      if (i > 0) this.#append(separatorBytes);
      this.#append(pieces[i]!.bytes);
    }
    if (needsQuotes) this.#appendByte(34);
  }

  /** A reason's bytes: most messages are the same string as the last of their code, or remembered. */
  #bytesOf(reason: Reason): ReasonBytes {
    const { code, message } = reason;
    const last = this.#lastOfCode.get(code);
    if (last !== undefined && last.message === message) return last;
    let remembered = this.#rememberedOfCode.get(code);
    if (remembered === undefined) {
      remembered = new Map();
      this.#rememberedOfCode.set(code, remembered);
    }
    let piece = remembered.get(message);
    if (piece === undefined) {
      const text = `${code}: ${message}`;
      piece = { message, bytes: Buffer.from(text.replaceAll('"', '""')), needsQuotes: /[",\r\n]/.test(text) };
      // A code whose sentences rarely repeat (one per price, say) stops being remembered, so
      // memory stays flat; its sentences are then encoded each time.
      if (remembered.size < rememberedPerCode) remembered.set(message, piece);
    }
    this.#lastOfCode.set(code, piece);
    return piece;
  }

  #appendByte(byte: number): void {
    this.#reserve(1);
    this.#buffer[this.#used++] = byte;
  }

  #appendTransactionNumber(transactionNumber: string): void {
    const length = transactionNumber.length;
    if (looksLikeFormula(transactionNumber)) {
      this.#append(Buffer.from(csvField(transactionNumber)));
      return;
    }
    this.#reserve(length);
    const buffer = this.#buffer;
    let at = this.#used;
    for (let i = 0; i < length; i++) {
      const code = transactionNumber.charCodeAt(i);
      // Plain ASCII without anything CSV must quote, as transaction numbers almost always are.
      if (code >= 128 || code === 44 || code === 34 || code === 10 || code === 13) {
        this.#append(Buffer.from(csvField(transactionNumber)));
        return;
      }
      buffer[at++] = code;
    }
    this.#used = at;
  }
}
