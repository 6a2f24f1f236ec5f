import { titleAndAuthorKey, titleKey } from '@liaison/core';
import { describe, expect, it } from 'vitest';
import { TitleIds } from './title-ids.js';

type Row = [transactionNumber: string, isbnField: string, title: string, author: string];

describe('TitleIds', () => {
  // Requests that must meet (same titleKey) and ones that must not.
  const rows: Row[] = [
    ['1', '0306406152 (pbk.)', 'Anything', 'Anyone'],
    ['2', '978-0-306-40615-7', 'Other words', 'Someone'], // the same ISBN, written as ISBN-13
    ['3', '', 'The Café : a history', 'Smith, John'],
    ['4', '', 'cafe', 'John Smith'],
    ['5', '0378-5955', 'Cafe', 'Smith'], // an ISSN: grouped by title
    ['6', '', '', ''], // neither: counts alone
    ['6', '', '', ''], // the same transaction number: titleKey groups it
    ['06', '', '', ''], // not the same transaction number
    ['T-7', '', '', ''],
    ['T-7', '', '!!!', 'Nobody'], // a title with no words: the transaction again
    ['8', '9783161484100', '', ''],
  ];

  it('groups rows exactly as titleKey does, with ids in order of first appearance', () => {
    const ids = new TitleIds();
    const idOfKey = new Map<string, number>();
    const idOf = (key: string) => {
      if (!idOfKey.has(key)) idOfKey.set(key, idOfKey.size);
      return idOfKey.get(key)!;
    };
    const pairs: number[] = [];
    for (const [transactionNumber, isbnField, title, author] of rows) {
      const key = titleKey({ TransactionNumber: transactionNumber, ISSN: isbnField, LoanTitle: title, LoanAuthor: author });
      const expected = idOf(key);
      // The title and author written beside an ISBN appear too (for the title merge), right after it.
      const written = key.startsWith('isbn:') ? titleAndAuthorKey({ LoanTitle: title, LoanAuthor: author }) : null;
      if (written !== null) pairs.push(expected, idOf(written));
      expect(ids.idOf(transactionNumber, isbnField, title, author), `${transactionNumber} ${key}`).toBe(expected);
    }
    expect(ids.count).toBe(idOfKey.size);
    expect([...ids.keys().pairs]).toEqual(pairs);
  });
});
