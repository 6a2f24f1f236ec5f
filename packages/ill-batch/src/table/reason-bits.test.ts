import type { PurchaseReasonCode } from '@liaison/core/batch';
import { purchaseReasonCodes } from '@liaison/core/batch';
import { describe, expect, it } from 'vitest';
import { packReasons, unpackReasons } from './reason-bits.js';

describe('packReasons and unpackReasons', () => {
  it('give back every list of reason codes (in core order) as it was packed', () => {
    const lost: string[] = [];
    for (let subset = 0; subset < 1 << purchaseReasonCodes.length; subset++) {
      const codes: PurchaseReasonCode[] = purchaseReasonCodes.filter((_code, index) => (subset & (1 << index)) !== 0);
      const back = unpackReasons(packReasons(codes));
      if (back.join() !== codes.join()) lost.push(`${codes.join()} -> ${back.join()}`);
    }
    expect(lost).toEqual([]);
  });
});
