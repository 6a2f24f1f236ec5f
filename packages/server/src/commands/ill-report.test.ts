import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { CommandIO } from '../command.js';

const folder = mkdtempSync(join(tmpdir(), 'liaison-ill-report-'));

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: new Writable({ write: (chunk, _e, done) => ((stdout += chunk), done()) }),
    stderr: new Writable({ write: (chunk, _e, done) => ((stderr += chunk), done()) }),
    cwd: folder,
    env: {},
  };
  return { code: await main(args, io), stdout, stderr };
}

const header = 'TransactionNumber,RequestType,DocumentType,LoanTitle,LoanAuthor,LoanDate,ISSN,CreationDate,Held,Price,Available';
const hostileTitle = '<script>alert("x")</script> & <b>Tom & Jerry\'s</b>';

describe('liaison ill report', () => {
  const path = join(folder, 'requests.csv');
  writeFileSync(
    path,
    [
      header,
      `1,Loan,Book,"${hostileTitle.replaceAll('"', '""')}","O'Neil, <Cathy>",2024,9780262044004,2025-03-01,no,40,yes`,
      '2,Loan,Book,Data feminism,"D\'Ignazio, Catherine",2024,0262044005,2025-03-02,no,40,yes',
      '3,Loan,Book,The climate of history in a planetary age,"Chakrabarty, Dipesh",c2024,978-0-226-10055-5,2025-03-03,no,,yes',
      '4,Article,Article,,,2019,0028-0836,2025-03-04,,,',
      '5,Loan,Book,Owned already,X,2024,1571313567,2025-03-05,yes,20,yes',
    ].join('\n'),
  );

  it('writes a self-contained page with the BUY list, the charts, the cost and the policy used', async () => {
    const out = join(folder, 'report.html');
    const { code, stderr } = await run(['ill', 'report', path, '--as-of', '2025-06-30', '--out', out]);
    expect(stderr).toMatch(/Scored 5 requests/);
    expect(code).toBe(0);
    const page = readFileSync(out, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('as of 2025-06-30');
    expect(page).toContain('The climate of history in a planetary age');
    expect(page).toContain('9780226100555');
    expect(page.match(/<svg /g)).toHaveLength(2);
    expect(page).toContain('>BUY<');
    expect(page).toContain('demand_window_days');
    expect(page).toMatch(/1 distinct title on the BUY list; the one with a known price costs <strong>\$[\d,.]+<\/strong>/);
    // Nothing is fetched from elsewhere.
    expect(page).not.toMatch(/\b(src|href)=|<script|<link|@import|url\(/i);
  });

  it('escapes every piece of text from the export', async () => {
    const { stdout } = await run(['ill', 'report', path, '--as-of', '2025-06-30']);
    expect(stdout).not.toContain('<script>');
    expect(stdout).not.toContain('<b>');
    expect(stdout).not.toContain('<Cathy>');
    expect(stdout).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;');
    // Every tag on the page is one the report writes itself.
    const tags = new Set([...stdout.matchAll(/<\/?([a-zA-Z0-9]+)/g)].map((m) => m[1]!.toLowerCase()));
    const allowed = ['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'p', 'svg', 'text', 'rect', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'li', 'br', 'span', 'strong'];
    expect([...tags].filter((tag) => !allowed.includes(tag))).toEqual([]);
  });

  it('ranks the BUY list by score', async () => {
    const { stdout } = await run(['ill', 'report', path, '--as-of', '2025-06-30']);
    const body = stdout.slice(stdout.indexOf('BUY list, best score first'));
    const scores = [...body.matchAll(/<td class="n">(\d+)<\/td><td><ul>/g)].map((m) => Number(m[1]));
    expect(scores.length).toBeGreaterThan(0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});
