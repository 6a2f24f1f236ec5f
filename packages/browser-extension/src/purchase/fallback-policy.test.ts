import { describe, expect, it } from 'vitest';
import { defaultPurchasePolicy } from '@liaison/core';
import { fallbackPurchasePolicy } from './fallback-policy.js';

describe('fallbackPurchasePolicy', () => {
  it("is core's default purchase policy, key for key", () => {
    expect(fallbackPurchasePolicy).toEqual(defaultPurchasePolicy);
  });
});
