import { describe, expect, it } from 'vitest';
import { loadFixture } from './fixture.js';
import { reshare } from './reshare.js';
import { isIncluded } from './site.js';

describe('ReShare adapter (on pages rebuilt from ui-rs and stripes-components)', () => {
  it('reads all 22 rows of the MultiColumnList, which has no id, by its headings; cells sit inside the row wrapper', async () => {
    const found = reshare.findRequests(await loadFixture('reshare', 'requests'));
    expect(found).toHaveLength(22);
    expect(found.map((item) => item.request.TransactionNumber)).toEqual(Array.from({ length: 22 }, (_, i) => `RS-${1201 + i}`));
    expect(found[0]!.request).toEqual({ TransactionNumber: 'RS-1201', RequestType: 'Loan', DocumentType: 'loan', LoanTitle: 'Braiding sweetgrass' });
    expect(found[18]!.request.RequestType).toBe('Article'); // serviceType "copy"
    expect(found[0]!.anchor.getAttribute('role')).toBe('gridcell');
  });

  it('reads the German list (FL-Nummer, Titel, Typ) with bare numbers, and the Supply app list', async () => {
    const german = reshare.findRequests(await loadFixture('reshare', 'requests-de'));
    expect(german.map((item) => item.request.TransactionNumber)).toEqual(['3101', '3102', '3103', '3104', '3105']);
    expect(german[0]!.request.LoanTitle).toBe('Die Vermessung der Welt');
    expect(german[4]!.request.RequestType).toBe('Article');
    const supply = reshare.findRequests(await loadFixture('reshare', 'supply-requests'));
    expect(supply.map((item) => item.request.TransactionNumber)).toEqual(['NFU-501', 'NFU-502', 'NFU-503']);
  });

  it('reads a reused row afresh after it shows another request (a sort keeps the row elements)', async () => {
    const document = await loadFixture('reshare', 'requests');
    (document.getElementById('sort-by-title') as HTMLButtonElement).click();
    const found = reshare.findRequests(document);
    expect(found[0]!.request.LoanTitle).toBe('Algorithms of oppression');
    expect(found[0]!.request.TransactionNumber).toBe('RS-1204');
  });

  it('reads the flow view: the number from the pane title and headline, the title from the headline', async () => {
    const found = reshare.findRequests(await loadFixture('reshare', 'request-flow'));
    expect(found).toHaveLength(1);
    expect(found[0]!.request).toEqual({ TransactionNumber: 'RS-1207', RequestType: 'Loan', LoanTitle: 'The age of surveillance capitalism' });
    expect(found[0]!.anchor.tagName).toBe('H2');
  });

  it('reads the details view from its KeyValue fields, taking "No value set -" as no value', async () => {
    const found = reshare.findRequests(await loadFixture('reshare', 'request-details'));
    expect(found).toHaveLength(1);
    expect(found[0]!.request).toEqual({
      TransactionNumber: 'RS-1207',
      RequestType: 'Loan',
      LoanTitle: 'The age of surveillance capitalism',
      LoanAuthor: 'Zuboff, Shoshana',
      LoanDate: '2019',
      ISSN: '9781610395694',
    });
  });

  it('knows the apps at /rs, /request and /supply', () => {
    for (const path of ['/rs/requests', '/rs/requests/3f2a/flow', '/request/requests?filters=x', '/supply/requests/3f2a/details']) {
      expect(isIncluded(reshare, new URL(path, 'https://reshare.example.edu')), path).toBe(true);
    }
    expect(isIncluded(reshare, new URL('/requests/view', 'https://folio.example.edu'))).toBe(false);
  });
});
