import { describe, expect, it } from 'vitest';
import { byteLengthIn, encodingOfByteOrderMark, firstByteNotUtf8, NotUtf8Error, pieceDecoder } from './text-encoding.js';

describe('pieceDecoder', () => {
  it('reads Windows-1252 bytes 0x80–0x9F as its curly quotes, dashes and euro sign, not as control characters', async () => {
    const decoder = await pieceDecoder('windows-1252');
    expect(decoder.write(Buffer.from([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x97, 0x20, 0x80, 0x35]), 0)).toBe('\u201cCafé\u201d \u2014 €5');
  });

  it('keeps a character split across two pieces whole, and the byte-order mark as a character', async () => {
    const bytes = Buffer.from('\ufeffÉtudes €', 'utf16le').swap16();
    const decoder = await pieceDecoder('utf-16be');
    expect(decoder.write(bytes.subarray(0, 5), 0) + decoder.write(bytes.subarray(5), 5) + decoder.end(bytes.length)).toBe('\ufeffÉtudes €');
    const utf8 = await pieceDecoder('utf-8');
    const euro = Buffer.from('€', 'utf8');
    expect(utf8.write(euro.subarray(0, 1), 0) + utf8.write(euro.subarray(1), 1) + utf8.end(3)).toBe('€');
  });

  it('as UTF-8, throws NotUtf8Error at the file offset of a byte that is not, or of a character the file cuts short', async () => {
    const decoder = await pieceDecoder('utf-8');
    expect(decoder.write(Buffer.from('ok, ', 'utf8'), 1000)).toBe('ok, ');
    expect(() => decoder.write(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]), 1004)).toThrow(new NotUtf8Error(1007));
    const cut = await pieceDecoder('utf-8');
    expect(cut.write(Buffer.from([0x41, 0xe2, 0x82]), 0)).toBe('A');
    let thrown: unknown = null;
    try {
      cut.end(3);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NotUtf8Error);
    expect((thrown as NotUtf8Error).byteOffset).toBe(2);
  });
});

describe('byteLengthIn', () => {
  it('counts the bytes a text took in each encoding', () => {
    expect(byteLengthIn('utf-8')('Café €')).toBe(9);
    expect(byteLengthIn('windows-1252')('Café €')).toBe(6);
    expect(byteLengthIn('utf-16le')('Café 𝄞')).toBe(14);
    expect(byteLengthIn('utf-16be')('\ufeff')).toBe(2);
  });
});

describe('encodingOfByteOrderMark', () => {
  it('names the encoding a byte-order mark says, and null without one', () => {
    expect(encodingOfByteOrderMark(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toBe('utf-8');
    expect(encodingOfByteOrderMark(Uint8Array.of(0xff, 0xfe, 0x41, 0x00))).toBe('utf-16le');
    expect(encodingOfByteOrderMark(Uint8Array.of(0xfe, 0xff, 0x00, 0x41))).toBe('utf-16be');
    expect(encodingOfByteOrderMark(Uint8Array.of(0x41, 0x42))).toBeNull();
    expect(encodingOfByteOrderMark(new Uint8Array(0))).toBeNull();
  });
});

describe('firstByteNotUtf8', () => {
  const utf8 = (text: string) => [...Buffer.from(text, 'utf8')];

  it('finds a Windows-1252 letter among UTF-8 ones', () => {
    expect(firstByteNotUtf8(Uint8Array.from([...utf8('Ü ok, '), 0x43, 0x61, 0x66, 0xe9, 0x0a]))).toBe(10);
  });

  it('refuses overlong forms, surrogates, values past U+10FFFF and a sequence cut by ASCII', () => {
    expect(firstByteNotUtf8(Uint8Array.of(0x41, 0xc0, 0xaf))).toBe(1);
    expect(firstByteNotUtf8(Uint8Array.of(0x41, 0xe0, 0x80, 0xaf))).toBe(1);
    expect(firstByteNotUtf8(Uint8Array.of(0x41, 0xed, 0xa0, 0x80))).toBe(1);
    expect(firstByteNotUtf8(Uint8Array.of(0x41, 0xf4, 0x90, 0x80, 0x80))).toBe(1);
    expect(firstByteNotUtf8(Uint8Array.of(0x41, 0x42, 0xe2, 0x82, 0x41))).toBe(2);
  });

  it('skips the end of a character begun in the piece before, and a character cut at the end', () => {
    const euro = utf8('€'); // e2 82 ac
    expect(firstByteNotUtf8(Uint8Array.from([euro[1]!, euro[2]!, 0x41, 0xff, 0x42]))).toBe(3);
    expect(firstByteNotUtf8(Uint8Array.from([0x41, 0xff, euro[0]!, euro[1]!]))).toBe(1);
  });

  it('puts the fault at the start when it is not past there', () => {
    expect(firstByteNotUtf8(Uint8Array.from(utf8('all well')))).toBe(0);
  });
});
