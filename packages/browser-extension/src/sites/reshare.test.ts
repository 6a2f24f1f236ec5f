import { describe, expect, it } from 'vitest';
import { loadFixture } from './fixture.js';
import { reshare } from './reshare.js';

describe('ReShare / FOLIO adapter', () => {
  it('reads the rows the virtualised list has drawn, by column heading', async () => {
    const document = await loadFixture('reshare', 'requests');
    const found = reshare.findRequests(document);
    expect(found).toHaveLength(8);
    expect(found[0]!.request).toEqual({ TransactionNumber: 'RSNFU-101', RequestType: 'Loan', LoanTitle: 'Open library title 0' });
    expect(found[3]!.request.RequestType).toBe('Article');
  });

  it('reads a reused row afresh after it shows another request', async () => {
    const document = await loadFixture('reshare', 'requests');
    const row = document.querySelector('[role="row"][aria-rowindex="2"]')!;
    row.children[0]!.textContent = 'RSNFU-150';
    expect(reshare.findRequests(document)[0]!.request.TransactionNumber).toBe('RSNFU-150');
  });

  it('reads the request view pane, skipping "-" placeholders', async () => {
    const found = reshare.findRequests(await loadFixture('reshare', 'request'));
    expect(found).toHaveLength(1);
    expect(found[0]!.request).toEqual({
      TransactionNumber: 'RSNFU-101',
      RequestType: 'Loan',
      LoanTitle: 'Open library title 0',
      LoanAuthor: 'Ng, Lin',
      LoanDate: '2021',
      ISSN: '9780262046305',
      Status: 'Graduate',
    });
  });
});
