import { describe, expect, it } from 'vitest';
import { exportEncodingNamed, exportEncodings } from './export-encoding.js';

describe('exportEncodingNamed', () => {
  it('knows each encoding by its own name, in any case', () => {
    for (const encoding of exportEncodings) {
      expect(exportEncodingNamed(encoding)).toBe(encoding);
      expect(exportEncodingNamed(` ${encoding.toUpperCase()} `)).toBe(encoding);
    }
  });

  it('reads the names staff also use: utf8, cp1252, latin1, ISO-8859-1, UTF-16', () => {
    expect(exportEncodingNamed('utf8')).toBe('utf-8');
    expect(exportEncodingNamed('CP1252')).toBe('windows-1252');
    expect(exportEncodingNamed('Latin1')).toBe('windows-1252');
    expect(exportEncodingNamed('ISO-8859-1')).toBe('windows-1252');
    expect(exportEncodingNamed('UTF-16')).toBe('utf-16le');
  });

  it('is null for an encoding it cannot read', () => {
    expect(exportEncodingNamed('ebcdic')).toBeNull();
    expect(exportEncodingNamed('')).toBeNull();
  });
});
