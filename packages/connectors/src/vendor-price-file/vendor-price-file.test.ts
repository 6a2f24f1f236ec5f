import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.js';
import { csvRecords } from './csv.js';
import { vendorPriceFileSystem } from './index.js';
import { readPriceList } from './price-list.js';
import { vendorPriceFileSettingsSchema } from './settings.js';

const folder = mkdtempSync(join(tmpdir(), 'liaison-prices-'));
const now = () => new Date('2025-03-10T12:00:00Z');

function priceFile(name: string, text: string, modified = new Date('2025-03-09T06:00:00Z')) {
  const file = join(folder, name);
  writeFileSync(file, text);
  utimesSync(file, modified, modified);
  const settings = vendorPriceFileSettingsSchema.parse({ type: 'vendor-price-file', path: name, vendor: 'GOBI' });
  return { file, system: vendorPriceFileSystem.build(settings, { env: {}, now, path: ['connectors', 'systems', 'gobi'], name: 'gobi', baseDir: folder }, []) };
}

describe('csvRecords', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and a byte-order mark', () => {
    expect(csvRecords('\uFEFFa,b\r\n"x, y","say ""hi""\nthere"\r\n\r\nlast,1')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"\nthere'] },
      { line: 5, fields: ['last', '1'] },
    ]);
  });
});

describe('readPriceList', () => {
  it('matches headers loosely, normalises ISBNs to ISBN-13 and skips unreadable rows with their lines', () => {
    const list = readPriceList(
      [
        'ISBN-13,Title,List Price,Currency,In Stock',
        '978-0-306-40615-7,"Rivers of Memory, a history",42.50,USD,Yes',
        '0306406152,Same book as ISBN-10,$40.00,,no',
        '9781234567897,Bad price,12.5O,USD,yes',
        '12345,Bad ISBN,10.00,USD,yes',
        '9780262033848,Unknown stock,55.00,GBP,maybe',
        '9780131103627,Out of print,,,out of print',
      ].join('\n'),
      { currency: 'CAD', file: 'gobi.csv' },
    );
    expect(Object.fromEntries(list.entries)).toEqual({
      '9780306406157': { price: 40, currency: 'CAD', inStock: false },
      '9780131103627': { currency: 'CAD', inStock: false },
    });
    expect(list.skipped).toEqual([
      { path: ['gobi.csv', 'line 4'], message: 'price "12.5O" is not a price such as 42.50' },
      { path: ['gobi.csv', 'line 5'], message: 'ISBN "12345" is not a valid ISBN' },
      { path: ['gobi.csv', 'line 6'], message: 'in stock "maybe" is not yes or no' },
    ]);
  });

  it('says so when the header has no ISBN or price column', () => {
    expect(readPriceList('Title,Author\nA,B', { currency: 'USD', file: 'x.csv' }).skipped[0]).toEqual({
      path: ['x.csv', 'line 1'],
      message: 'has no ISBN and price columns (found: Title, Author)',
      hint: 'the header row needs ISBN and price (and may have currency and in stock)',
    });
  });
});

describe('vendor price file source', () => {
  it('answers price and stock for the first ISBN listed, dated by the file, named by the vendor', async () => {
    const { system } = priceFile('gobi.csv', 'ISBN,Price,Currency,In stock\n9780306406157,42.50,USD,yes\n');
    expect(system.system).toBe('GOBI price file');
    expect(await system.prices!.priceOf(['9781234567897', '9780306406157'])).toEqual({
      price: { value: 42.5, currency: 'USD', source: 'GOBI price file', asOf: '2025-03-09T06:00:00.000Z' },
      available: { value: true, source: 'GOBI price file', asOf: '2025-03-09T06:00:00.000Z' },
    });
    expect(await system.prices!.priceOf(['9781234567897'])).toBeUndefined();
    expect(await system.check()).toBe('1 titles priced, file dated 2025-03-09');
  });

  it('reads the file again when the vendor sends a new one', async () => {
    const { file, system } = priceFile('new.csv', 'ISBN,Price\n9780306406157,42.50\n');
    expect((await system.prices!.priceOf(['9780306406157']))?.price?.value).toBe(42.5);
    writeFileSync(file, 'ISBN,Price\n9780306406157,39.99\n');
    utimesSync(file, new Date('2025-03-10T06:00:00Z'), new Date('2025-03-10T06:00:00Z'));
    const again = await system.prices!.priceOf(['9780306406157']);
    expect(again?.price).toEqual({ value: 39.99, currency: 'USD', source: 'GOBI price file', asOf: '2025-03-10T06:00:00.000Z' });
  });

  it('fails with a ConnectorError naming the path when the file is missing, and check reports skipped rows', async () => {
    const settings = vendorPriceFileSettingsSchema.parse({ type: 'vendor-price-file', path: 'missing.csv' });
    const missing = vendorPriceFileSystem.build(settings, { env: {}, now, path: [], name: 'prices', baseDir: folder }, []);
    const error = await missing.prices!.priceOf(['9780306406157']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).message).toBe('vendor price file read missing.csv: found no file there; check the path in connectors.systems and that the hub may read it');

    const { system } = priceFile('bad.csv', 'ISBN,Price\n9780306406157,42.50\nnot-an-isbn,1\n');
    expect(await system.check()).toBe('1 titles priced, file dated 2025-03-09; 1 row skipped (line 3: ISBN "not-an-isbn" is not a valid ISBN)');
  });
});
