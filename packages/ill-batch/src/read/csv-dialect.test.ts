import { describe, expect, it } from 'vitest';
import { delimiterOfHeader } from './csv-dialect.js';

describe('delimiterOfHeader', () => {
  it('tells commas, semicolons and tabs by the columns they make', () => {
    expect(delimiterOfHeader('TransactionNumber,LoanTitle,CreationDate')).toBe(',');
    expect(delimiterOfHeader('TransactionNumber;LoanTitle;CreationDate')).toBe(';');
    expect(delimiterOfHeader('TransactionNumber\tLoanTitle\tCreationDate')).toBe('\t');
  });

  it('does not count delimiters inside quoted headings', () => {
    expect(delimiterOfHeader('"Request; number",Title,"Date; created",Price')).toBe(',');
    expect(delimiterOfHeader('"Title, as given";"Author, last first";Date')).toBe(';');
  });

  it('takes commas when the header has one column or no delimiter does better', () => {
    expect(delimiterOfHeader('TransactionNumber')).toBe(',');
    expect(delimiterOfHeader('A;B,C')).toBe(',');
  });
});
