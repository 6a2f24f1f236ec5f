// `liaison ill score` on a large ILLiad export, measured side by side with the floors it cannot
// beat: reading the file as UTF-8 text, and parsing it with Papa Parse — the parser `ill score`
// uses — alone. Also shown: uDSV, the fastest parser a user could pick (it does not keep ragged
// rows apart or report positions, so `ill score` cannot use it), and Liaison's reader (Papa Parse
// with line numbers and byte offsets). `ill score` is measured as a user runs it (a large file is
// read by one worker thread per processor, at most 4) and with --threads 1, since the floor is
// one thread too, and Papa Parse alone is measured in as many threads as `ill score` reads with.
// Every run of every measure is a Node process of its own (start-up not counted), interleaved.
// Prints each time (median of N runs), rows per second, the ratios score / parse-only floor
// (goal ≤ 1.5×) and score / fastest alternative, how this machine scales work across threads,
// and the peak resident memory of scoring and of parsing alone (median of the runs).
//
// Environment: ILL_BENCH_ROWS (default 1000000), BENCH_RUNS (default 3).
// Needs the built packages (`npm run bench` at the root builds them first).
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import Papa from 'papaparse';
import { inferSchema, initParser } from 'udsv';
import { readCsvFile } from '@liaison/ill-batch';
import { main } from '@liaison/server';
import { generateIllExport } from './generate-illiad-export.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const rows = Number(process.env.ILL_BENCH_ROWS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const path = join(here, 'data', `illiad-${rows}.csv`);
const asOf = '2025-06-30';

if (!existsSync(path)) {
  console.log(`generating ${rows.toLocaleString('en-US')} requests into ${path} ...`);
  await generateIllExport({ rows, path });
}
const megabytes = statSync(path).size / 1e6;

const measureOnly = process.argv[2] === '--measure' ? process.argv[3] : undefined;

/**
 * A UTF-8 text stream of the export, decoded as a stream (not chunk by chunk), in the 64 KiB
 * pieces `ill score` reads. Papa Parse is fastest so too: with 1 MiB pieces its chunk mode was
 * measured 2–3× slower on a million rows (each piece's text and rows outlive the young
 * generation and wait for a full collection), which made an easy floor. Decoded by the WHATWG
 * TextDecoder, as `ill score` decodes: faster here than setEncoding('utf8') (its StringDecoder),
 * so the floor is as low as a user could make it.
 */
function textStream() {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  async function* decoded() {
    for await (const bytes of createReadStream(path, { highWaterMark: 64 << 10 })) {
      const text = decoder.decode(bytes, { stream: true });
      if (text !== '') yield text;
    }
    const rest = decoder.decode();
    if (rest !== '') yield rest;
  }
  return Readable.from(decoded(), { objectMode: true });
}

async function readTextOnly() {
  let characters = 0;
  for await (const text of textStream()) characters += text.length;
  return characters;
}

async function parseWithUdsv() {
  let records = 0;
  let parser = null;
  for await (const text of textStream()) {
    parser ??= initParser(inferSchema(text));
    parser.chunk(text, parser.stringArrs, () => {
      records += 1;
    });
  }
  parser.end();
  return records;
}

function parseWithPapa() {
  return new Promise((resolve, reject) => {
    let records = 0;
    Papa.parse(textStream(), {
      chunk: (results) => {
        records += results.data.length;
      },
      complete: () => resolve(records),
      error: reject,
    });
  });
}

/**
 * Where each of `count` parts of the file starts: 0, then the byte after the first line break at
 * or after each share. (A line break inside a quoted field would split one record in two; for a
 * floor of the time to parse, that does not matter.)
 */
function partStarts(count) {
  const size = statSync(path).size;
  const file = openSync(path, 'r');
  const buffer = Buffer.alloc(64 << 10);
  const starts = [0];
  for (let k = 1; k < count; k++) {
    const share = Math.floor((size * k) / count);
    const bytes = readSync(file, buffer, 0, buffer.length, share);
    starts.push(share + buffer.subarray(0, bytes).indexOf(10) + 1);
  }
  closeSync(file);
  return starts.map((start, k) => [start, k + 1 < count ? starts[k + 1] : size]);
}

/** Runs `source` (CommonJS, with `workerData`) in one worker thread per entry of `data`; resolves when all have posted. */
function inThreads(source, data) {
  return Promise.all(
    data.map(
      (workerData) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(source, { eval: true, workerData });
          worker.once('message', (value) => worker.terminate().then(() => resolve(value)));
          worker.once('error', reject);
        }),
    ),
  );
}

const papaPath = createRequire(import.meta.url).resolve('papaparse');
/** Papa Parse over a part of the file, as parseWithPapa over the whole. */
const papaPartSource = `
  const { parentPort, workerData } = require('node:worker_threads');
  const { createReadStream } = require('node:fs');
  const Papa = require(workerData.papaPath);
  const { Readable } = require('node:stream');
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  async function* decoded() {
    for await (const bytes of createReadStream(workerData.path, { start: workerData.start, end: workerData.end - 1, highWaterMark: 64 << 10 })) {
      const text = decoder.decode(bytes, { stream: true });
      if (text !== '') yield text;
    }
  }
  const stream = Readable.from(decoded(), { objectMode: true });
  let records = 0;
  Papa.parse(stream, { chunk: (results) => { records += results.data.length; }, complete: () => parentPort.postMessage(records) });
`;

/** Papa Parse alone on the file in as many parts as `ill score` reads it in, one thread each: the floor for the reading. */
async function parseWithPapaInThreads() {
  const counts = await inThreads(papaPartSource, partStarts(scoreThreads).map(([start, end]) => ({ papaPath, path, start, end })));
  return counts.reduce((a, b) => a + b, 0);
}

async function parseWithLiaisonReader() {
  let records = 0;
  await readCsvFile(path, () => {
    records += 1;
  });
  return records;
}

const nullSink = () => new Writable({ write: (_chunk, _encoding, done) => done() });

let summary = '';
async function scoreWithLiaison(threads) {
  let stderr = '';
  const io = {
    stdout: nullSink(),
    stderr: new Writable({ write: (chunk, _encoding, done) => ((stderr += chunk), done()) }),
    cwd: here,
    env: {},
  };
  const code = await main(['ill', 'score', path, '--as-of', asOf, '--format', 'csv', ...(threads ? ['--threads', String(threads)] : [])], io);
  if (code !== 0 && code !== 2) throw new Error(`liaison ill score exited ${code}:\n${stderr}`);
  summary = stderr;
  return code;
}

const readText = 'read as UTF-8 text only';
const floorName = 'parse only: Papa Parse (ill score\'s parser)';
const readerName = 'parse only: Papa Parse + line numbers (Liaison\'s reader)';
const fastestName = 'parse only: uDSV (fastest alternative)';
const threads = availableParallelism();
const scoreThreads = Math.min(threads, 4);
const scoreName = `liaison ill score (default: ${scoreThreads} thread${threads > 1 ? 's' : ''}, null sink)`;
const parallelFloorName = `parse only: Papa Parse in ${scoreThreads} thread${scoreThreads > 1 ? 's' : ''}, a part each`;
const scoreOneThreadName = 'liaison ill score --threads 1 (null sink)';
const measures = [
  [readText, readTextOnly],
  [floorName, parseWithPapa],
  ...(scoreThreads > 1 ? [[parallelFloorName, parseWithPapaInThreads]] : []),
  [readerName, parseWithLiaisonReader],
  [fastestName, parseWithUdsv],
  [scoreName, () => scoreWithLiaison()],
  [scoreOneThreadName, () => scoreWithLiaison(1)],
];

// A child run of one measure: `node ill-score.mjs --measure <name>` prints, as its last line,
// the seconds the measure took, the peak memory of the process and the scoring summary, if any.
if (measureOnly !== undefined) {
  const measure = measures.find(([name]) => name === measureOnly);
  if (measure === undefined) throw new Error(`no measure named "${measureOnly}"`);
  const start = performance.now();
  await measure[1]();
  const seconds = (performance.now() - start) / 1000;
  // ru_maxrss: the most resident memory the process ever held, in kilobytes.
  console.log(JSON.stringify({ seconds, peakKilobytes: process.resourceUsage().maxRSS, summary }));
  process.exit(0);
}

/** Runs one measure in a Node process of its own. */
function runAlone(name) {
  const output = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', name], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(output.trim().split('\n').at(-1));
}

const times = new Map(measures.map(([name]) => [name, []]));
const peaks = new Map(measures.map(([name]) => [name, []]));
// Each run in a fresh process: measured in one process, the measures were seen to slow each
// other down (the heap left by a scoring run made the next parse-only run up to 3× slower).
// Interleaved, so a slow moment on a shared machine hurts every measure alike.
for (let run = 0; run < runs; run++) {
  for (const [name] of measures) {
    const result = runAlone(name);
    times.get(name).push(result.seconds);
    peaks.get(name).push(result.peakKilobytes / 1024);
    if (result.summary) summary = result.summary;
  }
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

console.log(`\nill score: ${rows.toLocaleString('en-US')} rows, ${megabytes.toFixed(0)} MB, median of ${runs} runs, Node ${process.version}`);
const medians = new Map();
for (const [name] of measures) {
  const seconds = median(times.get(name));
  medians.set(name, seconds);
  const perSecond = Math.round(rows / seconds).toLocaleString('en-US');
  console.log(`  ${name.padEnd(60)} ${seconds.toFixed(2).padStart(6)} s  ${perSecond.padStart(11)} rows/s`);
}
const score = medians.get(scoreName);
const floor = medians.get(floorName);
const fastest = medians.get(fastestName);
const ratio = (value) => `${value.toFixed(2)}×`;
console.log(`  score / parse-only floor (Papa Parse)        ${ratio(score / floor)} (goal ≤ 1.5×)`);
console.log(`  score in one thread / parse-only floor       ${ratio(medians.get(scoreOneThreadName) / floor)} (the floor is one thread too)`);
if (scoreThreads > 1) {
  console.log(`  score / parse-only floor in the same threads ${ratio(score / medians.get(parallelFloorName))}`);
}
console.log(`  score / Liaison's reader (parse + lines)     ${ratio(score / medians.get(readerName))}`);
console.log(`  score / fastest alternative (uDSV)           ${ratio(score / fastest)}`);
console.log(`  score / reading the text                     ${ratio(score / medians.get(readText))}`);

// How this machine runs work in threads: the same loop in each of `scoreThreads` threads at
// once, against one thread alone. Arithmetic scales when the processors are real; scattered
// memory reads (the hash look-ups and row tables of `ill score`) scale only as far as the
// caches and memory do, which bounds what more threads can give.
const loopSources = {
  arithmetic: `let x = 0; for (let i = 0; i < 1e8; i++) x = (x * 31 + i) | 0; require('node:worker_threads').parentPort.postMessage(x);`,
  'scattered memory reads': `const a = new Int32Array(1 << 24); let s = 0;
    for (let r = 0; r < 8; r++) for (let i = 0; i < a.length; i += 16) { a[(i * 7919) & (a.length - 1)] += i; s += a[i]; }
    require('node:worker_threads').parentPort.postMessage(s);`,
};
if (scoreThreads > 1) {
  console.log(`  this machine, the same loop in ${scoreThreads} threads at once / in one thread (median of 3):`);
  for (const [name, source] of Object.entries(loopSources)) {
    const slowdowns = [];
    for (let run = 0; run < 3; run++) {
      let start = performance.now();
      await inThreads(source, [null]);
      const alone = performance.now() - start;
      start = performance.now();
      await inThreads(source, Array.from({ length: scoreThreads }, () => null));
      slowdowns.push((performance.now() - start) / alone);
    }
    console.log(`    ${name.padEnd(41)} ${ratio(median(slowdowns))} (1.00× would be perfect scaling)`);
  }
}

const scorePeak = median(peaks.get(scoreName));
const oneThreadPeak = median(peaks.get(scoreOneThreadName));
const parsePeak = median(peaks.get(floorName));
const overParse = (peak) => `${(((peak - parsePeak) * 1024 * 1024) / rows).toFixed(0)} bytes a row over parse-only`;
const peakLine = (name, megabytes, note = '') => console.log(`  peak RSS, ${name.padEnd(34)} ${megabytes.toFixed(0).padStart(5)} MB${note}`);
console.log('  (peak resident memory, median of the runs)');
peakLine('liaison ill score', scorePeak, ` (${overParse(scorePeak)})`);
peakLine('liaison ill score --threads 1', oneThreadPeak, ` (${overParse(oneThreadPeak)})`);
peakLine('parse only (Papa Parse)', parsePeak);
console.log('\nSummary of the last scoring run:\n' + summary.replace(/^/gm, '  '));
