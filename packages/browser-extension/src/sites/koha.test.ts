import { describe, expect, it } from 'vitest';
import { loadFixture } from './fixture.js';
import { koha } from './koha.js';

describe('Koha ILL adapter (on pages rebuilt from Koha templates)', () => {
  it('reads every row DataTables draws after load, prefixed and bare numbers, not the filter form or the "Loading..." row', async () => {
    const found = koha.findRequests(await loadFixture('koha', 'ill-requests'));
    expect(found.map((item) => item.request.TransactionNumber)).toEqual(['ILL-1219', 'ILL-1220', '1221', '1222', 'ILL-1223']);
    expect(found[1]!.request).toEqual({
      TransactionNumber: 'ILL-1220',
      RequestType: 'Loan',
      DocumentType: 'book',
      LoanTitle: 'The art of doing science and engineering',
      LoanAuthor: 'Hamming, Richard',
      LoanDate: '2020',
    });
    // Koha's list has no ISBN column: the hub looks the request up for it.
    expect(found.every((item) => item.request.ISSN === undefined)).toBe(true);
    expect(found.map((item) => item.request.RequestType)).toEqual(['Loan', 'Loan', 'Article', 'Loan', 'Article']);
    // The badge goes into the number's cell, the first of its row.
    expect(found[0]!.anchor.textContent).toBe('ILL-1219');
  });

  it("finds a batch's table (#ill-requests-batch-3) and the patron tab's (#ill-requests-patron-51) by their headings", async () => {
    const batch = koha.findRequests(await loadFixture('koha', 'ill-requests-batch'));
    expect(batch.map((item) => [item.request.TransactionNumber, item.request.LoanTitle])).toEqual([
      ['1221', 'Communications of the ACM'],
      ['ILL-1224', 'Algorithms of oppression'],
      ['ILL-1225', 'Weapons of math destruction'],
    ]);
    const patron = koha.findRequests(await loadFixture('koha', 'patron-ill-requests'));
    expect(patron.map((item) => item.request.TransactionNumber)).toEqual(['ILL-1219', 'ILL-1223']);
    expect(koha.include.some((pattern) => pattern.test('/cgi-bin/koha/members/ill-requests.pl?borrowernumber=51'))).toBe(true);
  });

  it('reads the request view: the number under "Request number", the title and ISBN from the supplier details', async () => {
    const found = koha.findRequests(await loadFixture('koha', 'ill-request'));
    expect(found).toHaveLength(1);
    expect(found[0]!.request).toEqual({
      TransactionNumber: 'ILL-1220',
      RequestType: 'Loan',
      DocumentType: 'book',
      LoanTitle: 'The art of doing science and engineering',
      LoanAuthor: 'Hamming, Richard',
      LoanDate: '2020',
      ISSN: '978-1-7322651-7-2',
    });
    expect(found[0]!.anchor.className).toBe('req_id');
  });

  it('keeps reading the view once its badge sits beside the number', async () => {
    const document = await loadFixture('koha', 'ill-request');
    const badge = document.createElement('button');
    badge.className = 'liaison-badge';
    document.querySelector('li.req_id')!.append(badge);
    expect(koha.findRequests(document)[0]!.request.TransactionNumber).toBe('ILL-1220');
  });

  it('finds the list by French, German and Spanish headings too', async () => {
    const document = await loadFixture('koha', 'ill-requests');
    const headings = document.querySelectorAll('#ill-requests thead th');
    for (const [language, number, title] of [['fr', 'ID de la demande', 'Titre'], ['de', 'Anfrage-ID', 'Titel'], ['es', 'ID de la solicitud', 'Título']] as const) {
      headings[0]!.textContent = number;
      headings[3]!.textContent = title;
      const found = koha.findRequests(document);
      expect(found.map((item) => item.request.TransactionNumber), language).toHaveLength(5);
      expect(found[0]!.request.LoanTitle, language).toBe('Braiding sweetgrass');
    }
  });
});
