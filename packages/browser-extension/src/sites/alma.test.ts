import { describe, expect, it } from 'vitest';
import { alma } from './alma.js';
import { loadFixture } from './fixture.js';

describe('Alma / Rapido adapter', () => {
  it('reads each record of the Borrowing Requests list', async () => {
    const found = alma.findRequests(await loadFixture('alma', 'borrowing-requests'));
    expect(found.map((item) => item.request)).toEqual([
      {
        TransactionNumber: 'ILL-40021',
        RequestType: 'Loan',
        DocumentType: 'Book',
        LoanTitle: 'Doughnut economics : seven ways to think like a 21st-century economist',
        LoanAuthor: 'Raworth, Kate',
        LoanDate: '2017',
        ISSN: '9781603586740',
      },
      { TransactionNumber: 'ILL-40022', RequestType: 'Article', DocumentType: 'Article', LoanTitle: 'Library Trends', ISSN: '0024-2594' },
    ]);
  });

  it('reads the request view from its read-only inputs', async () => {
    const found = alma.findRequests(await loadFixture('alma', 'borrowing-request'));
    expect(found).toHaveLength(1);
    expect(found[0]!.request).toMatchObject({ TransactionNumber: 'ILL-40021', ISSN: '1603586741', LoanDate: '2017', RequestType: 'Loan' });
  });
});
