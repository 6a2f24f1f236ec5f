import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createDemoLibrary } from '@liaison/connectors';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { main } from '../cli.js';
import type { CommandIO } from '../command.js';
import { CsvRecordParser } from '@liaison/ill-batch';

const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/illiad-borrowing.csv');
const folder = mkdtempSync(join(tmpdir(), 'liaison-ill-score-'));
const exampleConfig = join(dirname(fileURLToPath(import.meta.url)), '../../../../examples/liaison.config.yaml');

/** Runs `liaison ...args` in-process; resolves to the exit code and what it wrote. */
async function run(args: string[], { isTTY = false } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: Object.assign(new Writable({ write: (chunk, _e, done) => ((stdout += chunk), done()) }), { isTTY: false }),
    stderr: Object.assign(new Writable({ write: (chunk, _e, done) => ((stderr += chunk), done()) }), { isTTY }),
    cwd: folder,
    env: {},
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** CSV text as records (header included). */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  const parser = new CsvRecordParser((fields) => records.push([...fields]));
  parser.push(text);
  parser.finish();
  return records;
}

const fixtureNumbers = ['512001', '512002', '512003', '512004', '512005', '512006', '512007', '512008'];

describe('liaison ill score', () => {
  it('writes one CSV row per request, in input order, with verdict, score and reasons', async () => {
    const { code, stdout, stderr } = await run(['ill', 'score', fixture, '--as-of', '2025-06-30']);
    expect(stderr).not.toMatch(/skipped/);
    expect(code).toBe(0);
    const [head, ...rows] = csvRecords(stdout);
    expect(head).toEqual(['TransactionNumber', 'verdict', 'score', 'reasons']);
    expect(rows.map((row) => row[0])).toEqual(fixtureNumbers);
    const verdictOf = Object.fromEntries(rows.map((row) => [row[0], row[1]]));
    expect(verdictOf['512001']).toBe('buy'); // recent, priced, in print, not held
    expect(verdictOf['512003']).toBe('owned'); // Held = yes
    expect(verdictOf['512002']).not.toBe('buy'); // an article
    expect(verdictOf['512005']).not.toBe('buy'); // a thesis
    for (const row of rows) {
      expect(Number(row[2])).toBeGreaterThanOrEqual(0);
      expect(Number(row[2])).toBeLessThanOrEqual(100);
      expect(row[3]).toMatch(/^[a-z0-9-]+: /);
    }
  });

  it('writes the same verdicts as JSON', async () => {
    const csv = await run(['ill', 'score', fixture, '--as-of', '2025-06-30']);
    const json = await run(['ill', 'score', fixture, '--as-of', '2025-06-30', '--format', 'json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { TransactionNumber: string; verdict: string; score: number; reasons: { code: string; message: string }[] }[];
    expect(parsed.map((row) => row.TransactionNumber)).toEqual(fixtureNumbers);
    const fromCsv = csvRecords(csv.stdout).slice(1);
    parsed.forEach((row, i) => {
      expect([row.TransactionNumber, row.verdict, String(row.score)]).toEqual(fromCsv[i]!.slice(0, 3));
      expect(row.reasons.map((r) => `${r.code}: ${r.message}`).join(' | ')).toBe(fromCsv[i]![3]);
      expect(Object.keys(row.reasons[0]!)).toEqual(['code', 'message']);
    });
  });

  it('prints a summary on stderr: verdict counts, titles in demand, the cost of the BUY list', async () => {
    const { stderr } = await run(['ill', 'score', fixture, '--as-of', '2025-06-30']);
    expect(stderr).toMatch(/Scored 8 requests as of 2025-06-30/);
    expect(stderr).toMatch(/BUY\s+\d/);
    // Two requests for one book (ISBN written two ways): demand 2, counted once in the cost.
    expect(stderr).toMatch(/1\.\s+2\s+\(2\)\s+The climate of history in a planetary age — Chakrabarty, Dipesh \(ISBN 9780226100555\)/);
    // BUY: 512001 and 512004 (one book, $30.00) and 512008 ($35.50).
    expect(stderr).toMatch(/Buying the BUY list: 2 distinct titles; the 2 with a price cost \$65\.50\./);
  });

  it('counts each BUY title once in the cost', async () => {
    const path = join(folder, 'cost.csv');
    const rows = [
      'TransactionNumber,RequestType,DocumentType,LoanTitle,LoanAuthor,LoanDate,ISSN,CreationDate,Held,Price,Available',
      '1,Loan,Book,Data feminism,X,2024,9780262044004,2025-03-01,no,40,yes',
      '2,Loan,Book,Data feminism,X,2024,0262044005,2025-03-02,no,40,yes',
      '3,Loan,Book,Other book,Y,2024,9780226100555,2025-03-02,no,25,yes',
      '4,Loan,Book,No price yet,Z,2024,1571313567,2025-03-02,no,,yes',
    ];
    writeFileSync(path, rows.join('\n'));
    const { stdout, stderr } = await run(['ill', 'score', path, '--as-of', '2025-06-30']);
    expect(csvRecords(stdout).slice(1).map((row) => row[1])).toEqual(['buy', 'buy', 'buy', 'review']);
    expect(stderr).toMatch(/Buying the BUY list: 2 distinct titles; the 2 with a price cost \$65\.00\./);
  });

  it('writes to --out and is the same as standard output', async () => {
    const out = join(folder, 'verdicts.csv');
    const toFile = await run(['ill', 'score', fixture, '--as-of', '2025-06-30', '--out', out]);
    const toStdout = await run(['ill', 'score', fixture, '--as-of', '2025-06-30']);
    expect(toFile.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(toStdout.stdout);
  });

  it('lists bad rows with their line numbers, scores the rest, and exits 2', async () => {
    const lines = readFileSync(fixture, 'utf8').trimEnd().split('\n');
    const path = join(folder, 'bad-rows.csv');
    writeFileSync(
      path,
      [
        lines[0],
        lines[1],
        '512100,Loan,Book,"A title with',
        'a line break",X,,2020,,,,,Faculty,,not a date,,,', // record on lines 3–4: bad date
        lines[2],
        ',Loan,Book,No number,X,,2020,,,,,Faculty,,3/4/2025 10:15:00 AM,,,', // line 6
        '512101,Loan,Book,short row', // line 7
        lines[3],
      ].join('\n'),
    );
    const { code, stdout, stderr } = await run(['ill', 'score', path, '--as-of', '2025-06-30']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/line 3: CreationDate "not a date" is not a date; row skipped/);
    expect(stderr).toMatch(/line 6: has no TransactionNumber; row skipped/);
    expect(stderr).toMatch(/line 7: has 4 fields; the header has 17; row skipped/);
    expect(csvRecords(stdout).slice(1).map((row) => row[0])).toEqual(['512001', '512002', '512003']);
  });

  const failures: { name: string; args: () => string[]; setup?: () => void; message: RegExp }[] = [
    { name: 'a missing file', args: () => ['ill', 'score', 'no-such-export.csv'], message: /cannot find no-such-export\.csv/ },
    {
      name: 'a CSV without a TransactionNumber column',
      setup: () => writeFileSync(join(folder, 'no-number.csv'), 'ID,Title,CreationDate\n1,A,2025-01-01\n'),
      args: () => ['ill', 'score', 'no-number.csv'],
      message: /no TransactionNumber column; columns found: "ID", "Title", "CreationDate"/,
    },
    {
      name: 'a policy file with errors (each printed with its path)',
      setup: () => writeFileSync(join(folder, 'bad.yaml'), 'purchase:\n  max_price: lots\n  demand_window_days: -3\n'),
      args: () => ['ill', 'score', fixture, '--config', 'bad.yaml'],
      message: /purchase\.max_price[\s\S]*purchase\.demand_window_days/,
    },
    { name: 'a bad --as-of date', args: () => ['ill', 'score', fixture, '--as-of', '2025-02-30'], message: /--as-of "2025-02-30" is not a date/ },
    { name: 'an unknown format', args: () => ['ill', 'score', fixture, '--format', 'xml'], message: /--format "xml" is not known/ },
    {
      name: '--out in a folder that does not exist',
      args: () => ['ill', 'score', fixture, '--out', 'no-such-folder/verdicts.csv'],
      message: /cannot write --out no-such-folder\/verdicts\.csv \(.*\): its folder .*no-such-folder does not exist; create the folder/,
    },
    { name: 'an encoding Liaison cannot read', args: () => ['ill', 'score', fixture, '--encoding', 'ebcdic'], message: /--encoding "ebcdic" is not an encoding Liaison reads; write one of utf-8, windows-1252, utf-16le, utf-16be/ },
    { name: '--out naming a folder', args: () => ['ill', 'score', fixture, '--out', '.'], message: /cannot write --out \. \(.*\): that is a folder; name a file/ },
  ];
  for (const { name, args, setup, message } of failures) {
    it(`exits 1 with a clear message for ${name}`, async () => {
      setup?.();
      const { code, stderr, stdout } = await run(args());
      expect(code).toBe(1);
      expect(stderr).toMatch(message);
      expect(stdout).toBe('');
    });
  }

  it('stops without a word when the program reading its output stops reading (| head)', async () => {
    let writes = 0;
    const closedPipe = new Writable({
      highWaterMark: 16,
      write: (_chunk, _encoding, done) => {
        writes += 1;
        done(writes === 1 ? null : Object.assign(new Error('write EPIPE'), { code: 'EPIPE', syscall: 'write' }));
      },
    });
    let stderr = '';
    const io: CommandIO = {
      stdout: Object.assign(closedPipe, { isTTY: false }),
      stderr: Object.assign(new Writable({ write: (chunk, _e, done) => ((stderr += chunk), done()) }), { isTTY: false }),
      cwd: folder,
      env: {},
    };
    // Enough rows for several writes (one per 4,096 rows).
    const many = readFileSync(fixture, 'utf8').trimEnd().split('\n');
    const rows = Array.from({ length: 13_000 }, (_, i) => many[1 + (i % 3)]!.replace(/^\d+/, String(700_000 + i)));
    writeFileSync(join(folder, 'many.csv'), [many[0], ...rows].join('\n') + '\n');
    expect(await main(['ill', 'score', 'many.csv', '--as-of', '2025-06-30'], io)).toBe(0);
    expect(stderr).toBe('');
    expect(writes).toBe(2);
  });

  it.skipIf(!existsSync('/dev/full'))('says the disk is full when --out cannot be written to the end', async () => {
    const { code, stderr } = await run(['ill', 'score', fixture, '--out', '/dev/full']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot write --out \/dev\/full \(\/dev\/full\): the disk is full/);
  });

  describe('an export saved in another encoding', () => {
    // With curly quotes, which Windows-1252 writes as bytes 0x93 and 0x94 (ISO-8859-1 has none).
    const utf8Text = readFileSync(fixture, 'utf8').replace('Data feminism', '\u201cData\u201d feminism');
    const inUtf8 = join(folder, 'fixture-utf8.csv');
    const in1252 = join(folder, 'fixture-1252.csv');
    const inUtf16 = join(folder, 'fixture-utf16.csv');
    let expected: Awaited<ReturnType<typeof run>>;
    beforeAll(async () => {
      writeFileSync(inUtf8, utf8Text);
      writeFileSync(in1252, iconv.encode(utf8Text, 'windows-1252'));
      writeFileSync(inUtf16, Buffer.from('\ufeff' + utf8Text, 'utf16le'));
      expected = await run(['ill', 'score', inUtf8, '--as-of', '2025-06-30']);
    });

    it('is one the fixture can be written in whole, accents and curly quotes included', () => {
      expect(iconv.decode(iconv.encode(utf8Text, 'windows-1252'), 'windows-1252')).toBe(utf8Text);
      expect(expected.stderr).toContain('Études sur la mémoire collective');
    });

    it('Windows-1252 without --encoding: read as such, with a note naming the first line that is not UTF-8', async () => {
      const { code, stdout, stderr } = await run(['ill', 'score', in1252, '--as-of', '2025-06-30']);
      expect(code).toBe(0);
      expect(stdout).toBe(expected.stdout);
      const firstLine = utf8Text.split('\n').findIndex((line) => [...line].some((character) => character.charCodeAt(0) > 0x7f)) + 1;
      expect(stderr.split('\n')[0]).toBe(
        `Note: line ${firstLine} holds bytes that are not UTF-8, so the file was read as Windows-1252, the encoding of Excel's "CSV (Comma delimited)" on Windows. If titles below look wrong, name the encoding it was saved in with --encoding (or ill_export.encoding in the policy file).`,
      );
      expect(stderr.split('\n').slice(2).join('\n')).toBe(expected.stderr);
    });

    it('Windows-1252 named by --encoding or by the policy file: read as such, without a note', async () => {
      const named = await run(['ill', 'score', in1252, '--as-of', '2025-06-30', '--encoding', 'cp1252']);
      expect(named).toEqual(expected);
      writeFileSync(join(folder, 'encoding.yaml'), stringifyYaml({ ...parseYaml(readFileSync(exampleConfig, 'utf8')), ill_export: { encoding: 'windows-1252' } }));
      const byPolicy = await run(['ill', 'score', in1252, '--as-of', '2025-06-30', '--config', 'encoding.yaml']);
      expect(byPolicy.code).toBe(0);
      expect(byPolicy.stdout).toBe(expected.stdout);
      expect(byPolicy.stderr).not.toContain('Note:');
      expect(byPolicy.stderr).toContain('Études sur la mémoire collective');
    });

    it('named as UTF-8 but not: stops, naming the line and how to name its encoding', async () => {
      const { code, stdout, stderr } = await run(['ill', 'score', in1252, '--encoding', 'utf-8']);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/fixture-1252\.csv: line \d+ holds bytes that are not UTF-8, but the file was to be read as UTF-8\. Name the encoding it was saved in, e\.g\. --encoding windows-1252/);
    });

    it('UTF-16 with a byte-order mark (Excel\'s "Unicode Text"): read as such', async () => {
      expect(await run(['ill', 'score', inUtf16, '--as-of', '2025-06-30'])).toEqual(expected);
    });
  });

  describe('an export a spreadsheet saved in its own way', () => {
    const records = csvRecords(readFileSync(fixture, 'utf8'));
    const [price, created] = ['Price', 'CreationDate'].map((name) => records[0]!.indexOf(name)) as [number, number];
    /** "3/4/2025 4:45:10 PM" as a spreadsheet where the day comes first writes it: "04/03/2025 16:45" (with `separator`). */
    const dayFirst = (text: string, separator: string) => {
      const us = /^(\d+)\/(\d+)\/(\d{4}) (\d+):(\d\d):\d\d ([AP])M$/.exec(text);
      if (!us) return text; // ISO stays ISO
      const [, month, day, year, hour, minute, half] = us;
      const hours = (Number(hour) % 12) + (half === 'P' ? 12 : 0);
      return `${day!.padStart(2, '0')}${separator}${month!.padStart(2, '0')}${separator}${year} ${String(hours).padStart(2, '0')}:${minute}`;
    };
    /** The fixture with `delimiter`, `decimalMark` in prices and its dates made by `date`. */
    const written = (delimiter: string, decimalMark: string, date: (text: string) => string = (text) => text) =>
      records
        .map((fields, row) =>
          fields
            .map((field, column) => (row === 0 ? field : column === price ? field.replace('.', decimalMark) : column === created ? date(field) : field))
            .map((field) => (field.includes(delimiter) || /["\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field))
            .join(delimiter),
        )
        .join('\r\n') + '\r\n';
    let expected: Awaited<ReturnType<typeof run>>;
    beforeAll(async () => {
      expected = await run(['ill', 'score', fixture, '--as-of', '2025-06-30']);
    });

    it('with semicolons, decimal commas and day-first dates with dots (Excel in Germany), or with tabs: as the ILLiad one', async () => {
      writeFileSync(join(folder, 'semicolons.csv'), written(';', ',', (text) => dayFirst(text, '.')));
      writeFileSync(join(folder, 'tabs.csv'), written('\t', '.'));
      const semicolons = readFileSync(join(folder, 'semicolons.csv'), 'utf8');
      expect(semicolons).toContain(';30,00;');
      expect(semicolons).toContain(';07.03.2025 16:45;');
      expect(await run(['ill', 'score', 'semicolons.csv', '--as-of', '2025-06-30'])).toEqual(expected);
      expect(await run(['ill', 'score', 'tabs.csv', '--as-of', '2025-06-30'])).toEqual(expected);
    });

    it('with day-first dates with slashes: as the ILLiad one with ill_export.date_order: day-first, and a hint without', async () => {
      writeFileSync(join(folder, 'day-first.csv'), written(',', '.', (text) => dayFirst(text, '/')).replace('2025-03-06 14:30:00', '13/03/2025 14:30'));
      // The same dates in ISO form, which reads alike in either order.
      const iso = (text: string) => dayFirst(text, '/').replace(/^(\d\d)\/(\d\d)\/(\d{4})/, '$3-$2-$1');
      writeFileSync(join(folder, 'day-first-expected.csv'), written(',', '.', iso).replace('2025-03-06 14:30:00', '2025-03-13 14:30'));
      writeFileSync(join(folder, 'day-first.yaml'), stringifyYaml({ ...parseYaml(readFileSync(exampleConfig, 'utf8')), ill_export: { date_order: 'day-first' } }));
      const asIlliad = await run(['ill', 'score', 'day-first-expected.csv', '--as-of', '2025-06-30', '--config', 'day-first.yaml']);
      expect(await run(['ill', 'score', 'day-first.csv', '--as-of', '2025-06-30', '--config', 'day-first.yaml'])).toEqual(asIlliad);
      const { code, stderr } = await run(['ill', 'score', 'day-first.csv', '--as-of', '2025-06-30']);
      expect(code).toBe(2);
      expect(stderr).toMatch(
        /line \d+: CreationDate "13\/03\/2025 14:30" is not a date month first \(M\/D\/YYYY\); if this export writes dates day first, set ill_export.date_order: day-first in the policy file; row skipped/,
      );
    });
  });

  it('answers a mistaken option with the mistake and the usage line, not the whole help', async () => {
    const { code, stderr } = await run(['ill', 'score', fixture, '--threads', 'many']);
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      'liaison: --threads "many" is not a number of threads; write a whole number from 1 (no worker threads) up, e.g. --threads 2',
      expect.stringMatching(/^liaison: Usage: liaison ill score <requests\.csv> \[--config/),
      'liaison: Run `liaison ill score --help` for every option.',
    ]);
  });

  it('draws a progress bar only on a terminal and only for a large file', async () => {
    const small = await run(['ill', 'score', fixture, '--as-of', '2025-06-30'], { isTTY: true });
    expect(small.stderr).not.toContain('\r[');
    const path = join(folder, 'large.csv');
    const row = '1,Loan,Book,T,A,2020,9780262044004,2025-03-01\n';
    writeFileSync(path, 'TransactionNumber,RequestType,DocumentType,LoanTitle,LoanAuthor,LoanDate,ISSN,CreationDate\n' + row.repeat(60_000));
    const large = await run(['ill', 'score', path, '--as-of', '2025-06-30'], { isTTY: true });
    expect(large.stderr).toContain('\r[');
    const piped = await run(['ill', 'score', path, '--as-of', '2025-06-30']);
    expect(piped.stderr).not.toContain('\r[');
  });

  it('--enrich asks the systems the policy names (here the demo library, as the example policy says demo), once per book', async () => {
    const books = createDemoLibrary({ now: () => new Date('2025-06-30T12:00:00Z') }).listBooks();
    const held = books.find((book) => book.isHeld)!;
    const priced = books.find((book) => !book.isHeld && book.price !== undefined && book.isInPrint)!;
    const path = join(folder, 'enrich.csv');
    writeFileSync(
      path,
      [
        'TransactionNumber,RequestType,DocumentType,LoanTitle,LoanAuthor,LoanDate,ISSN,CreationDate',
        `1,Loan,Book,"${held.title}","${held.author}",${held.year},${held.isbn},2025-06-01`,
        `2,Loan,Book,"${priced.title}","${priced.author}",${priced.year},${priced.isbn},2025-06-02`,
        `3,Loan,Book,"${priced.title}","${priced.author}",${priced.year},${priced.isbn},2025-06-03`,
      ].join('\n'),
    );
    const plain = await run(['ill', 'score', path, '--as-of', '2025-06-30', '--format', 'json', '--config', exampleConfig]);
    const enriched = await run(['ill', 'score', path, '--as-of', '2025-06-30', '--format', 'json', '--enrich', '--config', exampleConfig]);
    expect(enriched.code).toBe(0);
    const verdicts = (text: string) => (JSON.parse(text) as { verdict: string }[]).map((row) => row.verdict);
    expect(verdicts(plain.stdout)[0]).not.toBe('owned');
    expect(verdicts(enriched.stdout)[0]).toBe('owned');
    const codes = (text: string) => (JSON.parse(text) as { reasons: { code: string }[] }[]).map((row) => row.reasons.map((r) => r.code));
    expect(codes(plain.stdout)[1]).toContain('price-unknown');
    expect(codes(enriched.stdout)[1]).not.toContain('price-unknown');
    expect(codes(enriched.stdout)[1]).not.toContain('availability-unknown');
    // Two books asked about, the third request answered from the run; the systems named.
    expect(enriched.stderr).toMatch(/Looked up 2 books \(1 more requests for them answered from this run\) in:\n {2}demo: /);
  });

  it('--enrich without a policy file is refused instead of asking the demo library', async () => {
    const { code, stdout, stderr } = await run(['ill', 'score', fixture, '--enrich']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^liaison: --enrich asks the systems your policy file names under connectors \(holdings, price, open_access\), and there is no policy file\n/);
    expect(stderr).toContain('name one with --config liaison.config.yaml');
  });

  it('--enrich with a policy that names no connectors is refused instead of asking the demo library the schema fills in', async () => {
    const example = parseYaml(readFileSync(exampleConfig, 'utf8')) as Record<string, unknown>;
    const { connectors: _left, ...withoutConnectors } = example;
    writeFileSync(join(folder, 'no-connectors.yaml'), stringifyYaml(withoutConnectors));
    const { code, stderr } = await run(['ill', 'score', fixture, '--enrich', '--config', 'no-connectors.yaml']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/no-connectors\.yaml: connectors names no holdings, price or open_access system for --enrich to ask/);
  });

  it('--enrich names what a real system still needs (FOLIO without its password), with its path', async () => {
    const example = parseYaml(readFileSync(exampleConfig, 'utf8')) as { connectors?: Record<string, unknown> };
    const connectors = {
      holdings: ['folio'],
      systems: { folio: { type: 'folio', base_url: 'https://okapi.folio.example.edu', tenant: 'northfield', username_env: 'FOLIO_USER_FOR_TEST', password_env: 'FOLIO_PASSWORD_FOR_TEST' } },
    };
    writeFileSync(join(folder, 'folio.yaml'), stringifyYaml({ ...example, connectors }));
    const { code, stderr } = await run(['ill', 'score', fixture, '--enrich', '--config', 'folio.yaml']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/folio\.yaml: connectors\.systems\.folio.*FOLIO_USER_FOR_TEST/);
  });

  it('--enrich asks a vendor price file the policy names: prices and availability with the file as their source', async () => {
    const example = parseYaml(readFileSync(exampleConfig, 'utf8')) as Record<string, unknown>;
    writeFileSync(join(folder, 'gobi.csv'), ['ISBN,List Price,Currency,In Stock', '9780262044004,42.50,USD,yes', '9780226100555,210.00,USD,yes'].join('\n'));
    writeFileSync(
      join(folder, 'vendor.yaml'),
      stringifyYaml({ ...example, connectors: { price: ['vendor'], systems: { vendor: { type: 'vendor-price-file', path: 'gobi.csv', vendor: 'GOBI' } } } }),
    );
    const path = join(folder, 'vendor-requests.csv');
    writeFileSync(
      path,
      [
        'TransactionNumber,RequestType,DocumentType,LoanTitle,LoanAuthor,LoanDate,ISSN,Status,CreationDate',
        '1,Loan,Book,Data feminism,"D\'Ignazio, Catherine",2024,0262044005,Faculty,2025-06-01',
        '2,Loan,Book,The climate of history,"Chakrabarty, Dipesh",2024,9780226100555,Faculty,2025-06-02',
        '3,Loan,Book,Unpriced,"Roe, Sam",2024,9780306406157,Faculty,2025-06-03',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await run(['ill', 'score', path, '--as-of', '2025-06-30', '--format', 'json', '--enrich', '--config', 'vendor.yaml']);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { TransactionNumber: string; verdict: string; reasons: { code: string; message: string }[] }[];
    expect(rows.map((row) => row.verdict)).toEqual(['buy', 'borrow', 'review']);
    expect(rows[0]!.reasons[0]!.message).toMatch(/\$42\.50 within the \$150\.00 limit/);
    expect(rows[1]!.reasons[0]).toMatchObject({ code: 'over-price', message: 'Price $210.00 is over the $150.00 limit' });
    expect(rows[2]!.reasons.map((reason) => reason.code)).toContain('price-unknown');
    expect(stderr).toMatch(/Looked up 3 books .* in:\n {2}vendor: /);
    expect(stderr).not.toMatch(/demo/i);
  });

  it('scores with the purchase section of the policy file named by --config', async () => {
    const example = parseYaml(readFileSync(exampleConfig, 'utf8')) as { purchase?: Record<string, unknown> };
    writeFileSync(join(folder, 'strict.yaml'), stringifyYaml({ ...example, purchase: { ...example.purchase, max_price: 10 } }));
    const strict = await run(['ill', 'score', fixture, '--as-of', '2025-06-30', '--config', 'strict.yaml']);
    expect(strict.code).toBe(0);
    expect(strict.stderr).toMatch(/purchase policy from strict\.yaml/);
    // 512001 costs 30.00: within the default 150, over this policy's 10.
    expect(csvRecords(strict.stdout)[1]![1]).not.toBe('buy');
  });
  describe('an export with other headings than ILLiad\'s (ill_export.columns)', () => {
    // The fixture's headings renamed as another system's export might name them, columns reordered.
    const renamed: Record<string, string> = {
      TransactionNumber: 'Request ID', RequestType: 'Request Type', DocumentType: 'Format', LoanTitle: 'Title', LoanAuthor: 'Author',
      LoanDate: 'Publication Date', ISSN: 'ISBN', Status: 'Patron Type', CreationDate: 'Date Created', Held: 'In Catalog', Price: 'List Price', Available: 'In Print',
    };
    const [head, ...rows] = csvRecords(readFileSync(fixture, 'utf8'));
    const order = [...head!.keys()].reverse();
    const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
    const otherExport = join(folder, 'other-system.csv');
    writeFileSync(otherExport, [head!, ...rows].map((record, index) => order.map((at) => quote(index === 0 ? (renamed[record[at]!] ?? record[at]!) : record[at]!)).join(',')).join('\n') + '\n');
    const example = parseYaml(readFileSync(exampleConfig, 'utf8')) as Record<string, unknown>;
    const policyWith = (columns: Record<string, string>) => stringifyYaml({ ...example, ill_export: { columns } });

    it('is scored as the same requests under ILLiad\'s headings are', async () => {
      writeFileSync(join(folder, 'other.yaml'), policyWith(renamed));
      writeFileSync(join(folder, 'plain.yaml'), stringifyYaml(example));
      const other = await run(['ill', 'score', otherExport, '--as-of', '2025-06-30', '--config', 'other.yaml']);
      const plain = await run(['ill', 'score', fixture, '--as-of', '2025-06-30', '--config', 'plain.yaml']);
      expect(other.code).toBe(0);
      expect(other.stdout).toBe(plain.stdout);
      expect(csvRecords(other.stdout)).toHaveLength(fixtureNumbers.length + 1);
    });

    it('without the mapping, says the file has no TransactionNumber column and how to name it', async () => {
      const { code, stderr } = await run(['ill', 'score', otherExport, '--as-of', '2025-06-30']);
      expect(code).toBe(1);
      expect(stderr).toMatch(/no TransactionNumber column; columns found: .*"Request ID".*ill_export\.columns/);
    });

    it('names a heading in the mapping that the file lacks, and the headings it has', async () => {
      writeFileSync(join(folder, 'misspelt.yaml'), policyWith({ ...renamed, LoanTitle: 'Titel' }));
      const { code, stdout, stderr } = await run(['ill', 'score', otherExport, '--as-of', '2025-06-30', '--config', 'misspelt.yaml']);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/ill_export\.columns names "Titel" as the LoanTitle column, but the file has no such column; columns found: .*"Title"/);
    });

    it('refuses a field Liaison does not read, suggesting the nearest', async () => {
      writeFileSync(join(folder, 'unknown-field.yaml'), policyWith({ TransactionNumbr: 'Request ID' }));
      const { code, stderr } = await run(['ill', 'score', otherExport, '--config', 'unknown-field.yaml']);
      expect(code).toBe(1);
      expect(stderr).toMatch(/ill_export\.columns.*TransactionNumbr/);
      expect(stderr).toMatch(/TransactionNumber/);
    });
  });
});
