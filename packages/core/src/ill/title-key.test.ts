import { describe, expect, it } from 'vitest';
import { authorSurname, mergedTitleKeys, normalizeTitle, titleKey } from './title-key.js';

describe('titleKey', () => {
  it.each<[string, { ISSN?: string; LoanTitle?: string; LoanAuthor?: string }, string]>([
    ['ISBN-10 in the ISSN field', { ISSN: '0-306-40615-2', LoanTitle: 'Anything' }, 'isbn:9780306406157'],
    ['the first valid ISBN of several', { ISSN: '978-0-306-40615-8 (pbk.); 9783161484100 (hbk.)' }, 'isbn:9783161484100'],
    ['an ISSN alone is no ISBN', { ISSN: '0378-5955', LoanTitle: 'Gene', LoanAuthor: 'Doe, Jane' }, 'title:gene|doe'],
    ['title and inverted author', { LoanTitle: 'The Café : a history / by John Smith', LoanAuthor: 'Smith, John, 1950-' }, 'title:cafe|smith'],
    ['title and direct-order author', { LoanTitle: 'Cafe', LoanAuthor: 'John A. Smith Jr.' }, 'title:cafe|smith'],
    ['author with role', { LoanTitle: 'Cafe', LoanAuthor: 'John Smith (ed.)' }, 'title:cafe|smith'],
    ['first of several authors', { LoanTitle: 'Cafe', LoanAuthor: 'Smith, John; Jones, Mary' }, 'title:cafe|smith'],
    ['first of two authors joined by and', { LoanTitle: 'Cafe', LoanAuthor: 'John Smith and Mary Jones' }, 'title:cafe|smith'],
    ['compound surname, inverted', { LoanTitle: 'Cien años de soledad', LoanAuthor: 'García Márquez, Gabriel' }, 'title:cien anos de soledad|marquez'],
    ['compound surname, direct order', { LoanTitle: 'Cien Años de Soledad.', LoanAuthor: 'Gabriel García Márquez' }, 'title:cien anos de soledad|marquez'],
    ['French elided article', { LoanTitle: "L'Étranger", LoanAuthor: 'Camus, Albert' }, 'title:etranger|camus'],
    ['ampersand', { LoanTitle: 'Pride & Prejudice', LoanAuthor: 'Austen, Jane' }, 'title:pride and prejudice|austen'],
    ['no author', { LoanTitle: 'A Field Guide to Mosses' }, 'title:field guide to mosses|'],
  ])('%s', (_what, request, expected) => {
    expect(titleKey({ TransactionNumber: '1001', ...request })).toBe(expected);
  });

  it('keys a request with neither ISBN nor title to itself alone', () => {
    expect(titleKey({ TransactionNumber: '1001' })).toBe('transaction:1001');
    expect(titleKey({ TransactionNumber: '1002', LoanTitle: ' : ' })).toBe('transaction:1002');
  });

  it('groups the ways one book is written', () => {
    const ways = [
      { LoanTitle: 'The Structure of Scientific Revolutions', LoanAuthor: 'Kuhn, Thomas S.' },
      { LoanTitle: 'structure of scientific revolutions : 50th anniversary edition', LoanAuthor: 'Thomas S. Kuhn' },
      { LoanTitle: 'THE STRUCTURE OF SCIENTIFIC REVOLUTIONS.', LoanAuthor: 'Kuhn, Thomas S. (Thomas Samuel), 1922-1996' },
    ];
    const keys = new Set(ways.map((way, i) => titleKey({ TransactionNumber: String(i), ...way })));
    expect([...keys]).toEqual(['title:structure of scientific revolutions|kuhn']);
  });

  it('keeps different titles by one author apart', () => {
    expect(titleKey({ TransactionNumber: '1', LoanTitle: 'Emma', LoanAuthor: 'Austen, Jane' })).not.toBe(
      titleKey({ TransactionNumber: '2', LoanTitle: 'Persuasion', LoanAuthor: 'Austen, Jane' }),
    );
  });
});

describe('normalizeTitle and authorSurname', () => {
  it.each([
    ['Die Verwandlung', 'verwandlung'],
    ['A', 'a'], // a one-word title keeps its word
    ['The', 'the'],
    ['Title = Titre parallèle', 'title'],
    ['Naïve Set Theory', 'naive set theory'],
  ])('title %j -> %j', (title, expected) => {
    expect(normalizeTitle(title)).toBe(expected);
  });

  it.each([
    ['Kuhn, Thomas S.', 'kuhn'],
    ['van der Berg, Anna', 'berg'],
    ['Anna van der Berg', 'berg'],
    ['Müller, Jürgen', 'muller'],
    ['', ''],
  ])('author %j -> %j', (author, expected) => {
    expect(authorSurname(author)).toBe(expected);
  });
});

describe('mergedTitleKeys: each title once', () => {
  const book = (TransactionNumber: string, fields: { ISSN?: string; LoanTitle?: string; LoanAuthor?: string }) => ({ TransactionNumber, ...fields });

  it('joins requests without an ISBN to the ISBN title with the same normalised title and author', () => {
    const requests = [
      book('1', { ISSN: '9780306406157', LoanTitle: 'Climate Migration and the City', LoanAuthor: 'Okafor, Amara' }),
      book('2', { LoanTitle: 'Climate migration and the city : a reader', LoanAuthor: 'Amara Okafor' }),
      book('3', { LoanTitle: 'CLIMATE MIGRATION AND THE CITY.', LoanAuthor: 'Okafor, A.' }),
      book('4', { LoanTitle: 'Climate Migration and the City', LoanAuthor: 'Other, Writer' }), // another author: another title
    ];
    expect(mergedTitleKeys(requests)).toEqual(['isbn:9780306406157', 'isbn:9780306406157', 'isbn:9780306406157', 'title:climate migration and the city|other']);
  });

  it('joins whichever comes first in the file, the ISBN or the title alone', () => {
    const requests = [book('1', { LoanTitle: 'Gene', LoanAuthor: 'Doe, Jane' }), book('2', { ISSN: '0-306-40615-2', LoanTitle: 'Gene', LoanAuthor: 'Jane Doe' })];
    expect(mergedTitleKeys(requests)).toEqual(['isbn:9780306406157', 'isbn:9780306406157']);
  });

  it('reads an ISBN-10 and its ISBN-13 as one title', () => {
    const requests = [book('1', { ISSN: '0306406152' }), book('2', { ISSN: '978-0-306-40615-7 (pbk.)' })];
    expect(mergedTitleKeys(requests)).toEqual(['isbn:9780306406157', 'isbn:9780306406157']);
  });

  it('with two editions (two ISBNs) of one title and author, joins the one most requested, then the first', () => {
    const gene = { LoanTitle: 'Gene', LoanAuthor: 'Doe, Jane' };
    const requests = [
      book('1', { ISSN: '9780306406157', ...gene }),
      book('2', { ISSN: '9783161484100', ...gene }),
      book('3', { ISSN: '9783161484100', ...gene }),
      book('4', gene),
    ];
    expect(mergedTitleKeys(requests)).toEqual(['isbn:9780306406157', 'isbn:9783161484100', 'isbn:9783161484100', 'isbn:9783161484100']);
    // The two editions themselves stay two titles: nothing here says they are one work.
    expect(mergedTitleKeys([requests[0]!, requests[1]!, requests[3]!])).toEqual(['isbn:9780306406157', 'isbn:9783161484100', 'isbn:9780306406157']);
  });

  it('keeps requests with neither ISBN nor title to themselves', () => {
    expect(mergedTitleKeys([book('1', {}), book('2', { ISSN: '9780306406157' })])).toEqual(['transaction:1', 'isbn:9780306406157']);
  });
});
