/**
 * What `liaison ill score` and `liaison ill report` do around the scoring itself: check the
 * arguments, the file and the policy; show progress on a terminal; list the skipped rows and
 * print the summary; choose the exit code (0 all scored, 2 rows skipped, 1 nothing could be done).
 */
import { createWriteStream, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CommandIO } from '../../command.js';
import type { BatchOptions, LoadedPolicy } from './batch-options.js';
import { loadPolicy, parseBatchArgs, today } from './batch-options.js';
import type { ScoreExportOptions, ScoreRun } from '@liaison/ill-batch';
import { CsvFormatError, ExportFormatError, formatEncodingNote, formatRunSummary, formatSkippedRows, formatWarnings, scoreExport } from '@liaison/ill-batch';
import type { EnrichTally } from './enrich.js';
import { ProgressBar } from './progress-bar.js';

/** Files this large, or with this many rows, get a progress bar on a terminal. */
const progressBytes = 10 * 1024 * 1024;
const progressRows = 50_000;

/** Everything a batch command decided before scoring, handed to its own work. */
export interface PreparedBatch {
  options: BatchOptions;
  path: string;
  loaded: LoadedPolicy;
  asOf: string;
  /** Runs the scoring with progress shown; extra options come from the command. */
  score(extra: Pick<ScoreExportOptions, 'output' | 'collectBuyList'>): Promise<ScoreRun>;
}

/**
 * Runs a batch command: `work` does the command's own part with a prepared batch and resolves
 * to the run. Returns the exit code.
 */
export async function runBatch(
  args: string[],
  io: CommandIO,
  {
    usage,
    allowEnrich,
    allowFormat,
    work,
  }: { usage: string; allowEnrich: boolean; allowFormat: boolean; work: (batch: PreparedBatch) => Promise<ScoreRun> },
): Promise<number> {
  const fail = (lines: string[]) => {
    io.stderr.write(lines.map((line) => `liaison: ${line}`).join('\n') + '\n');
    return 1;
  };
  const options = parseBatchArgs(args, { allowEnrich, allowFormat });
  // The mistake and the command's one-line usage; the whole help would bury the mistake.
  if (typeof options === 'string') return fail([options, usageLine(usage), `Run \`${commandName(usage)} --help\` for every option.`]);
  const path = resolve(io.cwd, options.path);
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return fail([`${options.path} is not a file; name a CSV export of borrowing requests`]);
    size = stats.size;
  } catch {
    return fail([`cannot find ${options.path} (looked at ${path}); check the path`]);
  }
  const loaded = await loadPolicy(options.config, io.cwd);
  if ('problems' in loaded) return fail(loaded.problems);
  const asOf = options.asOf ?? today(new Date(), loaded.timeZone);
  let enrich: ScoreExportOptions['enrich'];
  let enriching: { tally: EnrichTally; describe: string[]; close: () => Promise<void> } | null = null;
  if (options.enrich) {
    // With --as-of the sources are asked as of that day too, so an enriched run repeats exactly.
    const fixed = options.asOf ? new Date(`${options.asOf}T12:00:00Z`) : undefined;
    const now = () => fixed ?? new Date();
    // Loaded only here: the connectors take a quarter of a second to load, wasted on a run without --enrich.
    const { createEnricher, factSourcesFor } = await import('./enrich.js');
    // The hub's cache, when the store is a PostgreSQL server: a second run asks the systems again only for what expired.
    const store = io.env['DATABASE_URL'] ? await (await import('@liaison/store')).openStore({ databaseUrl: io.env['DATABASE_URL'] }) : null;
    const cache = store ? (await import('@liaison/connectors')).storeCache(store.cache, { now }) : undefined;
    const found = factSourcesFor(loaded.policy, { policyPath: loaded.path, writtenConnectors: loaded.writtenConnectors, env: io.env, now, cache });
    if (!found.ok) {
      await store?.close();
      return fail(found.problems);
    }
    const enricher = createEnricher(found.sources, { now });
    enrich = enricher.enrich;
    enriching = { tally: enricher.tally, describe: found.describe, close: async () => store?.close() };
  }

  const bar = io.stderr.isTTY ? new ProgressBar(io.stderr, size) : null;
  const onProgress = (_pass: 1, bytes: number, records: number) => {
    // Look-ups are slow whatever the file's size, so an enriched run always shows its progress.
    if (!bar || (!enriching && size <= progressBytes && records <= progressRows)) return;
    bar.update(bytes, enriching ? `looking up ${enriching.tally.books.toLocaleString('en-US')} books` : 'reading requests');
  };
  const batch: PreparedBatch = {
    options,
    path,
    loaded,
    asOf,
    score: (extra) =>
      scoreExport({
        path,
        policy: loaded.purchase,
        currency: loaded.currency,
        asOf,
        onProgress,
        enrich,
        threads: options.threads,
        columnNames: loaded.policy?.ill_export.columns,
        encoding: options.encoding ?? loaded.policy?.ill_export.encoding,
        dateOrder: loaded.policy?.ill_export.date_order,
        ...extra,
      }),
  };
  let run: ScoreRun;
  try {
    run = await work(batch);
  } catch (error) {
    bar?.clear();
    await enriching?.close();
    if (error instanceof ExportFormatError || error instanceof CsvFormatError) return fail([`${options.path}: ${error.message}`]);
    const { code, syscall } = error as NodeJS.ErrnoException;
    // The program reading standard output stopped reading (`| head`): stop, as Unix tools do, without a word.
    if (code === 'EPIPE' && options.out === undefined) return 0;
    if (code && syscall === 'write' && options.out !== undefined) return fail([new OutputFileError(options.out, resolve(io.cwd, options.out), code).message]);
    if (code) return fail([`${(error as Error).message}`]);
    throw error;
  }
  bar?.clear();
  await enriching?.close();
  const encodingNote = formatEncodingNote(run);
  const warnings = formatWarnings(run);
  const lines = [
    ...formatSkippedRows(run),
    ...(run.rowsSkipped > 0 ? [''] : []),
    ...(warnings.length > 0 ? [...warnings, ''] : []),
    ...(encodingNote ? [encodingNote, ''] : []),
    ...formatRunSummary(run, { asOf, currency: loaded.currency, windowDays: loaded.purchase.demand_window_days, policySource: loaded.source }),
    ...(enriching ? ['', ...enrichSummary(enriching.tally, enriching.describe)] : []),
  ];
  io.stderr.write(lines.join('\n') + '\n');
  return run.rowsSkipped > 0 ? 2 : 0;
}

/** What --enrich asked, and what it could not. */
function enrichSummary(tally: EnrichTally, systems: string[]): string[] {
  const lines = [
    `Looked up ${tally.books.toLocaleString('en-US')} ${tally.books === 1 ? 'book' : 'books'} (${tally.reused.toLocaleString('en-US')} more requests for them answered from this run) in:`,
    ...systems.map((system) => `  ${system}`),
  ];
  for (const [system, count] of tally.failures) lines.push(`${system} did not answer ${count.toLocaleString('en-US')} ${count === 1 ? 'time' : 'times'}; those facts stay unknown`);
  return lines;
}

/** The first line of a command's usage text. */
function usageLine(usage: string): string {
  return usage.split('\n', 1)[0]!;
}

/** "liaison ill score" from "Usage: liaison ill score <requests.csv> ...". */
function commandName(usage: string): string {
  return usageLine(usage).replace(/^Usage:\s*/, '').split(/\s+[<[]/, 1)[0]!;
}

/** Why --out cannot be written, and what to do about it. */
export class OutputFileError extends Error {
  readonly code: string;
  constructor(out: string, path: string, code: string) {
    const why: Record<string, string> = {
      ENOENT: `its folder ${dirname(path)} does not exist; create the folder or name a file in one that does`,
      EACCES: 'permission denied; name a file in a folder you can write to',
      EPERM: 'permission denied; name a file in a folder you can write to',
      EISDIR: 'that is a folder; name a file, e.g. --out verdicts.csv',
      ENOTDIR: 'a part of the path is a file, not a folder; check the path',
      EROFS: 'the disk is read-only; name a file on another disk',
      ENOSPC: 'the disk is full; free some space or name a file on another disk',
      EDQUOT: 'your disk quota is used up; free some space or name a file on another disk',
    };
    super(`cannot write --out ${out} (${path}): ${why[code] ?? code}`);
    this.name = 'OutputFileError';
    this.code = code;
  }
}

/** Where the output goes; `close` ends a file, and rejects with the first error the stream had. */
export interface OpenedOutput {
  stream: NodeJS.WritableStream;
  close(): Promise<void>;
}

/**
 * Opens --out for writing (resolving once it is open; else throws OutputFileError), or uses
 * stdout. The stream's errors are kept for `close` (and ScoredOutput stops at the first): without
 * a listener, a reader that stops reading (`liaison ill score ... | head`) crashed the process.
 */
export async function openOutput(out: string | undefined, io: CommandIO): Promise<OpenedOutput> {
  let failure: Error | null = null;
  if (out === undefined) {
    io.stdout.on('error', (error: Error) => (failure ??= error));
    return {
      stream: io.stdout,
      close: async () => {
        if (failure) throw failure;
      },
    };
  }
  const path = resolve(io.cwd, out);
  const stream = createWriteStream(path);
  await new Promise<void>((ready, failed) => {
    stream.once('open', () => ready());
    stream.once('error', (error: NodeJS.ErrnoException) => failed(new OutputFileError(out, path, error.code ?? error.message)));
  });
  stream.on('error', (error: NodeJS.ErrnoException) => (failure ??= new OutputFileError(out, path, error.code ?? error.message)));
  return {
    stream,
    close: async () => {
      if (!stream.destroyed) await new Promise<void>((done) => stream.end(() => done()));
      if (failure) throw failure;
    },
  };
}
