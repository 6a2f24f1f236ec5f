/**
 * The reading half of `ill score`, for a whole export or a part of one (a byte range starting at a
 * record): each good row's title id, creation day and demand-free purchase findings, kept as numbers
 * (RequestTable), and the rows left out. Parts are read apart, in worker threads when the file is
 * large, and joined afterwards; see score-export.ts.
 */
import type { BorrowingRequest, DateOrder, ExportColumnNames, PurchaseEvaluator, PurchaseFacts, PurchaseFindings } from '@liaison/core/batch';
import { civilFromDayNumber, extractIssns, identifierCharacter, parseCreationDate } from '@liaison/core/batch';
import { creationDayOf } from '../judge/creation-day.js';
import type { CsvDialect } from './csv-dialect.js';
import type { CsvRecordParser, QuoteProblem } from './csv-records.js';
import { readCsvFile } from './csv-records.js';
import type { ColumnIndex } from './export-columns.js';
import { indexColumns } from './export-columns.js';
import { RecordRequest, StatedFactsReader, cell, factsFromRecord, requestFromRecord } from './export-row.js';
import type { RequestTableData } from '../table/request-table.js';
import { RequestTable } from '../table/request-table.js';
import type { TitleKeys } from '../table/title-ids.js';
import { TitleIds } from '../table/title-ids.js';

/** A row left out, with its physical line in the file (the header is line 1). */
export interface SkippedRow {
  line: number;
  problem: string;
}

/**
 * A row left out of a part, its line counted from the part's first line. A quote problem names
 * lines too, so it is kept as lines until the part's place in the file is known.
 */
export interface PartSkippedRow {
  line: number;
  problem: string | QuoteProblem;
}

/** Rows left out listed by line; past this many only their number is kept. */
export const maxSkippedListed = 1000;

/** Looks up facts the export leaves unknown (connectors); may be slow, is awaited per chunk. */
export type Enrich = (request: BorrowingRequest, known: PurchaseFacts) => Promise<PurchaseFacts>;

/** The export cannot be scored at all (no header, no TransactionNumber or CreationDate column). */
export class ExportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportFormatError';
  }
}

/** Reads the header; throws ExportFormatError when the columns cannot be used. */
export function columnsOf(header: readonly string[], names: ExportColumnNames = {}): ColumnIndex {
  const indexed = indexColumns(header, names);
  const headings = (found: string[]) => found.map((name) => `"${name}"`).join(', ');
  if (!indexed.ok) {
    if (indexed.namedHeading !== undefined) {
      throw new ExportFormatError(
        `the policy file's ill_export.columns names "${indexed.namedHeading}" as the ${indexed.field} column, but the file has no such column; columns found: ${headings(indexed.found)}. Correct the heading in ill_export.columns (or remove the entry).`,
      );
    }
    throw new ExportFormatError(
      `the file has no TransactionNumber column; columns found: ${headings(indexed.found)}. Export the borrowing requests with ILLiad's field names (TransactionNumber, LoanTitle, ISSN, CreationDate, ...), or name your export's headings in the policy file's ill_export.columns (see docs/policy.md).`,
    );
  }
  if (indexed.columns.CreationDate === -1) {
    throw new ExportFormatError(
      `the file has no CreationDate column; demand is counted from it. Columns found: ${headings(header.map((name) => name.trim()))}. If the export calls it something else, name that heading in the policy file's ill_export.columns.CreationDate.`,
    );
  }
  return indexed.columns;
}

export interface ExportPartOptions {
  path: string;
  evaluator: PurchaseEvaluator;
  /** Evaluation day, days since 1970-01-01. */
  asOfDay: number;
  /** Byte offset of the part's first record; 0 (the default) reads the header first. */
  start?: number;
  /** The part ends before the first record starting at or after this byte offset (default: the file's end). */
  end?: number;
  /** The header's columns, for a part that does not start at the file's start. */
  columns?: ColumnIndex;
  /** The export's headings for fields not under their ILLiad names (`ill_export.columns`), for the part that reads the header. */
  columnNames?: ExportColumnNames;
  /** Keep the byte offset of each row no rule stands against (for the report's BUY list). */
  collectBuyCandidates?: boolean;
  enrich?: Enrich;
  /** Bytes read so far (from `start`) and records seen; for a progress bar. */
  onProgress?: (bytesRead: number, records: number) => void;
  highWaterMark?: number;
  /** The file's delimiter and text encoding (default: commas, UTF-8). */
  dialect?: CsvDialect;
  /** How CreationDate's dates with slashes are read (default: month first, as ILLiad in the US writes them). */
  dateOrder?: DateOrder;
}

/** What reading a part found; line numbers count from the part's first line (line 1). */
export interface ExportPart {
  /** Null when the part held no header (an empty file). */
  columns: ColumnIndex | null;
  table: RequestTableData;
  titles: TitleKeys;
  /** Byte offset of the first row of each of the part's titles, by title id. */
  firstOffsetOfTitle: Float64Array;
  /** Row → byte offset, for the rows no rule stands against (only with collectBuyCandidates). */
  buyCandidateOffsets: Map<number, number>;
  rowsSkipped: number;
  skipped: PartSkippedRow[];
  /** Rows scored but worth a look (a year after the as-of year, an ISBN with a wrong check digit), lines from the part's first. */
  warningCount: number;
  warnings: SkippedRow[];
  /** Where the part stopped: the first record not read, and the line breaks before it. */
  stoppedAt: number;
  lines: number;
}

/** Why a CreationDate cannot be read, with the setting to change when it reads in the other order. */
function dateProblem(text: string, order: DateOrder): string {
  const other: DateOrder = order === 'month-first' ? 'day-first' : 'month-first';
  if (parseCreationDate(text, other) === null) return `CreationDate "${text}" is not a date`;
  return `CreationDate "${text}" is not a date ${order === 'month-first' ? 'month first (M/D/YYYY)' : 'day first (D/M/YYYY)'}; if this export writes dates ${other.replace('-', ' ')}, set ill_export.date_order: ${other} in the policy file`;
}

/**
 * Why an ISSN field with no valid ISBN deserves a look: it holds a number as long as an ISBN
 * whose check digit is wrong (a mistyped digit), rather than an ISSN or nothing like one. Null
 * when there is nothing to say.
 */
function isbnFieldProblem(field: string): string | null {
  if (extractIssns(field).length > 0) return null;
  let digits = 0;
  for (let i = 0; i < field.length; i++) {
    const value = identifierCharacter(field.charCodeAt(i));
    if (value >= 0) digits++;
    else if (value === -2) {
      if (digits === 10 || digits === 13) break;
      digits = 0;
    }
  }
  if (digits !== 10 && digits !== 13) return null;
  return `ISSN field "${field}" holds no valid ISBN (a check digit is wrong: a digit mistyped?); the request is counted by title and author instead`;
}

/** Reads one part of an export (or all of it). Throws ExportFormatError, CsvFormatError or a read error. */
export async function readExportPart(options: ExportPartOptions): Promise<ExportPart> {
  const { evaluator, asOfDay } = options;
  const dateOrder = options.dateOrder ?? 'month-first';
  let columns: ColumnIndex | null = options.columns ?? null;
  let request = columns ? new RecordRequest(columns) : null;
  let records = 0;
  const table = new RequestTable(evaluator.currency);
  const titles = new TitleIds();
  let firstOffsetOfTitle = new Float64Array(1 << 12);
  const collectBuyCandidates = options.collectBuyCandidates === true;
  const buyCandidateOffsets = new Map<number, number>();
  const stated = new StatedFactsReader();
  const skipped: PartSkippedRow[] = [];
  let rowsSkipped = 0;
  const skip = (line: number, problem: string | QuoteProblem) => {
    rowsSkipped += 1;
    if (skipped.length < maxSkippedListed) skipped.push({ line, problem });
  };
  const warnings: SkippedRow[] = [];
  let warningCount = 0;
  const warn = (line: number, problem: string) => {
    warningCount += 1;
    if (warnings.length < maxSkippedListed) warnings.push({ line, problem });
  };
  const asOfYear = civilFromDayNumber(asOfDay).year;
  let parser: CsvRecordParser | null = null;
  // With --enrich, a chunk's rows wait for their look-ups before their findings are taken.
  let waiting: { request: BorrowingRequest; facts: PurchaseFacts; transactionNumber: string; titleId: number; day: number; offset: number; line: number }[] = [];

  const keep = (transactionNumber: string, titleId: number, day: number, found: PurchaseFindings, offset: number, line: number) => {
    // Scored all the same: the year may be a typing slip, and staff should see it.
    if (found.year !== null && found.year > asOfYear) warn(line, `publication year ${found.year} is after ${asOfYear}, the year scored as of; check LoanDate (or the year looked up)`);
    const row = table.add(transactionNumber, titleId, day, found);
    // Only a row no rule stands against can be bought (low demand may still stop it).
    if (collectBuyCandidates && found.reasons.length === 0) buyCandidateOffsets.set(row, offset >= 0 ? offset : parser!.recordByteOffset());
  };

  const enrichWaiting = async () => {
    if (!options.enrich || waiting.length === 0) return;
    const enrich = options.enrich;
    const chunk = waiting;
    waiting = [];
    await Promise.all(chunk.map(async (item) => (item.facts = await enrich(item.request, item.facts))));
    for (const item of chunk) {
      keep(item.transactionNumber, item.titleId, item.day, evaluator.findingsOf(item.request, item.facts, asOfDay), item.offset, item.line);
    }
  };

  const stop = await readCsvFile(
    options.path,
    (fields, line, problem) => {
      if (columns === null) {
        columns = columnsOf(fields, options.columnNames);
        request = new RecordRequest(columns);
        return;
      }
      records++;
      if (problem !== null) return skip(line, problem);
      if (fields.length !== columns.count) return skip(line, `has ${fields.length} fields; the header has ${columns.count}`);
      const transactionNumber = cell(fields, columns.TransactionNumber);
      if (transactionNumber === '') return skip(line, 'has no TransactionNumber');
      const creationText = cell(fields, columns.CreationDate);
      const day = creationDayOf(creationText, dateOrder);
      if (day === null) return skip(line, creationText === '' ? 'has no CreationDate' : dateProblem(creationText, dateOrder));
      const factProblem = stated.read(fields, columns);
      if (factProblem !== null) return skip(line, factProblem);

      const titleCountBefore = titles.count;
      const isbnField = cell(fields, columns.ISSN);
      const titleId = titles.idOf(transactionNumber, isbnField, cell(fields, columns.LoanTitle), cell(fields, columns.LoanAuthor));
      if (isbnField !== '' && !titles.lastHadIsbn) {
        const problem = isbnFieldProblem(isbnField);
        if (problem !== null) warn(line, problem);
      }
      if (titleId === titleCountBefore) {
        if (titleId === firstOffsetOfTitle.length) {
          const larger = new Float64Array(titleId * 2);
          larger.set(firstOffsetOfTitle);
          firstOffsetOfTitle = larger;
        }
        firstOffsetOfTitle[titleId] = parser!.recordByteOffset();
      }
      if (options.enrich) {
        // Kept until the chunk's look-ups are done, so copied out of the reused objects.
        const known = factsFromRecord(fields, columns) as { ok: true; facts: PurchaseFacts };
        waiting.push({
          request: requestFromRecord(fields, columns),
          facts: known.facts,
          transactionNumber,
          titleId,
          day,
          offset: collectBuyCandidates ? parser!.recordByteOffset() : -1,
          line,
        });
        return;
      }
      keep(transactionNumber, titleId, day, evaluator.findingsOf(request!.at(fields), stated.facts, asOfDay), -1, line);
    },
    {
      start: options.start,
      end: options.end,
      highWaterMark: options.highWaterMark,
      dialect: options.dialect,
      withParser: (created) => (parser = created),
      onProgress: (bytes) => options.onProgress?.(bytes, records),
      afterChunk: enrichWaiting,
    },
  );
  // The last record of a file without a final line break comes after the last chunk.
  await enrichWaiting();
  const titleKeys = titles.keys();
  return {
    columns,
    table: table.data(),
    titles: titleKeys,
    firstOffsetOfTitle: firstOffsetOfTitle.subarray(0, titleKeys.count),
    buyCandidateOffsets,
    rowsSkipped,
    skipped,
    warningCount,
    warnings,
    stoppedAt: stop.stoppedAt,
    lines: stop.lines,
  };
}
