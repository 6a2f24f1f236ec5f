import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvRecordParser, quoteProblemText, readCsvFile } from './csv-records.js';

/** Parses `text` pushed in pieces of `pieceLength` characters; returns [line, fields] pairs. */
function parse(text: string, pieceLength = text.length): [number, string[]][] {
  const records: [number, string[]][] = [];
  const parser = new CsvRecordParser((fields, line, problem) => {
    expect(problem).toBeNull();
    records.push([line, [...fields]]);
  });
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
    { name: 'a mixed file: LF and CRLF lines', text: 'a,b\r\n1,2\n3,"4"\r\n5,6', expected: [[1, ['a', 'b']], [2, ['1', '2']], [3, ['3', '4']], [4, ['5', '6']]] },
    { name: 'a single-column row with an escaped quote', text: 'a\n"x""y"\nz\n', expected: [[1, ['a']], [2, ['x"y']], [3, ['z']]] },
  ];

  for (const { name, text, expected } of cases) {
    it(name, () => expect(parse(text)).toEqual(expected));
    it(`${name} — pushed one character at a time`, () => expect(parse(text, 1)).toEqual(expected));
    it(`${name} — pushed three characters at a time`, () => expect(parse(text, 3)).toEqual(expected));
  }
});

describe('CsvRecordParser with malformed quotes', () => {
  /** Records as [line, first field, problem]. */
  function problems(text: string): [number, string, string | null][] {
    const records: [number, string, string | null][] = [];
    const parser = new CsvRecordParser((fields, line, problem) => records.push([line, fields[0]!, problem && quoteProblemText(problem)]));
    parser.push(text);
    parser.finish();
    return records;
  }

  it('names the lines a record with text after its closing quote was read across', () => {
    const records = problems('a,b\n"x"y,1\n2,3\n"z",4\n5,6\n');
    expect(records[0]).toEqual([1, 'a', null]);
    expect(records[1]![0]).toBe(2);
    expect(records[1]![2]).toMatch(/text after its closing quote \(lines 2–4 were read as one row\)/);
    expect(records[2]).toEqual([5, '5', null]);
  });

  it('names the line of a quote never closed at the end of the file', () => {
    const records = problems('a,b\n1,2\n"open,3\n4,5\n');
    expect(records.slice(0, 2).map((record) => record[2])).toEqual([null, null]);
    expect(records[2]![0]).toBe(3);
    expect(records[2]![2]).toMatch(/never closed/);
  });
});

describe('readCsvFile', () => {
  it('knows the byte offset of a record after multi-byte characters and a byte-order mark', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'liaison-csv-'));
    const path = join(folder, 'offsets.csv');
    const text = '\uFEFFTransactionNumber,LoanTitle\r\n1,"Škola\r\nżółwia"\r\n2,日本語\r\n\r\n3,🐢\r\n';
    writeFileSync(path, text, 'utf8');
    const bytes = Buffer.from(text, 'utf8');
    const offsets: [string, number][] = [];
    let parser: CsvRecordParser | undefined;
    await readCsvFile(path, (fields) => offsets.push([fields[0]!, parser!.recordByteOffset()]), {
      highWaterMark: 7,
      withParser: (created) => (parser = created),
    });
    for (const [first, offset] of offsets) expect(bytes.subarray(offset, offset + Buffer.byteLength(first)).toString('utf8')).toBe(first);
    expect(offsets.map(([first]) => first)).toEqual(['TransactionNumber', '1', '2', '3']);
  });


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

  it('reads a file whose length is a whole number of chunks, and an empty file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'liaison-csv-'));
    const path = join(folder, 'exact.csv');
    writeFileSync(path, 'a,b\n1,2\n3,4\n5,6\n'); // 16 bytes
    for (const highWaterMark of [4, 8, 16]) {
      const records: string[] = [];
      await readCsvFile(path, (fields) => records.push(fields.join(',')), { highWaterMark });
      expect(records).toEqual(['a,b', '1,2', '3,4', '5,6']);
    }
    const emptyPath = join(folder, 'empty.csv');
    writeFileSync(emptyPath, '');
    const records: string[] = [];
    await readCsvFile(emptyPath, (fields) => records.push(fields.join(',')));
    expect(records).toEqual([]);
  });
});
