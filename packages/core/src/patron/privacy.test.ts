import { describe, expect, it } from 'vitest';
import { defaultPrivacyPolicy, privacyPolicySchema } from './privacy.js';

describe('privacyPolicySchema', () => {
  it('defaults every key, hiding reading history and showing fines as a total', () => {
    expect(privacyPolicySchema.parse({})).toEqual({
      retention_days: 180,
      patron_context: {
        identity: 'name_and_email',
        patron_type: 'shown',
        affiliation: 'shown',
        liaison_librarian: 'shown',
        expiry: 'shown',
        blocks: 'shown',
        fines: 'total',
        loans: 'counts',
        holds: 'counts',
        ill_requests: 'status',
        handoffs: 'shown',
        tickets: 'shown',
      },
      slack_card: { show_patron_identity: false, show_patron_type: true },
      patron_status_link: true,
    });
  });

  it('gives the same defaults when the section is left out of the policy file', () => {
    expect(privacyPolicySchema.parse(undefined)).toEqual(privacyPolicySchema.parse({}));
  });

  it('defaults the keys a library leaves out of a group it writes', () => {
    const policy = privacyPolicySchema.parse({ patron_context: { loans: 'titles' }, slack_card: { show_patron_identity: true } });
    expect(policy.patron_context.loans).toBe('titles');
    expect(policy.patron_context.fines).toBe('total');
    expect(policy.slack_card).toEqual({ show_patron_identity: true, show_patron_type: true });
  });

  const invalid: { name: string; input: unknown; path: (string | number)[] }[] = [
    { name: 'an unknown key', input: { retention: 30 }, path: [] },
    { name: 'an unknown field group', input: { patron_context: { reading_history: 'shown' } }, path: ['patron_context'] },
    { name: 'an unknown level', input: { patron_context: { loans: 'everything' } }, path: ['patron_context', 'loans'] },
    { name: 'ILL status level used for loans', input: { patron_context: { loans: 'status' } }, path: ['patron_context', 'loans'] },
    { name: 'negative retention', input: { retention_days: -1 }, path: ['retention_days'] },
    { name: 'fractional retention', input: { retention_days: 1.5 }, path: ['retention_days'] },
    { name: 'retention as text', input: { retention_days: '180 days' }, path: ['retention_days'] },
    { name: 'unknown Slack card key', input: { slack_card: { show_barcode: true } }, path: ['slack_card'] },
  ];
  it.each(invalid)('rejects $name at its path', ({ input, path }) => {
    const result = privacyPolicySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });

  it('keeps the shared default from being changed by one caller', () => {
    expect(() => {
      (defaultPrivacyPolicy.patron_context as { loans: string }).loans = 'titles';
    }).toThrow(TypeError);
    expect(defaultPrivacyPolicy.patron_context.loans).toBe('counts');
  });
});
