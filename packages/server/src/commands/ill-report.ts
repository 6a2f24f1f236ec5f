/**
 * `liaison ill report`: the same scoring as `liaison ill score`, written as one self-contained
 * HTML page for an acquisitions meeting (charts, the BUY list, cost, the policy used).
 */
import { basename } from 'node:path';
import type { Command } from '../command.js';
import { renderIllReport } from '@liaison/ill-batch';
import { openOutput, runBatch } from './ill/batch-run.js';

const usage = `Usage: liaison ill report <requests.csv> [--config liaison.config.yaml] [--as-of YYYY-MM-DD] [--enrich] [--threads N] [--encoding E] --out report.html

Scores every borrowing request in an export, as \`liaison ill score\` does, and writes an HTML
report for an acquisitions meeting: verdict counts, how demand is spread, the BUY list ranked by
score with title, ISBN, demand, price and reasons, what it would cost, and the policy used.
The page has no external assets: open it in any browser, attach it to an e-mail, or print it.

Options:
  --config FILE   the policy file whose purchase section is used (default: ./liaison.config.yaml
                  when there is one, else the built-in purchase policy)
  --as-of DATE    the day to evaluate on, YYYY-MM-DD (default: today)
  --out FILE      where to write the page (default: standard output)
  --enrich        look up unknown facts from the policy's connectors, as \`liaison ill score\` does
  --threads N     threads to read a large file with (default: one per processor, at most 4)
  --encoding E    the file's text encoding when it starts with no byte-order mark: utf-8,
                  windows-1252 (Excel's "CSV (Comma delimited)" on Windows), utf-16le or
                  utf-16be (default: the policy's ill_export.encoding, else UTF-8, or
                  Windows-1252 when the file is not UTF-8, with a note saying so)

Exit codes: 0 every row scored; 2 some rows skipped; 1 nothing scored.`;

export const illReportCommand: Command = {
  usage,
  run: (args, io) =>
    runBatch(args, io, {
      usage,
      allowEnrich: true,
      allowFormat: false,
      work: async (batch) => {
        const output = await openOutput(batch.options.out, io);
        try {
          const run = await batch.score({ collectBuyList: true });
          const page = renderIllReport(run, {
            fileName: basename(batch.options.path),
            asOf: batch.asOf,
            currency: batch.loaded.currency,
            policy: batch.loaded.purchase,
            policySource: batch.loaded.source,
          });
          output.stream.write(page);
          return run;
        } finally {
          await output.close();
        }
      },
    }),
};
