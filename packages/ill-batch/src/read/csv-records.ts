/**
 * CSV records of a request export, parsed by Papa Parse, with what a librarian needs to find a
 * bad row: the physical line each record starts on (1 = the first line of the file), and the
 * byte offset of a record so a few rows can be read back later without parsing the file again.
 *
 * Why Papa Parse: measured side by side (bench/ill-score.mjs), uDSV parses faster but is not
 * correct on the files staff export: it assumes every row has the header's column count, so a
 * short row swallows the next line and a long row's extra fields are silently joined into its
 * last column; it drops blank lines and reports no positions, so line numbers cannot be known.
 * Papa Parse keeps ragged rows as they are and reports, per record, the character offset where
 * it ends (`meta.cursor` in step mode), from which the lines are counted here.
 *
 * How Papa Parse is driven: its Parser, fed the decoded text chunk by chunk (one decoder for the
 * whole file, so a character split across two file chunks stays whole); the part of
 * a chunk after its last whole record is carried into the next, as Papa's own streamers do.
 * The line break is always "\n" and a "\r" before it is dropped, so CRLF, LF and mixed files
 * read alike and a line count is a count of "\n".
 */
import { open } from 'node:fs/promises';
import type { ExportEncoding } from '@liaison/core';
import Papa from 'papaparse';
import type { CsvDialect } from './csv-dialect.js';
import { defaultDialect } from './csv-dialect.js';
import { byteLengthIn, pieceDecoder } from './text-encoding.js';

/**
 * Called once per record (blank lines are counted but not passed on). `problem` says when the
 * quotes of the record are malformed, so that it was read across the lines it names; the
 * record should then be treated as bad. `fields` is reused: copy what you keep.
 */
export type OnRecord = (fields: string[], line: number, problem: QuoteProblem | null) => void;

/**
 * A record whose quotes are malformed: a quoted field never closed, or text after a closing
 * quote. Kept as lines, not a sentence, so a part of a file read on its own (whose lines count
 * from its own start) can be told in the file's lines once they are known: see quoteProblemText.
 */
export interface QuoteProblem {
  kind: 'never-closed' | 'text-after-quote';
  /** The line the record starts on and the last line it was read across. */
  line: number;
  lastLine: number;
}

/** What is wrong with the quotes of a record, in lines of the file: `lineShift` lines come before the numbers in `problem`. */
export function quoteProblemText(problem: QuoteProblem, lineShift = 0): string {
  const line = problem.line + lineShift;
  const lastLine = problem.lastLine + lineShift;
  const lineText = lastLine > line ? `lines ${line}–${lastLine} were read as one row` : `line ${line}`;
  return problem.kind === 'never-closed'
    ? `a quoted field is never closed (${lineText}); check the quotes`
    : `a quoted field has text after its closing quote (${lineText}); check the quotes`;
}

/** A record longer than this (in characters) means a quote was never closed. */
const maxRecordLength = 16 << 20;

/** The file cannot be read as CSV past some line. */
export class CsvFormatError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'CsvFormatError';
    this.line = line;
  }
}

const newline = 10;
const carriageReturn = 13;

/** Parses CSV text pushed in pieces; calls `onRecord` for each complete record. */
export class CsvRecordParser {
  readonly #onRecord: OnRecord;
  readonly #parser: Papa.Parser;
  #text = '';
  /** Offset of #text[0] in the whole input, in characters. */
  #textStart = 0;
  /** Where the record being passed on starts and ends, in characters of the whole input. */
  #recordStart = 0;
  #recordEnd = 0;
  /** A known pair of positions, in characters and in UTF-8 bytes, at or before #recordStart. */
  #anchorCharacter = 0;
  #anchorByte = 0;
  #line = 1;
  #isFirstPush = true;
  readonly #byteLength: (text: string) => number;

  /**
   * `startByte`: where in the file the text pushed begins (at the start of a record), so byte
   * offsets count from the file's start; a part of a file read on its own starts past 0, and
   * only the file's own start may hold a byte-order mark. `dialect`: the file's delimiter, and
   * its encoding for the bytes a record takes (default: commas, UTF-8).
   */
  constructor(onRecord: OnRecord, { startByte = 0, dialect = defaultDialect }: { startByte?: number; dialect?: CsvDialect } = {}) {
    this.#onRecord = onRecord;
    this.#anchorByte = startByte;
    this.#isFirstPush = startByte === 0;
    this.#byteLength = byteLengthIn(dialect.encoding);
    this.#parser = new Papa.Parser({ delimiter: dialect.delimiter, newline: '\n', quoteChar: '"', step: (results) => this.#step(results) });
  }

  /** Physical line (1 = the first line of the file) that the next record starts on. */
  get line(): number {
    return this.#line;
  }

  /** Byte offset in the file of the record being passed to `onRecord` (call it from there). */
  recordByteOffset(): number {
    const from = this.#anchorCharacter - this.#textStart;
    const to = this.#recordStart - this.#textStart;
    if (to > from) this.#anchorByte += this.#byteLength(this.#text.slice(from, to));
    this.#anchorCharacter = this.#recordStart;
    return this.#anchorByte;
  }

  /** Parses as many whole records as `text` (after what was left over) holds. */
  push(text: string): void {
    if (this.#isFirstPush) {
      this.#isFirstPush = false;
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1); // a byte-order mark: bytes, but no character of the text
        this.#anchorByte = this.#byteLength('\ufeff');
      }
    }
    this.#text = this.#text.length > 0 ? this.#text + text : text;
    const consumed = this.#parse(true);
    // Keep the byte anchor inside the text that is kept.
    const keptFrom = this.#textStart + consumed;
    if (keptFrom > this.#anchorCharacter) {
      this.#anchorByte += this.#byteLength(this.#text.slice(this.#anchorCharacter - this.#textStart, consumed));
      this.#anchorCharacter = keptFrom;
    }
    this.#text = this.#text.slice(consumed);
    this.#textStart = keptFrom;
    // Only an unclosed quote makes a record this long; stop before it eats the whole file.
    if (this.#text.length > maxRecordLength) {
      throw new CsvFormatError(
        `line ${this.#line}: a quoted field is never closed (over ${maxRecordLength / (1 << 20)} MiB without its closing quote); check the quotes on that line`,
        this.#line,
      );
    }
  }

  /** Parses what is left at the end of the input (a last line without a line break). */
  finish(): void {
    if (this.#text.length > 0) this.#parse(false);
    this.#textStart += this.#text.length;
    this.#text = '';
  }

  /** Runs Papa's parser over #text; returns how many characters of it were whole records. */
  #parse(isMoreToCome: boolean): number {
    this.#recordEnd = this.#textStart;
    const results = this.#parser.parse(this.#text, this.#textStart, isMoreToCome) as Papa.ParseResult<string[]>;
    return results.meta.cursor - this.#textStart;
  }

  #step(results: Papa.ParseStepResult<string[]>): void {
    // Papa's bare Parser passes the rows parsed since the last step: here always one.
    const fields = (results.data as unknown as string[][])[0]!;
    const start = this.#recordEnd;
    const end = results.meta.cursor;
    this.#recordStart = start;
    this.#recordEnd = end;
    const line = this.#line;
    // Lines the record spans: its own line break, and any inside quoted fields.
    const text = this.#text;
    const to = end - this.#textStart;
    let at = text.indexOf('\n', start - this.#textStart);
    let lines = 0;
    if (at === to - 1) lines = 1;
    else {
      while (at !== -1 && at < to) {
        lines++;
        at = text.indexOf('\n', at + 1);
      }
    }
    this.#line += lines;
    // A CRLF file leaves "\r" on the last field (Papa splits on "\n" here).
    const last = fields.length - 1;
    const lastField = fields[last]!;
    if (lastField.charCodeAt(lastField.length - 1) === carriageReturn && text.charCodeAt(to - 1) === newline) {
      fields[last] = lastField.slice(0, -1);
    }
    if (last === 0 && fields[0] === '') return; // a blank line: counted, holds no record
    let problem: QuoteProblem | null = null;
    if (results.errors.length > 0) {
      const lastLine = Math.max(line, this.#line - (text.charCodeAt(to - 1) === newline ? 1 : 0));
      const kind = results.errors.some((error) => error.code === 'MissingQuotes') ? 'never-closed' : 'text-after-quote';
      problem = { kind, line, lastLine };
    }
    this.#onRecord(fields, line, problem);
  }
}

/** Options for reading a file: chunk size in bytes and a callback with bytes read so far. */
export interface ReadCsvOptions {
  /**
   * Bytes per read; small values are for tests of chunk boundaries. Default 64 KiB: each chunk's
   * text (and the copy made when a leftover line is joined to it) then stays below V8's
   * large-object size and dies young, instead of piling up in the old generation until a full
   * collection; for a million rows this was measured at 90 MB less peak memory and no slower.
   */
  highWaterMark?: number;
  onProgress?: (bytesRead: number) => void;
  /** Awaited after the records of each chunk, so a consumer can wait for its output or look-ups. */
  afterChunk?: () => Promise<void>;
  /**
   * The file's delimiter and text encoding (default: commas, UTF-8); a byte-order mark is not
   * read as text. Bytes that are not UTF-8 in a UTF-8 file stop the read with NotUtf8Error.
   */
  dialect?: CsvDialect;
  /** Called with the parser before reading, e.g. to ask it for byte offsets of records. */
  withParser?: (parser: CsvRecordParser) => void;
  /**
   * Read a part of the file: from byte `start` (the first byte of a record; default 0) to the
   * first record that starts at or after byte `end` (default: the end of the file). Line
   * numbers then count from the part's first line, as line 1.
   */
  start?: number;
  end?: number;
}

/** Where a read stopped: the byte offset of the first record not read, and the lines read before it. */
export interface ReadCsvResult {
  /** UTF-8 byte offset of the first record not read; the file's size when it was read to the end. */
  stoppedAt: number;
  /** Line breaks before `stoppedAt` (from `start`), so the next part's lines can be numbered. */
  lines: number;
}

const defaultChunkBytes = 64 << 10;

/** Reads in flight at once: the next pieces are on their way while one is parsed. */
const readsAhead = 4;

/**
 * The file as text in pieces of `chunkBytes`, with the bytes read so far. The decoder keeps a
 * character split across two pieces whole. A read stream of 64 KiB pieces reads only one piece
 * ahead, and the parser was measured waiting for it; here several reads are in flight.
 */
async function* textPieces(path: string, chunkBytes: number, start: number, encoding: ExportEncoding): AsyncGenerator<{ text: string; bytesRead: number }> {
  const file = await open(path, 'r');
  const reads: Promise<{ bytesRead: number; buffer: Buffer }>[] = [];
  try {
    const decoder = await pieceDecoder(encoding);
    let position = start;
    let isEnd = false;
    const readNext = () => {
      reads.push(file.read(Buffer.allocUnsafe(chunkBytes), 0, chunkBytes, position));
      position += chunkBytes;
    };
    for (let i = 0; i < readsAhead; i++) readNext();
    let bytesRead = 0;
    while (!isEnd) {
      const { bytesRead: count, buffer } = await reads.shift()!;
      // A short read is the end of the file (a regular file is read in full otherwise).
      if (count < chunkBytes) isEnd = true;
      else readNext();
      bytesRead += count;
      const text = decoder.write(buffer.subarray(0, count), start + bytesRead - count);
      if (text !== '') yield { text, bytesRead };
    }
    const rest = decoder.end(start + bytesRead);
    if (rest !== '') yield { text: rest, bytesRead };
  } finally {
    // Reads issued past the end, or past where the reader stopped: none may be pending at close.
    await Promise.allSettled(reads);
    await file.close();
  }
}

/** Streams a CSV file (or a part of it) record by record; resolves when it has been read. */
export async function readCsvFile(path: string, onRecord: OnRecord, options: ReadCsvOptions = {}): Promise<ReadCsvResult> {
  const start = options.start ?? 0;
  const end = options.end ?? Number.POSITIVE_INFINITY;
  let bytesPushed = start;
  let stop: ReadCsvResult | null = null;
  // Records are passed on until one starts at or after `end`; only records in a piece that
  // reaches past `end` can, so only they are asked for their offset.
  const parser: CsvRecordParser = new CsvRecordParser(
    end === Number.POSITIVE_INFINITY
      ? onRecord
      : (fields, line, problem) => {
          if (stop !== null) return;
          if (bytesPushed > end) {
            const offset = parser.recordByteOffset();
            if (offset >= end) {
              stop = { stoppedAt: offset, lines: line - 1 };
              return;
            }
          }
          onRecord(fields, line, problem);
        },
    { startByte: start, dialect: options.dialect },
  );
  options.withParser?.(parser);
  for await (const { text, bytesRead } of textPieces(path, options.highWaterMark ?? defaultChunkBytes, start, (options.dialect ?? defaultDialect).encoding)) {
    bytesPushed = start + bytesRead;
    parser.push(text);
    options.onProgress?.(bytesRead);
    if (options.afterChunk) await options.afterChunk();
    if (stop !== null) return stop;
  }
  parser.finish();
  return stop ?? { stoppedAt: bytesPushed, lines: parser.line - 1 };
}