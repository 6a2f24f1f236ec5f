import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvRecordParser, readCsvFile } from './csv-records.js';

/** Parses `text` pushed in pieces of `pieceLength` characters; returns [line, fields] pairs. */
function parse(text: string, pieceLength = text.length): [number, string[]][] {
  const records: [number, string[]][] = [];
  const parser = new CsvRecordParser((fields, line) => records.push([line, [...fields]]));
  for (let i = 0; i < text.length; i += pieceLength) parser.push(text.slice(i, i + pieceLength));
  parser.finish();
  return records;
}

describe('CsvRecordParser', () => {
  const cases: { name: string; text: string; expected: [number, string[]][] }[] = [
    { name: 'plain rows', text: 'a,b,c\n1,2,3\n', expected: [[1, ['a', 'b', 'c']], [2, ['1', '2', '3']]] },
    { name: 'no final line break', text: 'a,b\n1,2', expected: [[1, ['a', 'b']], [2, ['1', '2']]] },
    { name: 'CRLF line endings', text: 'a,b\r\n1,2\r\n', expected: [[1, ['a', 'b']], [2, ['1', '2']]] },
    {
      name: 'quoted commas, quotes and newlines; line numbers count the newlines',
      text: 'a,b,c\n1,"x, y ""q""\nz",3\n4,5,6\n',
      expected: [[1, ['a', 'b', 'c']], [2, ['1', 'x, y "q"\nz', '3']], [4, ['4', '5', '6']]],
    },
    {
      name: 'a short row does not swallow the next line',
      text: 'a,b,c\n4,5\n6,7,8,9\n',
      expected: [[1, ['a', 'b', 'c']], [2, ['4', '5']], [3, ['6', '7', '8', '9']]],
    },
    { name: 'empty fields and a trailing comma', text: ',,\n1,\n', expected: [[1, ['', '', '']], [2, ['1', '']]] },
    { name: 'blank lines are skipped but counted', text: 'a\n\n\r\nb\n', expected: [[1, ['a']], [4, ['b']]] },
    { name: 'a byte-order mark is dropped', text: '\uFEFFa,b\n1,2\n', expected: [[1, ['a', 'b']], [2, ['1', '2']]] },
    { name: 'quoted last field before CRLF', text: '"a","b"\r\n"1","2\r\n3"\r\nx,y\r\n', expected: [[1, ['a', 'b']], [2, ['1', '2\r\n3']], [4, ['x', 'y']]] },
    { name: 'text after a closing quote is kept', text: '"a"b,c\n', expected: [[1, ['ab', 'c']]] },
  ];

  for (const { name, text, expected } of cases) {
    it(name, () => expect(parse(text)).toEqual(expected));
    it(`${name} — pushed one character at a time`, () => expect(parse(text, 1)).toEqual(expected));
    it(`${name} — pushed three characters at a time`, () => expect(parse(text, 3)).toEqual(expected));
  }
});

describe('readCsvFile', () => {
  it('keeps a multi-byte title whole when it falls across a chunk boundary', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'liaison-csv-'));
    const path = join(folder, 'requests.csv');
    const title = 'Škola żółwia: 日本語の本 🐢';
    const header = 'TransactionNumber,LoanTitle\n';
    // Shift the title so its multi-byte characters straddle each 16-byte chunk boundary in turn.
    const rows = Array.from({ length: 16 }, (_, i) => `${i + 1},"${'x'.repeat(i)}${title}"\n`);
    writeFileSync(path, header + rows.join(''), 'utf8');
    const titles: string[] = [];
    await readCsvFile(path, (fields, line) => line > 1 && titles.push(fields[1]!.replace(/^x*/, '')), {
      highWaterMark: 16,
    });
    expect(titles).toHaveLength(16);
    for (const read of titles) expect(read).toBe(title);
  });
});

describe('CsvRecordParser with wanted fields', () => {
  it('passes unwanted fields as empty strings and still counts their lines', () => {
    const records: [number, string[]][] = [];
    const wanted: boolean[] = [];
    const parser = new CsvRecordParser((fields, line) => {
      records.push([line, [...fields]]);
      if (line === 1) fields.forEach((_, i) => (wanted[i] = i !== 1));
    }, wanted);
    parser.push('a,b,c\n1,"two\nlines ""q""",3\n4,5,"6\n7"\n');
    parser.finish();
    expect(records).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', '', '3']],
      [4, ['4', '', '6\n7']],
    ]);
  });
});
