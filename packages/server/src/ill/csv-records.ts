/**
 * A streaming CSV reader (RFC 4180: commas, double quotes, "" inside quotes, fields that span
 * lines) that knows the physical line each record starts on and how many fields it had.
 *
 * Why not a library: the fastest JavaScript parser measured (uDSV) assumes every row has the
 * header's column count — a short row swallows the next line — and it does not report line
 * numbers. A request export with a damaged row must name that row's line and go on, so this
 * reader scans with indexOf (the same trick that makes uDSV fast) and keeps lines exact.
 * Text must already be decoded (a stream with setEncoding('utf8')), so a character split across
 * two file chunks is never garbled.
 */
import { createReadStream } from 'node:fs';

/** Called once per record. `fields` is reused for the next record: copy what you keep. */
export type OnRecord = (fields: string[], line: number) => void;

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

const quote = 34; // "
const comma = 44; // ,
const carriageReturn = 13;

/** Parses CSV text pushed in pieces; calls `onRecord` for each complete record. */
export class CsvRecordParser {
  #tail = '';
  #line = 1;
  #isFirstPush = true;
  readonly #fields: string[] = [];
  readonly #onRecord: OnRecord;

  /** Fields whose position is `false` in `wanted` are read past but passed as '' (faster); the caller may fill it in after the header. */
  readonly #wanted: readonly boolean[] | undefined;

  constructor(onRecord: OnRecord, wanted?: readonly boolean[]) {
    this.#onRecord = onRecord;
    this.#wanted = wanted;
  }

  /** Physical line (1 = the first line of the file) that the next record starts on. */
  get line(): number {
    return this.#line;
  }

  /** Parses as many whole records as `text` (after what was left over) holds. */
  push(text: string): void {
    if (this.#isFirstPush) {
      this.#isFirstPush = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 byte-order mark
    }
    const input = this.#tail.length > 0 ? this.#tail + text : text;
    this.#tail = input.slice(this.#parse(input, false));
    // Only an unclosed quote makes a record this long; stop before it eats the whole file.
    if (this.#tail.length > maxRecordLength) {
      throw new CsvFormatError(
        `line ${this.#line}: a quoted field is never closed (over ${maxRecordLength / (1 << 20)} MiB without its closing quote); check the quotes on that line`,
        this.#line,
      );
    }
  }

  /** Parses what is left at the end of the input (a last line without a line break). */
  finish(): void {
    if (this.#tail.length > 0) this.#parse(this.#tail, true);
    this.#tail = '';
  }

  /** Parses records from `input`; returns the offset of the first record not complete in it. */
  #parse(input: string, isEnd: boolean): number {
    const fields = this.#fields;
    const wanted = this.#wanted;
    const length = input.length;
    let recordStart = 0;
    while (recordStart < length) {
      let position = recordStart;
      let lineEnd = input.indexOf('\n', position);
      if (lineEnd === -1) {
        if (!isEnd) return recordStart;
        lineEnd = length;
      }
      // A blank line holds no record; it still counts as a line.
      if (lineEnd === position || (lineEnd === position + 1 && input.charCodeAt(position) === carriageReturn)) {
        this.#line += 1;
        recordStart = lineEnd + 1;
        continue;
      }
      let fieldCount = 0;
      let extraLines = 0;
      let isComplete = true;
      for (;;) {
        let value: string;
        let next: number; // position just after the field
        if (input.charCodeAt(position) === quote) {
          // Quoted: find the closing quote, skipping "" pairs; newlines inside belong to the field.
          let search = position + 1;
          let hasEscapedQuote = false;
          let close = -1;
          for (;;) {
            close = input.indexOf('"', search);
            if (close === -1) break;
            if (input.charCodeAt(close + 1) === quote) {
              hasEscapedQuote = true;
              search = close + 2;
              continue;
            }
            if (close + 1 === length && !isEnd) close = -1; // a "" may be split across chunks
            break;
          }
          if (close === -1) {
            if (!isEnd) {
              isComplete = false;
              break;
            }
            close = length; // an unclosed quote at the end of the file runs to the end
          }
          for (let nl = input.indexOf('\n', position); nl !== -1 && nl < close; nl = input.indexOf('\n', nl + 1)) extraLines += 1;
          const isWanted = wanted?.[fieldCount] !== false;
          value = isWanted ? input.slice(position + 1, close) : '';
          if (hasEscapedQuote && isWanted) value = value.replaceAll('""', '"');
          next = close + 1;
          if (next > lineEnd) {
            lineEnd = input.indexOf('\n', next);
            if (lineEnd === -1) {
              if (!isEnd) {
                isComplete = false;
                break;
              }
              lineEnd = length;
            }
          }
          // Text after the closing quote (`"a"b`) is kept, as spreadsheets do.
          const commaAfter = input.indexOf(',', next);
          const stop = commaAfter !== -1 && commaAfter < lineEnd ? commaAfter : lineEnd;
          if (stop > next) {
            let end = stop;
            if (stop === lineEnd && input.charCodeAt(end - 1) === carriageReturn) end -= 1;
            if (end > next && wanted?.[fieldCount] !== false) value += input.slice(next, end);
          }
          next = stop;
        } else {
          const commaAt = input.indexOf(',', position);
          if (commaAt !== -1 && commaAt < lineEnd) {
            value = wanted?.[fieldCount] !== false ? input.slice(position, commaAt) : '';
            next = commaAt;
          } else {
            const end = lineEnd > position && input.charCodeAt(lineEnd - 1) === carriageReturn ? lineEnd - 1 : lineEnd;
            value = wanted?.[fieldCount] !== false ? input.slice(position, end) : '';
            next = lineEnd;
          }
        }
        fields[fieldCount++] = value;
        if (next < length && input.charCodeAt(next) === comma) {
          position = next + 1;
          if (position === lineEnd || (position + 1 === lineEnd && input.charCodeAt(position) === carriageReturn)) {
            fields[fieldCount++] = ''; // a trailing comma ends with an empty field
            next = lineEnd;
          } else continue;
        }
        // The record ends at a line break (or the end of the input).
        fields.length = fieldCount;
        this.#onRecord(fields, this.#line);
        this.#line += 1 + extraLines;
        recordStart = next + 1;
        break;
      }
      if (!isComplete) return recordStart;
    }
    return length;
  }
}

/** Options for reading a file: chunk size in bytes and a callback with bytes read so far. */
export interface ReadCsvOptions {
  /** Bytes per read; small values are for tests of chunk boundaries. Default 1 MiB. */
  highWaterMark?: number;
  onProgress?: (bytesRead: number) => void;
  /** Awaited after the records of each chunk, so a consumer can wait for its output to drain. */
  afterChunk?: () => Promise<void>;
  /** Field positions set to `false` here are read past and passed as ''; may be filled in once the header is known. */
  wanted?: readonly boolean[];
}

/** Streams a CSV file record by record; resolves when the whole file has been read. */
export async function readCsvFile(path: string, onRecord: OnRecord, options: ReadCsvOptions = {}): Promise<void> {
  const stream = createReadStream(path, { highWaterMark: options.highWaterMark ?? 1 << 20 });
  // Decode the stream, not each chunk: a character split across two chunks stays whole.
  stream.setEncoding('utf8');
  const parser = new CsvRecordParser(onRecord, options.wanted);
  for await (const text of stream as AsyncIterable<string>) {
    parser.push(text);
    options.onProgress?.(stream.bytesRead);
    if (options.afterChunk) await options.afterChunk();
  }
  parser.finish();
}
