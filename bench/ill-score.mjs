// `liaison ill score` on a large ILLiad export, measured side by side with the floors it cannot
// beat: reading the file as UTF-8 text, and parsing it with the fastest CSV parsers a user
// could pick (uDSV, Papa Parse). Prints each time (median of N runs), rows per second, and
// the ratios score / parse-only floor (goal ≤ 1.5×) and score / fastest alternative.
//
// Environment: ILL_BENCH_ROWS (default 1000000), BENCH_RUNS (default 3).
// Needs the built packages (`npm run bench` at the root builds them first).
import { createReadStream, existsSync, statSync } from 'node:fs';
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

/** A UTF-8 text stream of the export, decoded as a stream (not chunk by chunk). */
function textStream() {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
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
async function scoreWithLiaison() {
  let stderr = '';
  const io = {
    stdout: nullSink(),
    stderr: new Writable({ write: (chunk, _encoding, done) => ((stderr += chunk), done()) }),
    cwd: here,
    env: {},
  };
  const code = await main(['ill', 'score', path, '--as-of', asOf, '--format', 'csv'], io);
  if (code !== 0 && code !== 2) throw new Error(`liaison ill score exited ${code}:\n${stderr}`);
  summary = stderr;
  return code;
}

const measures = [
  ['read as UTF-8 text only', readTextOnly],
  ['parse only: uDSV', parseWithUdsv],
  ['parse only: Papa Parse', parseWithPapa],
  ["parse only: Liaison's CSV reader", parseWithLiaisonReader],
  ['liaison ill score (2 passes, to a null sink)', scoreWithLiaison],
];
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
  console.log(`  ${name.padEnd(46)} ${seconds.toFixed(2).padStart(6)} s  ${perSecond.padStart(11)} rows/s`);
}
const score = medians.get('liaison ill score (2 passes, to a null sink)');
const floor = medians.get('parse only: uDSV');
const papa = medians.get('parse only: Papa Parse');
const ratio = (value) => `${value.toFixed(2)}×`;
console.log(`  score / parse-only floor (uDSV)       ${ratio(score / floor)} (goal ≤ 1.5×)`);
console.log(`  score / fastest alternative (Papa)    ${ratio(score / papa)}`);
console.log(`  score / reading the text              ${ratio(score / medians.get('read as UTF-8 text only'))}`);
console.log('\nSummary of the last scoring run:\n' + summary.replace(/^/gm, '  '));
