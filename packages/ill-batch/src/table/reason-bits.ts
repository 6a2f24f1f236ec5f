/**
 * A row's reason codes packed into one integer, as the request table keeps them for a million
 * rows: bit `1 << i` for `purchaseReasonCodes[i]`. Core's findings list the codes; packing is
 * this package's business. table/reason-bits.test.ts checks that every list comes back whole.
 */
import type { PurchaseReasonCode } from '@liaison/core/batch';
import { purchaseReasonCodes } from '@liaison/core/batch';

const bitOf = Object.fromEntries(purchaseReasonCodes.map((code, index) => [code, 1 << index])) as Record<PurchaseReasonCode, number>;

/** The bit of one reason code. */
export function reasonBit(code: PurchaseReasonCode): number {
  return bitOf[code];
}

/** The codes packed into one integer. */
export function packReasons(codes: readonly PurchaseReasonCode[]): number {
  let bits = 0;
  for (let i = 0; i < codes.length; i++) bits |= bitOf[codes[i]!];
  return bits;
}

// A batch meets few combinations of reasons, so each is unpacked once and shared (never changed).
const unpacked = new Map<number, readonly PurchaseReasonCode[]>();

/** The codes of packed `bits`, in `purchaseReasonCodes` order (a shared, frozen list). */
export function unpackReasons(bits: number): readonly PurchaseReasonCode[] {
  let codes = unpacked.get(bits);
  if (codes === undefined) {
    codes = Object.freeze(purchaseReasonCodes.filter((code) => (bits & bitOf[code]) !== 0));
    unpacked.set(bits, codes);
  }
  return codes;
}
