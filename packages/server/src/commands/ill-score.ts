/**
 * `liaison ill score`: a verdict (BUY, REVIEW, BORROW, OWNED, FREE), a score and the reasons for
 * every request in a borrowing-request export, streamed as CSV or JSON, with a summary on stderr.
 */
import type { Command } from '../command.js';
import { ScoredOutput } from '@liaison/ill-batch';
import { openOutput, runBatch } from './ill/batch-run.js';

const usage = `Usage: liaison ill score <requests.csv> [--config liaison.config.yaml] [--as-of YYYY-MM-DD] [--format csv|json] [--out FILE] [--enrich] [--threads N] [--encoding E]

Scores every borrowing request in an export with ILLiad's column names (TransactionNumber,
RequestType, DocumentType, LoanTitle, LoanAuthor, LoanDate, ISSN, Status, CreationDate, ...;
optional Held, Price and Available columns give facts the library already knows). Fields may be
separated by commas, semicolons or tabs (told from the header line); prices may be written
"1,045.50" or "1.045,50"; CreationDate as ISO, M/D/YYYY (D/M/YYYY with the policy's
ill_export.date_order: day-first) or D.M.YYYY.

Options:
  --config FILE   the policy file whose purchase section is used (default: ./liaison.config.yaml
                  when there is one, else the built-in purchase policy)
  --as-of DATE    the day to evaluate on, YYYY-MM-DD (default: today), so runs can be repeated
  --format F      csv (default) or json
  --out FILE      write the verdicts to FILE instead of standard output
  --enrich        look up what the export leaves unknown (held, price, in print, an open-access
                  copy) from the systems the policy's connectors section names (holdings, price,
                  open_access: FOLIO, Koha, Alma, Sierra, a vendor price file, Google Books,
                  DOAB/OAPEN, Unpaywall; demo only where the policy says demo), as the hub asks
                  them; each book once per run, 8 at a time, with the hub's cache when
                  DATABASE_URL is set; needs a policy file
  --threads N     threads to read a large file with (default: one per processor, at most 4;
                  1 uses none). The output is the same whatever the number. With
                  --enrich the file is read in one thread, as the look-ups are the slow part.
  --encoding E    the file's text encoding when it starts with no byte-order mark: utf-8,
                  windows-1252 (Excel's "CSV (Comma delimited)" on Windows), utf-16le or
                  utf-16be (default: the policy's ill_export.encoding, else UTF-8, or
                  Windows-1252 when the file is not UTF-8, with a note saying so)

Demand is the number of requests in the file for the same title (same ISBN, or the same title
and author) created within the policy's demand_window_days up to the request's own day.
Rows that cannot be read are listed with their line numbers and skipped.
The file is read once; a large file (8 MiB a part or more) is read in parts by worker threads,
and the output is the same as with one thread. Memory grows with the rows, by design and within
a bound: 36 bytes a request in typed arrays, plus each distinct title's ISBN or key (1,000,000
requests: about 270–340 MB peak resident with 2 threads, 200–240 MB with one, against 145 MB to
parse the file alone; see bench/ill-score.mjs). Verdicts are written once the whole file has been
read, because demand needs every request's date.
Exit codes: 0 every row scored; 2 some rows skipped; 1 nothing scored (missing file, bad policy,
no TransactionNumber column).`;

export const illScoreCommand: Command = {
  usage,
  run: (args, io) =>
    runBatch(args, io, {
      usage,
      allowEnrich: true,
      allowFormat: true,
      work: async (batch) => {
        const output = await openOutput(batch.options.out, io);
        const scored = new ScoredOutput(output.stream, batch.options.format);
        try {
          const run = await batch.score({ output: scored });
          await scored.finish();
          return run;
        } finally {
          await output.close();
        }
      },
    }),
};
