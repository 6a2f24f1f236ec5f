/**
 * Scores every request in an export in one pass over the file, with memory bounded by a few
 * typed arrays. Demand looks back in time but rows come in any order, so the pass keeps, per
 * good row, only numbers (title id, creation day, the demand-free traits of the purchase rules:
 * see RequestTable); then demand is counted for every row at once, and the verdicts, scores and
 * reasons are worked out from those numbers and handed on in input order.
 */
import type { BorrowingRequest, PurchaseFacts, PurchasePolicy, PurchaseReason, PurchaseTraits, PurchaseVerdict, Reason } from '@liaison/core';
import { compilePurchasePolicy, countDemandOfIds, extractIsbns, parseCreationDate } from '@liaison/core';
import type { CsvRecordParser } from './csv-records.js';
import { readCsvFile } from './csv-records.js';
import type { ColumnIndex } from './export-columns.js';
import { indexColumns } from './export-columns.js';
import { RecordRequest, StatedFactsReader, cell, factsFromRecord, requestFromRecord } from './export-row.js';
import { readRecordsAt } from './records-at.js';
import { RequestTable } from './request-table.js';
import { TitleIds } from './title-ids.js';

export type Verdict = PurchaseVerdict;

/** The verdicts in the order summaries list them. */
export const verdictOrder: readonly Verdict[] = ['buy', 'review', 'borrow', 'owned', 'free'];

/** One scored request. The object is reused for the next row: copy what you keep. */
export interface ScoredRequest {
  transactionNumber: string;
  verdict: Verdict;
  /** 0–100. */
  score: number;
  /** The deciding reason first. */
  reasons: PurchaseReason[];
  /** Requests for the same title in the demand window ending on this one's creation day. */
  demand: number;
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
  /** Each scored request, in input order, once the whole file has been read. */
  onScored?: (scored: ScoredRequest) => void;
  /** Awaited after each few thousand scored requests, e.g. to let the output drain. */
  afterChunk?: () => Promise<void>;
  /** Bytes read so far and records (after the header) seen; for a progress bar. */
  onProgress?: (pass: 1, bytesRead: number, records: number) => void;
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

/** Rows scored between awaits of `afterChunk`, so output drains while the verdicts are written. */
const rowsPerChunk = 4096;

/** Scores the export at `path`; resolves to what the run found. Throws ExportFormatError or a read error. */
export async function scoreExport(options: ScoreExportOptions): Promise<ScoreRun> {
  const { path, policy } = options;
  const asOfDay = parseCreationDate(options.asOf);
  if (asOfDay === null) throw new RangeError(`as-of date "${options.asOf}" is not a date; write YYYY-MM-DD`);
  const currency = (options.currency ?? 'USD').toUpperCase();
  const evaluator = compilePurchasePolicy(policy, { currency });

  // The one pass over the file: each good row's title id, creation day and demand-free traits.
  let columns: ColumnIndex | null = null;
  let records = 0;
  const table = new RequestTable(currency);
  const titles = new TitleIds();
  let firstOffsetOfTitle = new Float64Array(1 << 12); // where each title's first row starts, in bytes
  const collectBuyList = options.collectBuyList === true;
  const buyCandidateOffsets = new Map<number, number>(); // row → byte offset, for the report's BUY list
  const stated = new StatedFactsReader();
  const skipped: SkippedRow[] = [];
  let rowsSkipped = 0;
  const skip = (line: number, problem: string) => {
    rowsSkipped += 1;
    if (skipped.length < maxSkippedListed) skipped.push({ line, problem });
  };
  const traits = {} as PurchaseTraits;
  let request: RecordRequest | null = null;
  let parser: CsvRecordParser | null = null;
  // With --enrich, a chunk's rows wait for their look-ups before their traits are taken.
  let waiting: { request: BorrowingRequest; facts: PurchaseFacts; transactionNumber: string; titleId: number; day: number; offset: number }[] = [];

  const keep = (transactionNumber: string, titleId: number, day: number, found: PurchaseTraits, offset: number) => {
    const row = table.add(transactionNumber, titleId, day, found);
    // Only a row no rule stands against can be bought (low demand may still stop it).
    if (collectBuyList && found.reasons === 0) buyCandidateOffsets.set(row, offset >= 0 ? offset : parser!.recordByteOffset());
  };

  await readCsvFile(
    path,
    (fields, line, problem) => {
      if (columns === null) {
        columns = columnsOf(fields);
        request = new RecordRequest(columns);
        return;
      }
      records++;
      if (problem !== null) return skip(line, problem);
      if (fields.length !== columns.count) return skip(line, `has ${fields.length} fields; the header has ${columns.count}`);
      const transactionNumber = cell(fields, columns.TransactionNumber);
      if (transactionNumber === '') return skip(line, 'has no TransactionNumber');
      const creationText = cell(fields, columns.CreationDate);
      const day = parseCreationDate(creationText);
      if (day === null) return skip(line, creationText === '' ? 'has no CreationDate' : `CreationDate "${creationText}" is not a date`);
      const factProblem = stated.read(fields, columns);
      if (factProblem !== null) return skip(line, factProblem);

      const titleCountBefore = titles.count;
      const titleId = titles.idOf(transactionNumber, cell(fields, columns.ISSN), cell(fields, columns.LoanTitle), cell(fields, columns.LoanAuthor));
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
        waiting.push({ request: requestFromRecord(fields, columns), facts: known.facts, transactionNumber, titleId, day, offset: collectBuyList ? parser!.recordByteOffset() : -1 });
        return;
      }
      keep(transactionNumber, titleId, day, evaluator.traitsOf(request!.at(fields), stated.facts, asOfDay, traits), -1);
    },
    {
      highWaterMark: options.highWaterMark,
      withParser: (created) => (parser = created),
      onProgress: (bytes) => options.onProgress?.(1, bytes, records),
      afterChunk: async () => {
        if (!options.enrich || waiting.length === 0) return;
        const enrich = options.enrich;
        const chunk = waiting;
        waiting = [];
        await Promise.all(chunk.map(async (item) => (item.facts = await enrich(item.request, item.facts))));
        for (const item of chunk) {
          keep(item.transactionNumber, item.titleId, item.day, evaluator.traitsOf(item.request, item.facts, asOfDay, traits), item.offset);
        }
      },
    },
  );
  if (columns === null) throw new ExportFormatError('the file is empty; expected a header row with TransactionNumber, CreationDate, ...');
  const titleCount = titles.count;
  titles.clear(); // the ids in the table are all that is needed now

  // Demand of each good row, in file order; then each title's total and peak.
  const rows = table.rows;
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

  // Each row's verdict, score and reasons, in input order.
  const verdictCounts: Record<Verdict, number> = { buy: 0, review: 0, borrow: 0, owned: 0, free: 0 };
  const demandBuckets = demandBucketLabels.map(() => 0);
  const buyPrices = new Map<number, number>(); // title id → known price, or NaN
  const buyTitles = collectBuyList ? new Map<number, BuyTitle>() : null;
  const buyFirstOffset = new Map<number, number>(); // title id → byte offset of its first BUY row
  const asOfYear = civilYearOf(asOfDay);
  const scored: ScoredRequest = { transactionNumber: '', verdict: 'borrow', score: 0, reasons: [], demand: 0 };
  for (let row = 0; row < rows; row++) {
    const demand = demandOfRow[row]!;
    const judgement = evaluator.judge(table.traitsOf(row, asOfYear, traits), demand, false);
    const verdict = judgement.verdict;
    const id = titleIds[row]!;
    verdictCounts[verdict] += 1;
    demandBuckets[bucketOf(demand)]! += 1;
    const transactionNumber = table.transactionNumber(row);
    if (verdict === 'buy') {
      const knownPrice = table.priceAt(row);
      const price = Number.isNaN(knownPrice) ? undefined : knownPrice;
      const known = buyPrices.get(id);
      if (known === undefined || (Number.isNaN(known) && price !== undefined)) buyPrices.set(id, price ?? NaN);
      if (buyTitles) {
        if (!buyFirstOffset.has(id)) buyFirstOffset.set(id, buyCandidateOffsets.get(row)!);
        collectBuyTitle(buyTitles, id, transactionNumber, judgement.score, price, judgement.reasons, requestsOfTitle[id]!, peakOfTitle[id]!);
      }
    }
    if (options.onScored) {
      scored.transactionNumber = transactionNumber;
      scored.verdict = verdict;
      scored.score = judgement.score;
      scored.reasons = judgement.reasons;
      scored.demand = demand;
      options.onScored(scored);
    }
    if (row % rowsPerChunk === rowsPerChunk - 1) await options.afterChunk?.();
  }
  await options.afterChunk?.();

  // The titles' own words, read back from the rows that first named them.
  const cols = columns as ColumnIndex;
  const topOffsets = [...topIds.keys()].map((id) => firstOffsetOfTitle[id]!);
  const texts = await readRecordsAt(path, [...topOffsets, ...buyFirstOffset.values()]);
  const describe = (offset: number, id: number): TitleDemand => {
    const fields = texts.get(offset) ?? [];
    return {
      title: cell(fields, cols.LoanTitle) || cell(fields, cols.PhotoArticleTitle),
      author: cell(fields, cols.LoanAuthor),
      isbn: extractIsbns(cell(fields, cols.ISSN))[0] ?? '',
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
  return {
    rowsScored: rows,
    rowsSkipped,
    skipped,
    verdictCounts,
    topTitles: [...topIds.keys()].map((id, rank) => describe(topOffsets[rank]!, id)),
    demandBuckets,
    buy: { titles: buyPrices.size, priced, unpriced: buyPrices.size - priced, cost: Math.round(cost * 100) / 100 },
    ...(buyTitles
      ? { buyList: [...buyTitles.values()].sort((a, b) => b.score - a.score || b.peakDemand - a.peakDemand || a.title.localeCompare(b.title)) }
      : {}),
  };
}

/** The UTC year of a day number. */
function civilYearOf(day: number): number {
  return new Date(day * 86_400_000).getUTCFullYear();
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
