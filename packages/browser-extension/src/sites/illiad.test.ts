import { describe, expect, it } from 'vitest';
import { loadFixture } from './fixture.js';
import { illiad } from './illiad.js';

describe('ILLiad Staff Web Client adapter', () => {
  it('reads each queue row once, not the citation tables nested in the cells, and badges the TN cell', async () => {
    const document = await loadFixture('illiad', 'queue');
    const found = illiad.findRequests(document);
    expect(found.map((item) => item.request.TransactionNumber)).toEqual(['712001', '712002', '712003', '712004']);
    expect(found[0]!.request).toEqual({
      TransactionNumber: '712001',
      RequestType: 'Loan',
      DocumentType: 'Book',
      LoanTitle: 'Braiding sweetgrass : indigenous wisdom',
      LoanAuthor: 'Kimmerer, Robin Wall',
      LoanDate: '2020',
      ISSN: '9781571313560',
      ESPNumber: '1100044512',
      Status: 'Graduate',
      CreationDate: '3/4/2025 10:12:45 AM',
    });
    expect(found[2]!.request.RequestType).toBe('Article');
    expect(found[0]!.anchor.textContent?.trim()).toBe('712001');
  });

  it('reads the details view from the Details tab only', async () => {
    const found = illiad.findRequests(await loadFixture('illiad', 'request'));
    expect(found).toHaveLength(1);
    expect(found[0]!.request).toMatchObject({ TransactionNumber: '712001', LoanTitle: 'Braiding sweetgrass : indigenous wisdom', ISSN: '9781571313560; 1571313567' });
    expect(found[0]!.anchor.tagName).toBe('H1');
  });

  it('reads all 500 rows of a full queue page', async () => {
    const found = illiad.findRequests(await loadFixture('illiad', 'queue-500'));
    expect(found).toHaveLength(500);
    expect(new Set(found.map((item) => item.request.TransactionNumber)).size).toBe(500);
  });

  it('finds nothing (and throws nothing) on changed markup', async () => {
    const document = await loadFixture('illiad', 'queue');
    document.querySelector('thead')!.innerHTML = '<tr><th>Ref</th><th>Name</th></tr>';
    expect(illiad.findRequests(document)).toEqual([]);
  });
});
