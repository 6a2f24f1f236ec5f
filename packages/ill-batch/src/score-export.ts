/**
 * Scores every request in an export. Demand looks back in time but rows come in any order, so
 * the file is read once, keeping per good row only numbers (title id, creation day, the
 * demand-free findings of the purchase rules: see RequestTable); then demand is counted for every
 * row at once, and the verdicts, scores and reasons are worked out from those numbers and handed
 * on in input order.
 *
 * A large file is read in parts, one per worker thread (ScoreThreads), each part starting at a
 * line break near its share of the file. A line break can sit inside a quoted field, so a part is
 * kept only if the part before it ended exactly where it starts; otherwise the rest of the file
 * is read again from where the part before ended. The parts' tables are then joined, and the
 * rows judged and written here, in order.
 */
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { DateOrder, ExportColumnNames, ExportEncoding, PurchaseEvaluator, PurchasePolicy, Reason } from '@liaison/core';
import { compilePurchasePolicy, countDemandOfIds, extractIsbns, parseCreationDate } from '@liaison/core/batch';
import type { CsvDialect } from './read/csv-dialect.js';
import { delimiterOfHeader } from './read/csv-dialect.js';
import { quoteProblemText } from './read/csv-records.js';
import type { ColumnIndex } from './read/export-columns.js';
import type { Enrich, ExportPart, SkippedRow } from './read/export-part.js';
import { columnsOf, ExportFormatError, maxSkippedListed, readExportPart } from './read/export-part.js';
import { cell } from './read/export-row.js';
import type { BuyRow, ScoredRequest, Verdict } from './judge/judge-rows.js';
import { civilYearOf, demandBucketLabels, emptyTally, judgeRows } from './judge/judge-rows.js';
import { readRecordsAt } from './read/records-at.js';
import type { RequestTableData } from './table/request-table.js';
import { joinedTables, RequestTable } from './table/request-table.js';
import { ScoreThreads } from './read/score-threads.js';
import type { ScoredOutput } from './output/scored-output.js';
import { encodingOfByteOrderMark, isSplittableAtLineBreakBytes, NotUtf8Error, pieceDecoder } from './read/text-encoding.js';
import { TitleIdMerger } from './table/title-ids.js';
import { mergeTitleIds } from './table/title-merge.js';

export type { Enrich, ScoredRequest, SkippedRow, Verdict };
export { demandBucketLabels, ExportFormatError, maxSkippedListed };

/** The verdicts in the order summaries list them. */
export const verdictOrder: readonly Verdict[] = ['buy', 'review', 'borrow', 'owned', 'free'];

/** A title and how much it was asked for. */
export interface TitleDemand {
  title: string;
  author: string;
  isbn: string;
  /** Requests for it in the whole file. */
  requests: number;
  /** The highest demand any of its requests reached (requests within one demand window). */
  peakDemand: number;
}

/** A distinct title on the BUY list. */
export interface BuyTitle extends TitleDemand {
  /** Best score among its BUY requests, 0–100. */
  score: number;
  /** Known price in the policy's currency, or null. */
  price: number | null;
  reasons: Reason[];
  transactionNumbers: string[];
}

/** What a run found: counts, the titles in demand, and the cost of the BUY list. */
export interface ScoreRun {
  rowsScored: number;
  /** Number of rows left out; `skipped` lists the first `maxSkippedListed` of them. */
  rowsSkipped: number;
  skipped: SkippedRow[];
  verdictCounts: Record<Verdict, number>;
  topTitles: TitleDemand[];
  /** Scored requests by demand: demandBuckets[i] counts requests whose demand falls in demandBucketLabels[i]. */
  demandBuckets: number[];
  buy: {
    /** Distinct titles with a BUY verdict. */
    titles: number;
    priced: number;
    unpriced: number;
    /** Sum of the known prices, each title once, in the policy's currency. */
    cost: number;
  };
  /**
   * What kept titles at REVIEW: distinct titles with at least one REVIEW request, and of those,
   * how many lacked a price, a publication year, or word of whether they can be bought.
   */
  review: { titles: number; priceUnknown: number; yearUnknown: number; availabilityUnknown: number };
  /** Every distinct BUY title, best score first (only when asked for with `collectBuyList`). */
  buyList?: BuyTitle[];
  /**
   * Rows scored but worth a look, listed (the first maxSkippedListed) with their lines where a line
   * names them: a publication year after the as-of year, an ISBN with a wrong check digit, a
   * TransactionNumber that appears more than once.
   */
  warningCount: number;
  warnings: { line: number | null; problem: string }[];
  /** Threads that read the file (1: the calling thread alone). */
  threads: number;
  /** The encoding the file was read in: as asked, as its byte-order mark said, or Windows-1252 (see notUtf8Line). */
  encoding: ExportEncoding;
  /**
   * Set when no encoding was asked for and the file was not UTF-8: the first line holding a byte
   * that is not, for which the file was read again as Windows-1252.
   */
  notUtf8Line: number | null;
}

export interface ScoreExportOptions {
  path: string;
  policy: PurchasePolicy;
  /** ISO 4217 code the policy's prices are in (the library's currency); default USD. */
  currency?: string;
  /** Evaluation day, ISO "YYYY-MM-DD". */
  asOf: string;
  /** Where the verdicts are written, in input order. */
  output?: ScoredOutput;
  /** Each scored request, in input order, once the whole file has been read. */
  onScored?: (scored: ScoredRequest) => void;
  /** Awaited after each few thousand scored requests passed to `onScored`. */
  afterChunk?: () => Promise<void>;
  /** Bytes read so far and records (after the header) seen; for a progress bar. */
  onProgress?: (pass: 1, bytesRead: number, records: number) => void;
  /** The export's headings for fields not under their ILLiad names (the policy's `ill_export.columns`). */
  columnNames?: ExportColumnNames;
  /** How CreationDate's dates with slashes are read (the policy's `ill_export.date_order`); default month first. */
  dateOrder?: DateOrder;
  /**
   * The export's encoding when it has no byte-order mark (the policy's `ill_export.encoding`).
   * Without one: UTF-8, or Windows-1252 when the file is not UTF-8 (as Excel on Windows saves CSV).
   */
  encoding?: ExportEncoding;
  /** Looks up unknown facts; the file is then read in this thread, in one part. */
  enrich?: Enrich;
  collectBuyList?: boolean;
  /** Worker threads to use for a large file; default: the processors available, at most 4. 1: none. */
  threads?: number;
  /** Parts to read the file in (default: one per thread for a large file); with `threads: 1` they are read in turn here (tests). */
  parts?: number;
  /** Bytes per read; for tests of chunk boundaries. */
  highWaterMark?: number;
}

/** Rows scored between awaits of `afterChunk`, so output drains while the verdicts are written. */
const rowsPerChunk = 4096;
/** A file smaller than this a part is read in one: starting a thread costs more than it saves. */
const minBytesPerPart = 8 << 20;
/** At most this many threads by default: past it the disk and the joining take the gain. */
const maxDefaultThreads = 4;

/** The default number of threads: the processors this process may use, at most maxDefaultThreads. */
function defaultThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), maxDefaultThreads));
}

/** Scores the export at `path`; resolves to what the run found. Throws ExportFormatError or a read error. */
export async function scoreExport(options: ScoreExportOptions): Promise<ScoreRun> {
  const { path, policy } = options;
  const asOfDay = parseCreationDate(options.asOf);
  if (asOfDay === null) throw new RangeError(`as-of date "${options.asOf}" is not a date; write YYYY-MM-DD`);
  const currency = (options.currency ?? 'USD').toUpperCase();
  const evaluator = compilePurchasePolicy(policy, { currency });
  const size = (await stat(path)).size;
  const { marked, headerLine } = await startOf(path, options.encoding ?? 'utf-8');
  let encoding = marked ?? options.encoding ?? 'utf-8';
  let notUtf8Line: number | null = null;
  const delimiter = delimiterOfHeader(headerLine);
  const threadCount = options.enrich ? 1 : Math.max(1, Math.floor(options.threads ?? defaultThreads()));
  // A UTF-16 file cannot be cut at any 0x0A byte: it is read in one part.
  const isSplittable = !options.enrich && isSplittableAtLineBreakBytes(encoding);
  const partCount = !isSplittable ? 1 : (options.parts ?? Math.max(1, Math.min(threadCount, Math.floor(size / minBytesPerPart))));
  const threads = threadCount > 1 && partCount > 1 ? ScoreThreads.open(Math.min(threadCount, partCount)) : null;
  let read: ReadParts;
  try {
    try {
      read = await readParts({ ...options, currency, dialect: { encoding, delimiter } }, evaluator, asOfDay, size, partCount, threads);
    } catch (error) {
      if (!(error instanceof NotUtf8Error)) throw error;
      const line = await lineOfByte(path, error.byteOffset);
      if (marked !== null || options.encoding !== undefined) {
        throw new ExportFormatError(
          `line ${line} holds bytes that are not UTF-8, but the file was to be read as UTF-8${marked ? ' (it starts with a UTF-8 byte-order mark)' : ''}. Name the encoding it was saved in, e.g. --encoding windows-1252 (or ill_export.encoding in the policy file), or save it again as UTF-8.`,
        );
      }
      // Not UTF-8 and no encoding named: most such exports are Excel's "CSV (Comma delimited)".
      encoding = 'windows-1252';
      notUtf8Line = line;
      read = await readParts({ ...options, currency, dialect: { encoding, delimiter } }, evaluator, asOfDay, size, partCount, threads);
    }
  } finally {
    // Judging in the threads too was measured no faster here (2 cores) and kept each thread's
    // heap from the reading alive: the threads stop once the parts are read.
    await threads?.close();
  }
  return judgeAndSum({ ...options, currency, dialect: { encoding, delimiter }, notUtf8Line }, evaluator, asOfDay, read);
}

/**
 * What the start of the file at `path` (64 KiB of it, read once) says: the encoding its
 * byte-order mark names (or null), and its first line, decoded in that encoding or else in
 * `otherwise` — leniently: a byte that is not UTF-8 is found, and told, by the reading proper.
 */
async function startOf(path: string, otherwise: ExportEncoding): Promise<{ marked: ExportEncoding | null; headerLine: string }> {
  const file = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await file.read(Buffer.alloc(64 << 10), 0, 64 << 10, 0);
    const bytes = buffer.subarray(0, bytesRead);
    const marked = encodingOfByteOrderMark(bytes);
    const encoding = marked ?? otherwise;
    const text = encoding === 'utf-8' ? bytes.toString('utf8') : (await pieceDecoder(encoding)).write(bytes, 0);
    return { marked, headerLine: text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0]! };
  } finally {
    await file.close();
  }
}

/** The line (1 = the first) the byte at `offset` of the file at `path` is on. */
async function lineOfByte(path: string, offset: number): Promise<number> {
  const file = await open(path, 'r');
  let line = 1;
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let position = 0; position < offset; ) {
      const { bytesRead } = await file.read(buffer, 0, Math.min(buffer.length, offset - position), position);
      if (bytesRead === 0) break;
      for (let at = buffer.indexOf(10); at !== -1 && at < bytesRead; at = buffer.indexOf(10, at + 1)) line++;
      position += bytesRead;
    }
  } finally {
    await file.close();
  }
  return line;
}

/** Joins the parts, counts demand, judges every row in input order and sums up the run. */
async function judgeAndSum(options: ScoreExportOptions & { currency: string; dialect: CsvDialect; notUtf8Line: number | null }, evaluator: PurchaseEvaluator, asOfDay: number, read: ReadParts): Promise<ScoreRun> {
  const { path, policy, currency } = options;
  const collectBuyList = options.collectBuyList === true;
  const { columns, parts } = read;
  if (columns === null) throw new ExportFormatError('the file is empty; expected a header row with TransactionNumber, CreationDate, ...');

  // The parts as one table, with one set of title ids; the first row of each title; the rows
  // that may be bought, by their row in the whole table.
  let tableData: RequestTableData;
  let titleCount: number;
  let firstOffsetOfTitle: Float64Array;
  /** ISBN and title-and-author ids written together, as ids of the whole file (see TitleKeys.pairs). */
  let titlePairs: Int32Array[];
  const buyCandidateOffsets = new Map<number, number>();
  if (parts.length === 1) {
    const [part] = parts as [ExportPart];
    tableData = part.table;
    titleCount = part.titles.count;
    titlePairs = [part.titles.pairs];
    firstOffsetOfTitle = part.firstOffsetOfTitle;
    for (const [row, offset] of part.buyCandidateOffsets) buyCandidateOffsets.set(row, offset);
  } else {
    const merger = new TitleIdMerger();
    const titleIdsOfPart = parts.map((part) => merger.idsOf(part.titles));
    titleCount = merger.count;
    titlePairs = parts.map((part, k) => part.titles.pairs.map((local) => titleIdsOfPart[k]![local]!));
    firstOffsetOfTitle = new Float64Array(titleCount).fill(-1);
    let rowBase = 0;
    parts.forEach((part, k) => {
      const ids = titleIdsOfPart[k]!;
      for (let local = 0; local < ids.length; local++) {
        if (firstOffsetOfTitle[ids[local]!] === -1) firstOffsetOfTitle[ids[local]!] = part.firstOffsetOfTitle[local]!;
      }
      for (const [row, offset] of part.buyCandidateOffsets) buyCandidateOffsets.set(rowBase + row, offset);
      rowBase += part.table.rows;
    });
    tableData = joinedTables(
      parts.map((part) => part.table),
      titleIdsOfPart,
    );
  }
  const table = new RequestTable(currency, tableData);
  const rows = table.rows;
  // Each title once: requests without an ISBN join the ISBN title written with their title and author.
  mergeTitleIds(table.titleIds, rows, titleCount, titlePairs);

  // Demand of each good row, in file order; then each title's total and peak.
  const demandOfRow = countDemandOfIds(table.titleIds, table.days, rows, titleCount, policy.demand_window_days);
  const requestsOfTitle = new Int32Array(titleCount);
  const peakOfTitle = new Int32Array(titleCount);
  const titleIds = table.titleIds;
  for (let row = 0; row < rows; row++) {
    const id = titleIds[row]!;
    requestsOfTitle[id]! += 1;
    if (demandOfRow[row]! > peakOfTitle[id]!) peakOfTitle[id] = demandOfRow[row]!;
  }
  const topIds = topTitleIds(peakOfTitle, requestsOfTitle, 10);

  // Each row's verdict, score and reasons, in input order; the BUY rows' titles and prices.
  const tally = emptyTally();
  const buyPrices = new Map<number, number>(); // title id → known price, or NaN
  const buyTitles = collectBuyList ? new Map<number, BuyTitle>() : null;
  const buyFirstOffset = new Map<number, number>(); // title id → byte offset of its first BUY row
  const addBuys = (buys: readonly BuyRow[]) => {
    for (const { row, price: knownPrice, score, reasons } of buys) {
      const id = titleIds[row]!;
      const price = Number.isNaN(knownPrice) ? undefined : knownPrice;
      const known = buyPrices.get(id);
      if (known === undefined || (Number.isNaN(known) && price !== undefined)) buyPrices.set(id, price ?? NaN);
      if (buyTitles) {
        if (!buyFirstOffset.has(id)) buyFirstOffset.set(id, buyCandidateOffsets.get(row)!);
        collectBuyTitle(buyTitles, id, table.transactionNumber(row), score, price, reasons, requestsOfTitle[id]!, peakOfTitle[id]!);
      }
    }
  };
  const asOfYear = civilYearOf(asOfDay);
  // Per title, what its REVIEW requests lacked (missing bits), so the summary can say what kept titles from BUY.
  const missingOfTitle = new Uint8Array(titleCount);
  for (let from = 0; from < rows; from += rowsPerChunk) {
    judgeRows(table, demandOfRow, from, Math.min(rows, from + rowsPerChunk), evaluator, asOfYear, tally, (scored, row) => {
      if (scored.verdict === 'review') missingOfTitle[titleIds[row]!]! |= missingBits(scored.reasons);
      options.onScored?.(scored);
      options.output?.add(scored);
    });
    // The chunk's BUY rows, then forgotten: a file of BUY rows must not keep every reason.
    addBuys(tally.buys);
    tally.buys.length = 0;
    await options.afterChunk?.();
    await options.output?.flush();
  }

  // The titles' own words, read back from the rows that first named them.
  const topOffsets = [...topIds.keys()].map((id) => firstOffsetOfTitle[id]!);
  const texts = await readRecordsAt(path, [...topOffsets, ...buyFirstOffset.values()], options.dialect);
  const describe = (offset: number, id: number): TitleDemand => {
    const fields = texts.get(offset) ?? [];
    return {
      title: cell(fields, columns.LoanTitle) || cell(fields, columns.PhotoArticleTitle),
      author: cell(fields, columns.LoanAuthor),
      isbn: extractIsbns(cell(fields, columns.ISSN))[0] ?? '',
      requests: requestsOfTitle[id]!,
      peakDemand: peakOfTitle[id]!,
    };
  };
  if (buyTitles) for (const [id, title] of buyTitles) Object.assign(title, describe(buyFirstOffset.get(id)!, id));

  let cost = 0;
  let priced = 0;
  for (const price of buyPrices.values()) {
    if (Number.isNaN(price)) continue;
    cost += price;
    priced += 1;
  }
  const duplicates = duplicateTransactionNumbers(table, rows);
  const warnings: ScoreRun['warnings'] = [...read.warnings];
  for (const [transactionNumber, count] of duplicates) {
    if (warnings.length < maxSkippedListed) warnings.push({ line: null, problem: `TransactionNumber ${transactionNumber} appears ${count} times; each row is scored (a row exported twice, or two requests under one number?)` });
  }
  const review = { titles: 0, priceUnknown: 0, yearUnknown: 0, availabilityUnknown: 0 };
  for (const missing of missingOfTitle) {
    if (missing === 0) continue;
    review.titles += 1;
    if (missing & missingPrice) review.priceUnknown += 1;
    if (missing & missingYear) review.yearUnknown += 1;
    if (missing & missingAvailability) review.availabilityUnknown += 1;
  }
  return {
    rowsScored: rows,
    rowsSkipped: read.rowsSkipped,
    skipped: read.skipped,
    verdictCounts: tally.verdictCounts,
    topTitles: [...topIds.keys()].map((id, rank) => describe(topOffsets[rank]!, id)),
    demandBuckets: tally.demandBuckets,
    buy: { titles: buyPrices.size, priced, unpriced: buyPrices.size - priced, cost: Math.round(cost * 100) / 100 },
    review,
    ...(buyTitles
      ? { buyList: [...buyTitles.values()].sort((a, b) => b.score - a.score || b.peakDemand - a.peakDemand || a.title.localeCompare(b.title)) }
      : {}),
    warningCount: read.warningCount + duplicates.size,
    warnings,
    threads: read.threads,
    encoding: options.dialect.encoding,
    notUtf8Line: options.notUtf8Line,
  };
}

/** Transaction numbers on more than one row, with how many rows each. */
function duplicateTransactionNumbers(table: RequestTable, rows: number): Map<string, number> {
  const numbers = table.data().transactionNumbers.slice(0, rows).sort();
  const found = new Map<string, number>();
  for (let i = 1; i < rows; i++) {
    // NaN (a transaction number that is not a plain integer) sorts last and never equals itself.
    if (numbers[i] === numbers[i - 1]) found.set(String(numbers[i]), (found.get(String(numbers[i])) ?? 1) + 1);
  }
  const others = new Map<string, number>();
  for (const text of table.data().otherTransactionNumbers.values()) others.set(text, (others.get(text) ?? 0) + 1);
  for (const [text, count] of others) if (count > 1) found.set(text, count);
  return found;
}

const reviewed = 1; // any REVIEW request: always set, so a title whose reasons name nothing below still counts
const missingPrice = 2;
const missingYear = 4;
const missingAvailability = 8;

/** What a REVIEW request's reasons say is missing, as bits. */
function missingBits(reasons: readonly Reason[]): number {
  let bits = reviewed;
  for (const { code } of reasons) {
    if (code === 'price-unknown') bits |= missingPrice;
    else if (code === 'no-year') bits |= missingYear;
    else if (code === 'availability-unknown') bits |= missingAvailability;
  }
  return bits;
}

/** The parts of the file as read, checked to follow each other, with their skipped rows numbered by file line. */
interface ReadParts {
  columns: ColumnIndex | null;
  /** Threads the parts were read by (1: this one). */
  threads: number;
  parts: ExportPart[];
  rowsSkipped: number;
  skipped: SkippedRow[];
  warningCount: number;
  warnings: SkippedRow[];
}

async function readParts(
  options: ScoreExportOptions & { currency: string; dialect: CsvDialect },
  evaluator: PurchaseEvaluator,
  asOfDay: number,
  size: number,
  partCount: number,
  threads: ScoreThreads | null,
): Promise<ReadParts> {
  const { path } = options;
  const collectBuyCandidates = options.collectBuyList === true;
  const bytesOfPart: number[] = [];
  const recordsOfPart: number[] = [];
  const progress = (k: number) => (bytesRead: number, records: number) => {
    bytesOfPart[k] = bytesRead;
    recordsOfPart[k] = records;
    options.onProgress?.(1, bytesOfPart.reduce((a, b) => a + (b ?? 0), 0), recordsOfPart.reduce((a, b) => a + (b ?? 0), 0));
  };
  // What a part's reading needs wherever it runs; here it also takes the compiled policy, a thread the policy.
  const partOf = (start: number, end: number | undefined, columns: ColumnIndex | undefined) => ({
    path,
    asOfDay,
    start,
    end,
    columns,
    columnNames: options.columnNames,
    collectBuyCandidates,
    dialect: options.dialect,
    dateOrder: options.dateOrder ?? 'month-first',
  });
  const readHere = (k: number, start: number, end: number | undefined, columns: ColumnIndex | undefined) =>
    readExportPart({ ...partOf(start, end, columns), evaluator, enrich: options.enrich, onProgress: progress(k), highWaterMark: options.highWaterMark });
  const read = (k: number, start: number, end: number | undefined, columns: ColumnIndex | undefined) =>
    threads
      ? threads.read(k % threads.count, { ...partOf(start, end, columns), policy: options.policy, currency: options.currency }, progress(k))
      : readHere(k, start, end, columns);

  const starts = partCount > 1 ? await partStarts(path, size, partCount) : [0];
  let parts: ExportPart[];
  let columns: ColumnIndex | null;
  if (starts.length === 1) {
    const part = await readHere(0, 0, undefined, undefined);
    parts = [part];
    columns = part.columns;
  } else {
    // The header first, so every part knows the columns (and a bad header is told once).
    const header = (await readRecordsAt(path, [0], options.dialect)).get(0);
    if (header === undefined) return { columns: null, threads: 1, parts: [], rowsSkipped: 0, skipped: [], warningCount: 0, warnings: [] };
    columns = columnsOf(header, options.columnNames);
    const known = columns;
    const settled = threads
      ? await Promise.allSettled(starts.map((start, k) => read(k, start, starts[k + 1], k === 0 ? undefined : known)))
      : await inTurn(starts.map((start, k) => () => read(k, start, starts[k + 1], k === 0 ? undefined : known)));
    parts = [];
    for (const [k, outcome] of settled.entries()) {
      const before = parts[k - 1];
      // A part is kept only when the one before ended where it starts: else it began inside a
      // quoted field, and the rest of the file is read again from where the one before ended.
      if (before !== undefined && before.stoppedAt !== starts[k]) {
        parts.push(await read(k, before.stoppedAt, undefined, known));
        break;
      }
      if (outcome.status === 'rejected') throw outcome.reason;
      parts.push(outcome.value);
    }
  }
  let lineBase = 0;
  let rowsSkipped = 0;
  const skipped: SkippedRow[] = [];
  let warningCount = 0;
  const warnings: SkippedRow[] = [];
  for (const part of parts) {
    warningCount += part.warningCount;
    for (const row of part.warnings) if (warnings.length < maxSkippedListed) warnings.push({ line: row.line + lineBase, problem: row.problem });
    rowsSkipped += part.rowsSkipped;
    for (const row of part.skipped) {
      if (skipped.length === maxSkippedListed) break;
      const problem = typeof row.problem === 'string' ? row.problem : quoteProblemText(row.problem, lineBase);
      skipped.push({ line: row.line + lineBase, problem });
    }
    lineBase += part.lines;
  }
  return { columns, threads: threads?.count ?? 1, parts, rowsSkipped, skipped, warningCount, warnings };
}

/** Runs `tasks` one after another, settling each as Promise.allSettled would. */
async function inTurn<T>(tasks: (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> {
  const settled: PromiseSettledResult<T>[] = [];
  for (const task of tasks) {
    try {
      settled.push({ status: 'fulfilled', value: await task() });
    } catch (reason) {
      settled.push({ status: 'rejected', reason });
    }
  }
  return settled;
}

/**
 * Where each of `count` parts of the file starts: 0, then the byte after the first line break at
 * or after each share of the file (and after any blank lines that follow it). Fewer when the file
 * is too short to hold as many.
 */
async function partStarts(path: string, size: number, count: number): Promise<number[]> {
  const file = await open(path, 'r');
  const starts = [0];
  try {
    const buffer = Buffer.allocUnsafe(64 << 10);
    for (let k = 1; k < count; k++) {
      let position = Math.max(Math.floor((size * k) / count), starts.at(-1)! + 1);
      let start = -1;
      while (start === -1 && position < size) {
        const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
        if (bytesRead === 0) break;
        let at = buffer.subarray(0, bytesRead).indexOf(10);
        if (at === -1) {
          position += bytesRead;
          continue;
        }
        // Past blank lines too: the part before stops at the first record, and a blank line is none.
        const isByte = (index: number, byte: number) => index < bytesRead && buffer[index] === byte;
        while (isByte(at + 1, 10) || (isByte(at + 1, 13) && isByte(at + 2, 10))) at += isByte(at + 1, 10) ? 1 : 2;
        start = position + at + 1;
      }
      if (start === -1 || start >= size) break;
      starts.push(start);
    }
  } finally {
    await file.close();
  }
  return starts;
}

/** The `count` title ids with the highest peak demand (then most requests, then first seen), in that order. */
function topTitleIds(peak: Int32Array, requests: Int32Array, count: number): Map<number, number> {
  const top: number[] = [];
  const isAbove = (a: number, b: number) => peak[a]! > peak[b]! || (peak[a] === peak[b] && requests[a]! > requests[b]!);
  for (let id = 0; id < peak.length; id++) {
    // A title merged into another (or only ever written beside an ISBN) has no requests of its own.
    if (requests[id] === 0) continue;
    if (top.length === count && !isAbove(id, top[count - 1]!)) continue;
    let at = Math.min(top.length, count - 1);
    if (top.length < count) top.push(id);
    else top[at] = id;
    while (at > 0 && isAbove(id, top[at - 1]!)) {
      top[at] = top[at - 1]!;
      top[--at] = id;
    }
  }
  return new Map(top.map((id, rank) => [id, rank]));
}

function collectBuyTitle(
  titles: Map<number, BuyTitle>,
  id: number,
  transactionNumber: string,
  score: number,
  price: number | undefined,
  reasons: Reason[],
  requests: number,
  peakDemand: number,
): void {
  const known = titles.get(id);
  if (!known) {
    // Title, author and ISBN are read back from the title's first BUY row once all are known.
    titles.set(id, { title: '', author: '', isbn: '', requests, peakDemand, score, price: price ?? null, reasons, transactionNumbers: [transactionNumber] });
    return;
  }
  known.transactionNumbers.push(transactionNumber);
  if (known.price === null && price !== undefined) known.price = price;
  if (score > known.score) {
    known.score = score;
    known.reasons = reasons;
  }
}
