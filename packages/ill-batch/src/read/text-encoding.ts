/**
 * Reading an export's bytes as text in its encoding (see core's export-encoding.ts): a decoder
 * that keeps a character split across two reads whole, the bytes a piece of text took in the
 * file (so records keep their byte offsets), and the byte-order mark that says the encoding.
 */
import { StringDecoder } from 'node:string_decoder';
import type { ExportEncoding } from '@liaison/core';

/**
 * Decodes a file read in pieces. `byteOffset`: where in the file `bytes` start (for `end`, where
 * the file ends), so a UTF-8 decoder can say where a byte that is not UTF-8 is (NotUtf8Error).
 */
export interface PieceDecoder {
  write(bytes: Buffer, byteOffset: number): string;
  end(byteOffset: number): string;
}

/**
 * A decoder for `encoding`: Node's own for UTF-8 (strict) and UTF-16LE (the fastest); iconv-lite
 * for the others. Not the WHATWG TextDecoder for those: Node 20's 'windows-1252' decodes as
 * ISO-8859-1, so Word's curly quotes, dashes and the euro sign (bytes 0x80–0x9F) would come out
 * as control characters. A byte-order mark is kept as a character (CsvRecordParser counts its bytes).
 */
export async function pieceDecoder(encoding: ExportEncoding): Promise<PieceDecoder> {
  if (encoding === 'utf-8') {
    // Strict: a byte that is not UTF-8 throws rather than becoming "\uFFFD", whose three bytes
    // would put every byte offset after it out. Also faster than StringDecoder (bench/README.md).
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    return {
      write: (bytes, byteOffset) => strictly(() => decoder.decode(bytes, { stream: true }), () => byteOffset + firstByteNotUtf8(bytes)),
      // At the end, only a character cut short by the end of the file can be wrong.
      end: (byteOffset) => strictly(() => decoder.decode(), () => byteOffset - 1),
    };
  }
  if (encoding === 'utf-16le') {
    const decoder = new StringDecoder('utf16le');
    return { write: (bytes) => decoder.write(bytes), end: () => decoder.end() };
  }
  // Loaded only for these files: most exports are UTF-8.
  const { default: iconv } = await import('iconv-lite');
  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  return { write: (bytes) => decoder.write(bytes), end: () => decoder.end() ?? '' };
}

/** The number of bytes `text` took in a file in `encoding`. */
export function byteLengthIn(encoding: ExportEncoding): (text: string) => number {
  if (encoding === 'utf-8') return (text) => Buffer.byteLength(text, 'utf8');
  // Each UTF-16 code unit is two bytes (a character outside the BMP is two units, four bytes).
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return (text) => 2 * text.length;
  return (text) => text.length; // Windows-1252: one byte a character
}

/** The encoding the byte-order mark at the start of `bytes` says, or null when there is none. */
export function encodingOfByteOrderMark(bytes: Uint8Array): ExportEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * Whether a line break in the file is the byte 0x0A and that byte is never part of another
 * character, so the file can be cut into parts at any such byte (not so in UTF-16).
 */
export function isSplittableAtLineBreakBytes(encoding: ExportEncoding): boolean {
  return encoding === 'utf-8' || encoding === 'windows-1252';
}

/** A file read as UTF-8 holds a byte that is not UTF-8 at `byteOffset`. */
export class NotUtf8Error extends Error {
  readonly byteOffset: number;
  constructor(byteOffset: number) {
    super(`the byte at offset ${byteOffset} is not UTF-8`);
    this.name = 'NotUtf8Error';
    this.byteOffset = byteOffset;
  }
}

/** `decode()`, with the error a strict TextDecoder throws on bytes that are not UTF-8 told as NotUtf8Error at `faultAt()`. */
function strictly(decode: () => string, faultAt: () => number): string {
  try {
    return decode();
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code !== 'ERR_ENCODING_INVALID_ENCODED_DATA') throw error;
    throw new NotUtf8Error(faultAt());
  }
}

/**
 * Where in `bytes` (a piece a strict UTF-8 decoder refused) the first byte that is not UTF-8 is.
 * Up to three leading continuation bytes finish a character begun in the piece before; when the
 * fault is not found past them, it is at the start.
 */
export function firstByteNotUtf8(bytes: Uint8Array): number {
  let at = 0;
  while (at < 3 && at < bytes.length && (bytes[at]! & 0xc0) === 0x80) at++;
  while (at < bytes.length) {
    const lead = bytes[at]!;
    if (lead < 0x80) {
      at++;
      continue;
    }
    // The well-formed sequences (Unicode, table 3-7): no overlong forms, surrogates or values past U+10FFFF.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return at;
    for (let k = 1; k < length; k++) {
      if (at + k === bytes.length) return 0; // cut at the piece's end, so the fault was elsewhere: at the start
      const next = bytes[at + k]!;
      if (k === 1 ? next < low || next > high : (next & 0xc0) !== 0x80) return at;
    }
    at += length;
  }
  return 0;
}
