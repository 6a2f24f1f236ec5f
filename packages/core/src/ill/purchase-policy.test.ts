import { describe, expect, it } from 'vitest';
import { defaultPurchasePolicy, purchasePolicySchema } from './purchase-policy.js';

describe('purchasePolicySchema', () => {
  it('gives every default when the section is left out or empty', () => {
    const expected = {
      max_price: 150,
      max_age_years: 5,
      exclude_document_types: ['Thesis', 'Dissertation', 'Article', 'Book Chapter', 'Conference Paper'],
      eligible_patron_statuses: [],
      min_requests: 1,
      demand_window_days: 365,
    };
    expect(purchasePolicySchema.parse(undefined)).toEqual(expected);
    expect(purchasePolicySchema.parse({})).toEqual(expected);
    expect(defaultPurchasePolicy).toEqual(expected);
  });

  it('keeps what the library wrote and defaults the rest', () => {
    expect(purchasePolicySchema.parse({ max_price: 80, eligible_patron_statuses: [' Faculty '] })).toMatchObject({
      max_price: 80,
      max_age_years: 5,
      eligible_patron_statuses: ['Faculty'],
    });
  });

  it('does not share default lists between parses', () => {
    const first = purchasePolicySchema.parse({});
    first.exclude_document_types.push('Map');
    expect(purchasePolicySchema.parse({}).exclude_document_types).not.toContain('Map');
  });

  it.each<[string, unknown, (string | number)[], RegExp]>([
    ['unknown key', { max_prices: 100 }, [], /max_prices/],
    ['negative price', { max_price: -1 }, ['max_price'], /is negative/],
    ['fractional years', { max_age_years: 2.5 }, ['max_age_years'], /whole number of years/],
    ['zero requests', { min_requests: 0 }, ['min_requests'], /write 1 to buy on the first request/],
    ['zero-day window', { demand_window_days: 0 }, ['demand_window_days'], /less than 1/],
    ['empty type', { exclude_document_types: ['Thesis', ' '] }, ['exclude_document_types', 1], /is empty/],
    ['price as text', { max_price: '150' }, ['max_price'], /number/],
  ])('rejects %s with a path and a message', (_what, input, path, message) => {
    const result = purchasePolicySchema.safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.path).toEqual(path);
    expect(`${issue.message} ${JSON.stringify(issue)}`).toMatch(message);
  });
});
