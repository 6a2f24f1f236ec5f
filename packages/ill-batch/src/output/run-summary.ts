/**
 * The summary a batch prints on stderr: verdict counts, the titles most in demand, and what
 * buying the BUY list would cost — the three things an acquisitions meeting asks first.
 */
import { formatMoney } from '@liaison/core/batch';
import type { ScoreRun } from '../score-export.js';
import { verdictOrder } from '../score-export.js';

const count = (n: number) => n.toLocaleString('en-US');

/** A count and its noun, singular for one: "1 request", "2,000 requests". */
export function counted(n: number, one: string, many: string): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** A note when the file was read as Windows-1252 because it was not UTF-8 (null otherwise). */
export function formatEncodingNote(run: ScoreRun): string | null {
  if (run.notUtf8Line === null) return null;
  return (
    `Note: line ${run.notUtf8Line} holds bytes that are not UTF-8, so the file was read as Windows-1252, the encoding of ` +
    'Excel\'s "CSV (Comma delimited)" on Windows. If titles below look wrong, name the encoding it was saved in with --encoding ' +
    '(or ill_export.encoding in the policy file).'
  );
}

/** The lines of the summary. `windowDays` is the policy's demand window in days. */
export function formatRunSummary(
  run: ScoreRun,
  { asOf, currency, windowDays, policySource }: { asOf: string; currency: string; windowDays: number; policySource: string },
): string[] {
  const lines = [
    `Scored ${counted(run.rowsScored, 'request', 'requests')} as of ${asOf} with the purchase policy from ${policySource}` +
      (run.rowsSkipped > 0 ? `; ${counted(run.rowsSkipped, 'row', 'rows')} skipped.` : '.'),
    '',
    'Verdicts:',
  ];
  const width = Math.max(...verdictOrder.map((verdict) => count(run.verdictCounts[verdict]).length));
  for (const verdict of verdictOrder) lines.push(`  ${verdict.toUpperCase().padEnd(7)}${count(run.verdictCounts[verdict]).padStart(width)}`);
  lines.push(...formatWhyNotBought(run));
  const top = run.topTitles.length === 1 ? 'The title' : `Top ${run.topTitles.length} titles`;
  lines.push('', `${top} by demand (most requests within ${counted(windowDays, 'day', 'days')}; requests in the file):`);
  run.topTitles.forEach((title, rank) => {
    const name = oneLine(title.title) || '(no title)';
    const by = title.author ? ` — ${oneLine(title.author)}` : '';
    const isbn = title.isbn ? ` (ISBN ${title.isbn})` : '';
    lines.push(`  ${String(rank + 1).padStart(2)}. ${String(title.peakDemand).padStart(4)} ${String(`(${title.requests})`).padStart(7)}  ${name}${by}${isbn}`);
  });
  const { titles, priced, unpriced, cost } = run.buy;
  lines.push(
    '',
    titles === 0
      ? 'The BUY list is empty.'
      : `Buying the BUY list: ${counted(titles, 'distinct title', 'distinct titles')}; ${priced === 1 ? 'the one' : `the ${count(priced)}`} with a price ${priced === 1 ? 'costs' : 'cost'} ${formatMoney(cost, currency)}` +
          (unpriced > 0 ? `; ${count(unpriced)} ${unpriced === 1 ? 'has' : 'have'} no price.` : '.'),
  );
  return lines;
}

/**
 * What kept titles from BUY, and what to do about it: one line per missing fact, biggest first
 * ("price unknown for 171 titles: add a Price column, a vendor price file, or --enrich").
 */
export function whyNotBought(run: ScoreRun): string[] {
  const { titles, priceUnknown, yearUnknown, availabilityUnknown } = run.review;
  if (titles === 0) return [];
  const missing: [number, string][] = [
    [priceUnknown, `price unknown for ${counted(priceUnknown, 'title', 'titles')}: add a Price column, a vendor price file (connectors.price), or --enrich`],
    [availabilityUnknown, `availability to buy unknown for ${counted(availabilityUnknown, 'title', 'titles')}: add an Available column, a vendor price file, or --enrich`],
    [yearUnknown, `no publication year for ${counted(yearUnknown, 'title', 'titles')}: the export's LoanDate is empty or has no whole year; --enrich can ask Google Books`],
  ];
  return missing.filter(([count]) => count > 0).sort((a, b) => b[0] - a[0]).map(([, line]) => line);
}

function formatWhyNotBought(run: ScoreRun): string[] {
  const reasons = whyNotBought(run);
  if (reasons.length === 0) return [];
  const head = `${counted(run.review.titles, 'title is', 'titles are')} at REVIEW, kept from BUY by what is not known:`;
  return ['', head, ...reasons.map((reason) => `  ${reason}`)];
}

/** Skipped rows as lines, at most `limit`, then how many more. */
export function formatSkippedRows(run: ScoreRun, limit = 100): string[] {
  const lines = run.skipped.slice(0, limit).map((row) => `line ${row.line}: ${row.problem}; row skipped`);
  const more = run.rowsSkipped - lines.length;
  if (more > 0) lines.push(`... and ${count(more)} more ${more === 1 ? 'row' : 'rows'} skipped`);
  return lines;
}

/** Rows scored but worth a look, at most `limit`, then how many more. */
export function formatWarnings(run: ScoreRun, limit = 100): string[] {
  const lines = run.warnings.slice(0, limit).map((warning) => (warning.line === null ? warning.problem : `line ${warning.line}: ${warning.problem}; row scored`));
  const more = run.warningCount - lines.length;
  if (more > 0) lines.push(`... and ${counted(more, 'more warning', 'more warnings')}`);
  return lines;
}

/** Text on one line: line breaks inside a title become spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
