/**
 * The acquisitions-meeting report of a batch run: one self-contained HTML page (no scripts, no
 * external assets; the charts are inline SVG) with the verdict counts, how demand is spread,
 * the BUY list ranked by score, what it would cost, and the policy and date it was scored with.
 * Every piece of text from the export or the policy is escaped.
 */
import type { PurchasePolicy } from '@liaison/core';
import { formatMoney } from '@liaison/core/batch';
import { counted, formatSkippedRows, formatWarnings, oneLine, whyNotBought } from './run-summary.js';
import type { ScoreRun, Verdict } from '../score-export.js';
import { demandBucketLabels, verdictOrder } from '../score-export.js';

/** Text made safe for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const verdictColours: Record<Verdict, string> = {
  buy: '#2e7d32',
  review: '#b26a00',
  borrow: '#1565c0',
  owned: '#5f6368',
  free: '#00796b',
};

const count = (n: number) => n.toLocaleString('en-US');

/** A horizontal bar chart: one labelled bar per entry, the count written beside it. */
function barChart(entries: { label: string; value: number; colour: string }[], title: string): string {
  const rowHeight = 28;
  const labelWidth = 90;
  const barSpace = 360;
  const max = Math.max(1, ...entries.map((entry) => entry.value));
  const height = entries.length * rowHeight + 10;
  const bars = entries
    .map((entry, i) => {
      const y = 5 + i * rowHeight;
      const width = Math.round((entry.value / max) * barSpace);
      return (
        `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${escapeHtml(entry.label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${width}" height="${rowHeight - 8}" fill="${entry.colour}"><title>${escapeHtml(`${entry.label}: ${count(entry.value)}`)}</title></rect>` +
        `<text x="${labelWidth + width + 6}" y="${y + 17}">${count(entry.value)}</text>`
      );
    })
    .join('');
  return `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${labelWidth + barSpace + 90} ${height}" width="${labelWidth + barSpace + 90}" height="${height}" font-size="13">${bars}</svg>`;
}

/** A column chart of how many requests had each demand. */
function columnChart(labels: string[], values: number[], title: string): string {
  const columnWidth = 56;
  const plotHeight = 160;
  const max = Math.max(1, ...values);
  const width = labels.length * columnWidth + 20;
  const columns = labels
    .map((label, i) => {
      const value = values[i] ?? 0;
      const barHeight = Math.round((value / max) * plotHeight);
      const x = 10 + i * columnWidth;
      const y = 20 + plotHeight - barHeight;
      return (
        `<rect x="${x + 6}" y="${y}" width="${columnWidth - 12}" height="${barHeight}" fill="#1565c0"><title>${escapeHtml(`demand ${label}: ${count(value)} requests`)}</title></rect>` +
        `<text x="${x + columnWidth / 2}" y="${y - 4}" text-anchor="middle">${count(value)}</text>` +
        `<text x="${x + columnWidth / 2}" y="${plotHeight + 38}" text-anchor="middle">${escapeHtml(label)}</text>`
      );
    })
    .join('');
  return `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${plotHeight + 48}" width="${width}" height="${plotHeight + 48}" font-size="12">${columns}</svg>`;
}

/** What an empty list in the purchase policy means, where "(none)" would mislead. */
const emptyListMeaning: Record<string, string> = {
  eligible_patron_statuses: 'every patron (no status is excluded)',
  exclude_document_types: 'none (every document type may be bought)',
};

/** A policy value as text: lists joined, an empty list as what it means. */
function policyValue(key: string, value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? (emptyListMeaning[key] ?? '(none)') : value.join(', ');
  if (value === null || value === undefined) return '(not set)';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export interface ReportContext {
  /** The export's file name, as given. */
  fileName: string;
  asOf: string;
  currency: string;
  policy: PurchasePolicy;
  policySource: string;
}

/** The whole report page. */
export function renderIllReport(run: ScoreRun, context: ReportContext): string {
  const { currency } = context;
  const buyList = run.buyList ?? [];
  const title = `Buy or borrow: ${context.fileName} as of ${context.asOf}`;
  const verdictChart = barChart(
    verdictOrder.map((verdict) => ({ label: verdict.toUpperCase(), value: run.verdictCounts[verdict], colour: verdictColours[verdict] })),
    'Requests by verdict',
  );
  const demandChart = columnChart(demandBucketLabels, run.demandBuckets, 'Requests by demand');
  const policyRows = Object.entries(context.policy)
    .map(([key, value]) => `<tr><th scope="row">${escapeHtml(key)}</th><td>${escapeHtml(policyValue(key, value))}</td></tr>`)
    .join('');
  const topRows = run.topTitles
    .map(
      (t, i) =>
        `<tr><td>${i + 1}</td><td>${escapeHtml(oneLine(t.title) || '(no title)')}</td><td>${escapeHtml(oneLine(t.author))}</td><td>${escapeHtml(t.isbn)}</td><td class="n">${count(t.peakDemand)}</td><td class="n">${count(t.requests)}</td></tr>`,
    )
    .join('');
  const buyRows = buyList
    .map(
      (t, i) =>
        `<tr><td class="n">${i + 1}</td><td>${escapeHtml(oneLine(t.title) || '(no title)')}${t.author ? `<br><span class="by">${escapeHtml(oneLine(t.author))}</span>` : ''}</td>` +
        `<td>${escapeHtml(t.isbn)}</td><td class="n">${count(t.peakDemand)}</td><td class="n">${t.price === null ? '<span class="unknown">unknown</span>' : escapeHtml(formatMoney(t.price, currency))}</td>` +
        `<td class="n">${t.score}</td><td><ul>${t.reasons.map((r) => `<li>${escapeHtml(r.message)}</li>`).join('')}</ul></td>` +
        `<td>${escapeHtml(t.transactionNumbers.slice(0, 5).join(', '))}${t.transactionNumbers.length > 5 ? ` and ${t.transactionNumbers.length - 5} more` : ''}</td></tr>`,
    )
    .join('');
  const { titles, priced, unpriced, cost } = run.buy;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #202124; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #dadce0; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #e8eaed; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
td.n { text-align: right; white-space: nowrap; } .by { color: #5f6368; } .unknown { color: #b26a00; }
ul { margin: 0; padding-left: 1rem; } .totals { font-size: 1.1rem; } svg text { fill: #202124; }
@media print { body { margin: 0; } }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${counted(run.rowsScored, 'request', 'requests')} scored${run.rowsSkipped > 0 ? `; ${counted(run.rowsSkipped, 'row', 'rows')} could not be read and ${run.rowsSkipped === 1 ? 'was' : 'were'} skipped` : ''}. Evaluated as of ${escapeHtml(context.asOf)} with the purchase policy from ${escapeHtml(context.policySource)}.</p>

<h2>Verdicts</h2>
${verdictChart}

<h2>What buying the BUY list would cost</h2>
<p class="totals">${
    titles === 0
      ? 'The BUY list is empty.'
      : `${counted(titles, 'distinct title', 'distinct titles')} on the BUY list; ${priced === 1 ? 'the one' : `the ${count(priced)}`} with a known price ${priced === 1 ? 'costs' : 'cost'} <strong>${escapeHtml(formatMoney(cost, currency))}</strong>${unpriced > 0 ? `; ${count(unpriced)} ${unpriced === 1 ? 'has' : 'have'} no price yet` : ''}.`
  }</p>
${
  run.review.titles === 0
    ? ''
    : `<h2>What kept titles from BUY</h2>
<p>${escapeHtml(counted(run.review.titles, 'title is', 'titles are'))} at REVIEW, kept from BUY by what is not known:</p>
<ul>${whyNotBought(run).map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`
}

<h2>Demand</h2>
<p>Requests by demand: how many requests for the same title arrived within ${escapeHtml(counted(context.policy.demand_window_days, 'day', 'days'))} up to each request.</p>
${demandChart}

<h2>Titles most in demand</h2>
<table><thead><tr><th>#</th><th>Title</th><th>Author</th><th>ISBN</th><th>Peak demand</th><th>Requests in file</th></tr></thead><tbody>${topRows}</tbody></table>

<h2>BUY list, best score first</h2>
${buyList.length === 0 ? '<p>No request has a BUY verdict.</p>' : `<table><thead><tr><th>#</th><th>Title</th><th>ISBN</th><th>Demand</th><th>Price</th><th>Score</th><th>Reasons</th><th>Requests</th></tr></thead><tbody>${buyRows}</tbody></table>`}

${
  run.rowsSkipped + run.warningCount === 0
    ? ''
    : `<h2>Rows to check in the export</h2>
${run.rowsSkipped > 0 ? `<p>${escapeHtml(counted(run.rowsSkipped, 'row', 'rows'))} could not be read and ${run.rowsSkipped === 1 ? 'was' : 'were'} left out:</p>\n<ul>${formatSkippedRows(run).map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : ''}
${run.warningCount > 0 ? `<p>${escapeHtml(counted(run.warningCount, 'row was', 'rows were'))} scored but ${run.warningCount === 1 ? 'deserves' : 'deserve'} a look:</p>\n<ul>${formatWarnings(run).map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : ''}`
}

<h2>Policy used</h2>
<table><tbody>${policyRows}<tr><th scope="row">currency</th><td>${escapeHtml(currency)}</td></tr><tr><th scope="row">as of</th><td>${escapeHtml(context.asOf)}</td></tr></tbody></table>
</body>
</html>
`;
}
