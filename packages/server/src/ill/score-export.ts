/**
 * Scores every request in an export, in two passes over the file so memory stays flat at any
 * size. Pass 1 reads only what demand needs (title key and creation day, kept as integers in
 * typed arrays) and finds the bad rows; pass 2 reads each record again, scores it with its
 * demand and hands it on in input order. Nothing but those arrays, one chunk of records and the
 * distinct titles survives between records.
 */
import type { BorrowingRequest, PurchaseFacts, PurchasePolicy, PurchaseVerdict, Reason } from '@liaison/core';
import { DemandCounter, compilePurchasePolicy, extractIsbns, parseCreationDate, titleKey } from '@liaison/core';
import { readCsvFile } from './csv-records.js';
import type { ColumnIndex } from './export-columns.js';
import { indexColumns } from './export-columns.js';
import { cell, exportFactSource, factsFromRecord, requestFromRecord } from './export-row.js';

export type Verdict = PurchaseVerdict;

/** The verdicts in the order summaries list them. */
export const verdictOrder: readonly Verdict[] = ['buy', 'review', 'borrow', 'owned', 'free'];

/** One scored request. */
export interface ScoredRequest {
  request: BorrowingRequest;
  verdict: Verdict;
  /** 0–100. */
  score: number;
  reasons: Reason[];
  /** Requests for the same title in the demand window ending on this one's creation day. */
  demand: number;
  facts: PurchaseFacts;
}

/** A row left out, with its physical line in the file (the header is line 1). */
export interface SkippedRow {
  line: number;
  problem: string;
}

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
  /** Every distinct BUY title, best score first (only when asked for with `collectBuyList`). */
  buyList?: BuyTitle[];
}

export const demandBucketLabels = ['1', '2', '3', '4–5', '6–10', '11–20', '21+'];
const bucketOf = (demand: number): number =>
  demand <= 3 ? Math.max(0, demand - 1) : demand <= 5 ? 3 : demand <= 10 ? 4 : demand <= 20 ? 5 : 6;

export const maxSkippedListed = 1000;

/** Looks up facts the export leaves unknown (connectors); may be slow, is awaited per chunk. */
export type Enrich = (request: BorrowingRequest, known: PurchaseFacts) => Promise<PurchaseFacts>;

export interface ScoreExportOptions {
  path: string;
  policy: PurchasePolicy;
  /** ISO 4217 code the policy's prices are in (the library's currency); default USD. */
  currency?: string;
  /** Evaluation day, ISO "YYYY-MM-DD". */
  asOf: string;
  /** Each scored request, in input order. */
  onScored?: (scored: ScoredRequest) => void;
  /** Awaited after each chunk of records, e.g. to let the output drain. */
  afterChunk?: () => Promise<void>;
  /** Bytes read so far in pass 1 or 2, and records (after the header) seen in pass 1; for a progress bar. */
  onProgress?: (pass: 1 | 2, bytesRead: number, records: number) => void;
  enrich?: Enrich;
  collectBuyList?: boolean;
  /** Bytes per read; for tests of chunk boundaries. */
  highWaterMark?: number;
}

/** The export cannot be scored at all (no header, no TransactionNumber or CreationDate column). */
export class ExportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportFormatError';
  }
}

/** Grows an Int32Array to hold index `index`. */
function withRoom(array: Int32Array, index: number): Int32Array {
  if (index < array.length) return array;
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
}

/** Reads the header; throws ExportFormatError when the columns cannot be used. */
function columnsOf(header: readonly string[]): ColumnIndex {
  const indexed = indexColumns(header);
  if (!indexed.ok) {
    throw new ExportFormatError(
      `the file has no TransactionNumber column; columns found: ${indexed.found.map((name) => `"${name}"`).join(', ')}. Export the borrowing requests with ILLiad's field names (TransactionNumber, LoanTitle, ISSN, CreationDate, ...).`,
    );
  }
  if (indexed.columns.CreationDate === -1) {
    throw new ExportFormatError(
      `the file has no CreationDate column; demand is counted from it. Columns found: ${header.map((name) => `"${name.trim()}"`).join(', ')}.`,
    );
  }
  return indexed.columns;
}

/** Scores the export at `path`; resolves to what the run found. Throws ExportFormatError or a read error. */
export async function scoreExport(options: ScoreExportOptions): Promise<ScoreRun> {
  const { path, policy } = options;
  const asOfDay = parseCreationDate(options.asOf);
  if (asOfDay === null) throw new RangeError(`as-of date "${options.asOf}" is not a date; write YYYY-MM-DD`);
  const evaluator = compilePurchasePolicy(policy, { currency: options.currency ?? 'USD' });

  // Pass 1: title key and creation day of each good row; the bad rows.
  let columns: ColumnIndex | null = null;
  let recordKeyIds: Int32Array = new Int32Array(1 << 16); // per record after the header: key id, or -1 when skipped
  let records = 0;
  const keyIds = new Map<string, number>();
  const counter = new DemandCounter(policy.demand_window_days);
  const keys = new TitleKeyCache();
  const skipped: SkippedRow[] = [];
  let rowsSkipped = 0;
  const skip = (line: number, problem: string) => {
    rowsSkipped += 1;
    if (skipped.length < maxSkippedListed) skipped.push({ line, problem });
  };
  const wanted: boolean[] = []; // pass 1 reads only the columns demand and row checks need
  await readCsvFile(
    path,
    (fields, line) => {
      if (columns === null) {
        columns = columnsOf(fields);
        const needed = [columns.TransactionNumber, columns.ISSN, columns.LoanTitle, columns.LoanAuthor, columns.CreationDate, columns.Held, columns.Price, columns.Available];
        for (let position = 0; position < fields.length; position++) wanted[position] = needed.includes(position);
        return;
      }
      const record = records++;
      recordKeyIds = withRoom(recordKeyIds, record);
      recordKeyIds[record] = -1;
      if (fields.length !== columns.count) {
        skip(line, `has ${fields.length} fields; the header has ${columns.count}`);
        return;
      }
      const transactionNumber = cell(fields, columns.TransactionNumber);
      if (transactionNumber === '') {
        skip(line, 'has no TransactionNumber');
        return;
      }
      const creationText = cell(fields, columns.CreationDate);
      const day = parseCreationDate(creationText);
      if (day === null) {
        skip(line, creationText === '' ? 'has no CreationDate' : `CreationDate "${creationText}" is not a date`);
        return;
      }
      const facts = factsFromRecord(fields, columns);
      if (!facts.ok) {
        skip(line, facts.problem);
        return;
      }
      const key = keys.keyOf(transactionNumber, cell(fields, columns.ISSN), cell(fields, columns.LoanTitle), cell(fields, columns.LoanAuthor));
      let id = keyIds.get(key);
      if (id === undefined) {
        id = keyIds.size;
        keyIds.set(key, id);
      }
      recordKeyIds[record] = id;
      counter.add(key, day);
    },
    { highWaterMark: options.highWaterMark, wanted, onProgress: (bytes) => options.onProgress?.(1, bytes, records) },
  );
  if (columns === null) throw new ExportFormatError('the file is empty; expected a header row with TransactionNumber, CreationDate, ...');
  const titleCount = keyIds.size;
  keyIds.clear(); // the ids in recordKeyIds are all pass 2 needs

  // Demand of each good row, in file order; then each title's total and peak.
  const demandOfRow = counter.countEach();
  const requestsOfTitle = new Int32Array(titleCount);
  const peakOfTitle = new Int32Array(titleCount);
  for (let record = 0, row = 0; record < records; record++) {
    const id = recordKeyIds[record]!;
    if (id === -1) continue;
    requestsOfTitle[id]! += 1;
    if (demandOfRow[row]! > peakOfTitle[id]!) peakOfTitle[id] = demandOfRow[row]!;
    row++;
  }
  const topIds = topTitleIds(peakOfTitle, requestsOfTitle, 10);
  const topTitles = new Map<number, TitleDemand>();

  // Pass 2: score each good row with its demand.
  const verdictCounts: Record<Verdict, number> = { buy: 0, review: 0, borrow: 0, owned: 0, free: 0 };
  const demandBuckets = demandBucketLabels.map(() => 0);
  const buyPrices = new Map<number, number>(); // title id → known price, or NaN
  const buyTitles = options.collectBuyList ? new Map<number, BuyTitle>() : null;
  let pending: { request: BorrowingRequest; facts: PurchaseFacts; demand: number; id: number }[] = [];
  let header = true;
  let record = 0;
  let row = 0;
  let rowsScored = 0;

  const describe = (request: BorrowingRequest, id: number): TitleDemand => ({
    title: request.LoanTitle ?? request.PhotoArticleTitle ?? '',
    author: request.LoanAuthor ?? '',
    isbn: extractIsbns(request.ISSN)[0] ?? '',
    requests: requestsOfTitle[id]!,
    peakDemand: peakOfTitle[id]!,
  });

  const scorePending = async () => {
    if (options.enrich) {
      const enrich = options.enrich;
      await Promise.all(pending.map(async (item) => (item.facts = await enrich(item.request, item.facts))));
    }
    for (const { request, facts, demand, id } of pending) {
      const evaluation = evaluator.evaluate(request, facts, asOfDay);
      const verdict = evaluation.verdict;
      verdictCounts[verdict] += 1;
      demandBuckets[bucketOf(demand)]! += 1;
      rowsScored += 1;
      if (topIds.has(id) && !topTitles.has(id)) topTitles.set(id, describe(request, id));
      if (verdict === 'buy') {
        const price = evaluation.facts.price?.value;
        const known = buyPrices.get(id);
        if (known === undefined || (Number.isNaN(known) && price !== undefined)) buyPrices.set(id, price ?? NaN);
        if (buyTitles) collectBuyTitle(buyTitles, id, request, evaluation.score, price, evaluation.reasons, describe);
      }
      options.onScored?.({
        request,
        verdict,
        score: evaluation.score,
        reasons: evaluation.reasons,
        demand,
        facts,
      });
    }
    pending = [];
    await options.afterChunk?.();
  };

  const cols = columns as ColumnIndex;
  await readCsvFile(
    path,
    (fields) => {
      if (header) {
        header = false;
        return;
      }
      const id = recordKeyIds[record++]!;
      if (id === -1) return;
      const demand = demandOfRow[row++]!;
      const request = requestFromRecord(fields, cols);
      const known = factsFromRecord(fields, cols);
      const facts: PurchaseFacts = known.ok ? known.facts : {};
      facts.demand = { value: demand, source: exportFactSource };
      pending.push({ request, facts, demand, id });
    },
    {
      highWaterMark: options.highWaterMark,
      onProgress: (bytes) => options.onProgress?.(2, bytes, records),
      afterChunk: scorePending,
    },
  );
  await scorePending();

  let cost = 0;
  let priced = 0;
  for (const price of buyPrices.values()) {
    if (Number.isNaN(price)) continue;
    cost += price;
    priced += 1;
  }
  return {
    rowsScored,
    rowsSkipped,
    skipped,
    verdictCounts,
    topTitles: [...topIds.keys()].flatMap((id) => topTitles.get(id) ?? []),
    demandBuckets,
    buy: { titles: buyPrices.size, priced, unpriced: buyPrices.size - priced, cost: Math.round(cost * 100) / 100 },
    ...(buyTitles
      ? { buyList: [...buyTitles.values()].sort((a, b) => b.score - a.score || b.peakDemand - a.peakDemand || a.title.localeCompare(b.title)) }
      : {}),
  };
}

/** The `count` title ids with the highest peak demand (then most requests, then first seen), in that order. */
function topTitleIds(peak: Int32Array, requests: Int32Array, count: number): Map<number, number> {
  const top: number[] = [];
  const isAbove = (a: number, b: number) => peak[a]! > peak[b]! || (peak[a] === peak[b] && requests[a]! > requests[b]!);
  for (let id = 0; id < peak.length; id++) {
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
  request: BorrowingRequest,
  score: number,
  price: number | undefined,
  reasons: Reason[],
  describe: (request: BorrowingRequest, id: number) => TitleDemand,
): void {
  const known = titles.get(id);
  if (!known) {
    titles.set(id, { ...describe(request, id), score, price: price ?? null, reasons, transactionNumbers: [request.TransactionNumber] });
    return;
  }
  known.transactionNumbers.push(request.TransactionNumber);
  if (known.price === null && price !== undefined) known.price = price;
  if (score > known.score) {
    known.score = score;
    known.reasons = reasons;
  }
}

/**
 * titleKey, remembered: a long-tail export asks for the same ISBN field and the same title
 * again and again, and reading ISBNs and folding titles is most of pass 1's work. The key's
 * precedence is titleKey's own (an ISBN, else title and author, else the transaction), so each
 * part is asked of titleKey alone and the answer reused. Bounded so memory stays flat.
 */
class TitleKeyCache {
  #byIsbnField = new Map<string, string | null>();
  #byTitle = new Map<string, string | null>();

  keyOf(transactionNumber: string, isbnField: string, title: string, author: string): string {
    if (isbnField !== '') {
      let isbnKey = this.#byIsbnField.get(isbnField);
      if (isbnKey === undefined) {
        const key = titleKey({ TransactionNumber: '', ISSN: isbnField, LoanTitle: '', LoanAuthor: '' });
        isbnKey = key.startsWith('isbn:') ? key : null;
        if (this.#byIsbnField.size >= cacheLimit) this.#byIsbnField.clear();
        this.#byIsbnField.set(isbnField, isbnKey);
      }
      if (isbnKey !== null) return isbnKey;
    }
    if (title === '') return titleKey({ TransactionNumber: transactionNumber, ISSN: '', LoanTitle: '', LoanAuthor: '' });
    const titleAndAuthor = `${title}\u0000${author}`;
    let key = this.#byTitle.get(titleAndAuthor);
    if (key === undefined) {
      const computed = titleKey({ TransactionNumber: '', ISSN: '', LoanTitle: title, LoanAuthor: author });
      key = computed.startsWith('title:') ? computed : null;
      if (this.#byTitle.size >= cacheLimit) this.#byTitle.clear();
      this.#byTitle.set(titleAndAuthor, key);
    }
    return key ?? titleKey({ TransactionNumber: transactionNumber, ISSN: '', LoanTitle: '', LoanAuthor: '' });
  }
}

const cacheLimit = 200_000;
