import { describe, expect, it } from 'vitest';
import { loadFixture } from './fixture.js';
import { tipasa } from './tipasa.js';

describe('Tipasa adapter', () => {
  it('reads the cards drawn at load and those the app adds later', async () => {
    const found = tipasa.findRequests(await loadFixture('tipasa', 'borrowing-list'));
    expect(found.map((item) => item.request.TransactionNumber)).toEqual(['331000101', '331000102', '331000103', '331000104']);
    expect(found[0]!.request).toEqual({
      TransactionNumber: '331000101',
      RequestType: 'Loan',
      DocumentType: 'Book',
      LoanTitle: 'Atlas of remote islands',
      LoanAuthor: 'Schalansky, Judith',
      LoanDate: '2022',
      ISSN: '9780143118206',
      Status: 'Faculty',
    });
    expect(found[1]!.request.RequestType).toBe('Article');
    expect(found[0]!.placement).toBe('after');
  });

  it("reads the request view and ignores the lenders table's request IDs", async () => {
    const found = tipasa.findRequests(await loadFixture('tipasa', 'request'));
    expect(found).toHaveLength(1);
    expect(found[0]!.request).toMatchObject({ TransactionNumber: '331000101', ISSN: '9780143118206 (paperback)', ESPNumber: '1298765432', LoanDate: '2022' });
  });
});
