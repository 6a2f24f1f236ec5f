// `liaison ill score` on a large ILLiad export, measured side by side with the floors it cannot
// beat: reading the file as UTF-8 text, and parsing it with Papa Parse — the parser `ill score`
// uses — alone. Also shown: uDSV, the fastest parser a user could pick (it does not keep ragged
// rows apart or report positions, so `ill score` cannot use it), and Liaison's reader (Papa Parse
// with line numbers and byte offsets). `ill score` is measured as a user runs it (a large file is
// read by one worker thread per processor, at most 4) and with --threads 1, since the floor is
// one thread too. Prints each time (median of N runs, interleaved), rows per second, the ratios
// score / parse-only floor (goal ≤ 1.5×) and score / fastest alternative, and the peak resident
// memory of scoring runs and of a parse-only run, each measured in a process of its own.
//
// Environment: ILL_BENCH_ROWS (default 1000000), BENCH_RUNS (default 3).
// Needs the built packages (`npm run bench` at the root builds them first).
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { inferSchema, initParser } from 'udsv';
import { main, readCsvFile } from '@liaison/server';
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

// A child run of one measure, to read its peak memory alone: `node ill-score.mjs --peak <measure>`.
const peakOf = process.argv[2] === '--peak' ? process.argv[3] : undefined;

/**
 * A UTF-8 text stream of the export, decoded as a stream (not chunk by chunk), in the 64 KiB
 * pieces `ill score` reads. Papa Parse is fastest so too: with 1 MiB pieces its chunk mode was
 * measured 2–3× slower on a million rows (each piece's text and rows outlive the young
 * generation and wait for a full collection), which made an easy floor.
 */
function textStream() {
  const stream = createReadStream(path, { highWaterMark: 64 << 10 });
  stream.setEncoding('utf8');
  return stream;
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
const scoreName = `liaison ill score (default: ${Math.min(threads, 4)} thread${threads > 1 ? 's' : ''}, null sink)`;
const scoreOneThreadName = 'liaison ill score --threads 1 (null sink)';
const measures = [
  [readText, readTextOnly],
  [floorName, parseWithPapa],
  [readerName, parseWithLiaisonReader],
  [fastestName, parseWithUdsv],
  [scoreName, () => scoreWithLiaison()],
  [scoreOneThreadName, () => scoreWithLiaison(1)],
];

if (peakOf !== undefined) {
  await measures.find(([name]) => name === peakOf)[1]();
  // ru_maxrss: the most resident memory the process ever held, in kilobytes.
  console.log(String(process.resourceUsage().maxRSS));
  process.exit(0);
}
const times = new Map(measures.map(([name]) => [name, []]));
// Interleaved, so a slow moment on a shared machine hurts every measure alike.
for (let run = 0; run < runs; run++) {
  for (const [name, measure] of measures) {
    const start = performance.now();
    await measure();
    times.get(name).push((performance.now() - start) / 1000);
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
console.log(`  score / Liaison's reader (parse + lines)     ${ratio(score / medians.get(readerName))}`);
console.log(`  score / fastest alternative (uDSV)           ${ratio(score / fastest)}`);
console.log(`  score / reading the text                     ${ratio(score / medians.get(readText))}`);

const peakMegabytes = (name) => {
  const kilobytes = Number(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--peak', name], { encoding: 'utf8' }).trim().split('\n').at(-1));
  return kilobytes / 1024;
};
const scorePeak = peakMegabytes(scoreName);
const oneThreadPeak = peakMegabytes(scoreOneThreadName);
const parsePeak = peakMegabytes(floorName);
console.log(`  peak RSS, liaison ill score                  ${scorePeak.toFixed(0).padStart(5)} MB (${(((scorePeak - parsePeak) * 1024 * 1024) / rows).toFixed(0)} bytes a row over parse-only)`);
console.log(`  peak RSS, liaison ill score --threads 1      ${oneThreadPeak.toFixed(0).padStart(5)} MB (${(((oneThreadPeak - parsePeak) * 1024 * 1024) / rows).toFixed(0)} bytes a row over parse-only)`);
console.log(`  peak RSS, parse only (Papa Parse)            ${parsePeak.toFixed(0).padStart(5)} MB`);
console.log('\nSummary of the last scoring run:\n' + summary.replace(/^/gm, '  '));
