import { describe, expect, it } from 'vitest';
import { loadFixture } from './fixture.js';
import { koha } from './koha.js';

describe('Koha ILL adapter', () => {
  it('reads the rows DataTables draws after load, not the filter table or the "Loading..." row', async () => {
    const found = koha.findRequests(await loadFixture('koha', 'ill-requests'));
    expect(found.map((item) => item.request.TransactionNumber)).toEqual(['41', '42', '43']);
    expect(found[1]!.request).toEqual({
      TransactionNumber: '42',
      RequestType: 'Loan',
      DocumentType: 'Book',
      LoanTitle: 'The art of doing science and engineering',
      LoanAuthor: 'Hamming, Richard',
      LoanDate: '2020',
      ISSN: '978-1-7322651-7-2',
    });
    expect(found[2]!.request.RequestType).toBe('Article');
  });

  it('reads the request view from both detail lists', async () => {
    const found = koha.findRequests(await loadFixture('koha', 'ill-request'));
    expect(found).toHaveLength(1);
    expect(found[0]!.request).toMatchObject({ TransactionNumber: '42', LoanTitle: 'The art of doing science and engineering', LoanDate: '2020', DocumentType: 'Book' });
  });
});
