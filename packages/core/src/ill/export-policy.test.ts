import { describe, expect, it } from 'vitest';
import { illExportPolicySchema } from './export-policy.js';

describe('the ill_export section', () => {
  it('defaults to ILLiad headings and no named encoding when left out', () => {
    expect(illExportPolicySchema.parse(undefined)).toEqual({ date_order: 'month-first', columns: {} });
  });

  it('reads the encoding under the names staff write', () => {
    expect(illExportPolicySchema.parse({ encoding: 'Windows-1252' }).encoding).toBe('windows-1252');
    expect(illExportPolicySchema.parse({ encoding: 'latin1' }).encoding).toBe('windows-1252');
    expect(illExportPolicySchema.parse({ encoding: 'UTF-16' }).encoding).toBe('utf-16le');
  });

  it('names the encodings it can read when given another', () => {
    const parsed = illExportPolicySchema.safeParse({ encoding: 'ebcdic' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('"ebcdic" is not an encoding Liaison reads; write one of utf-8, windows-1252, utf-16le, utf-16be');
    expect(parsed.error?.issues[0]?.path).toEqual(['encoding']);
  });

  it('reads the order of dates with slashes, and names the orders when given another', () => {
    expect(illExportPolicySchema.parse({ date_order: 'day-first' }).date_order).toBe('day-first');
    const parsed = illExportPolicySchema.safeParse({ date_order: 'dmy' });
    expect(parsed.error?.issues[0]?.message).toBe('is not a date order; write month-first or day-first');
  });
});
