import { describe, expect, it } from 'vitest';
import { headingOfColumn } from '../page/column-heading.js';
import { loadFixture } from './fixture.js';
import { taughtSite } from './taught.js';

describe('a taught page', () => {
  it('finds the requests under the headings staff pointed at, and only those', async () => {
    const document = await loadFixture('taught', 'custom-queue');
    const site = taughtSite({ origin: 'https://illiad.library.edu', numberHeading: 'Request #', titleHeading: 'Loan title', isbnHeading: 'ISBN-13' });
    const found = site.findRequests(document);
    expect(found.map((item) => item.request)).toEqual([
      { TransactionNumber: '2024-8801', RequestType: 'Loan', LoanTitle: 'Braiding sweetgrass', ISSN: '9781571313560' },
      { TransactionNumber: '2024-8802', RequestType: 'Loan', LoanTitle: 'Invisible women', ISSN: '9781419729072' },
      { TransactionNumber: '2024-8803', RequestType: 'Loan', LoanTitle: 'Data feminism' },
    ]);
    expect(found[0]!.anchor.getAttribute('role')).toBe('gridcell');
  });

  it('matches headings without regard to case or spacing, and only the number column is needed', async () => {
    const document = await loadFixture('taught', 'custom-queue');
    const found = taughtSite({ origin: 'https://illiad.library.edu', numberHeading: 'request  #' }).findRequests(document);
    expect(found.map((item) => item.request.TransactionNumber)).toEqual(['2024-8801', '2024-8802', '2024-8803']);
  });

  it('finds nothing where the headings are not (another list on the same site)', async () => {
    const document = await loadFixture('taught', 'custom-queue');
    expect(taughtSite({ origin: 'https://illiad.library.edu', numberHeading: 'Transaction' }).findRequests(document)).toEqual([]);
  });
});

describe('headingOfColumn (what the teaching picker records)', () => {
  it('names the column of a clicked cell, heading or link inside a cell, in a grid and in a table', async () => {
    const grid = await loadFixture('taught', 'custom-queue');
    expect(headingOfColumn(grid.querySelector('a')!)).toBe('Request #');
    expect(headingOfColumn(grid.querySelectorAll('[role="gridcell"]')[2]!)).toBe('Loan title');
    expect(headingOfColumn(grid.querySelectorAll('[role="columnheader"]')[4]!)).toBe('ISBN-13');
    const table = await loadFixture('koha', 'ill-requests');
    expect(headingOfColumn(table.querySelector('#illview-body tr td:nth-child(4)')!)).toBe('Title');
    expect(headingOfColumn(table.querySelector('#illview-body tr td a')!)).toBe('Request ID');
    expect(headingOfColumn(table.querySelector('h1')!)).toBeNull();
  });
});
