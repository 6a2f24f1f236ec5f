import { describe, expect, it } from 'vitest';
import { patronAuditKey, patronAuditKeys } from './audit-key.js';

describe('patronAuditKey', () => {
  it.each([
    [{ email: 'AMARA.OKAFOR@Northfield.edu' }, 'amara.okafor@northfield.edu'],
    [{ email: ' amara.okafor@northfield.edu ' }, 'amara.okafor@northfield.edu'],
    [{ email: 'amara.okafor@northfield.edu', barcode: '21234000012' }, 'amara.okafor@northfield.edu'],
    [{ barcode: ' 21234000012 ' }, '21234000012'],
    [{ email: '  ', barcode: '' }, null],
    [{}, null],
  ])('%j is filed under %j', (patron, key) => {
    expect(patronAuditKey(patron)).toBe(key);
  });

  it('lists the e-mail and the barcode key of a patron known by both', () => {
    expect(patronAuditKeys({ email: 'Amara@X.edu', barcode: '212' })).toEqual(['amara@x.edu', '212']);
    expect(patronAuditKeys({ email: 'amara@x.edu' })).toEqual(['amara@x.edu']);
  });
});
