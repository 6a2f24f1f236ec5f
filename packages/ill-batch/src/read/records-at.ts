/**
 * A few records read back from an export by their byte offsets. The summary names the titles most
 * in demand and the report lists the BUY titles, but which titles those are is known only after
 * every row is read; keeping every title's text in memory until then would cost more than reading
 * back the handful of rows that are needed.
 */
import { open } from 'node:fs/promises';
import type { CsvDialect } from './csv-dialect.js';
import { defaultDialect } from './csv-dialect.js';
import { CsvRecordParser } from './csv-records.js';
import { pieceDecoder } from './text-encoding.js';

/** The records starting at each of `offsets` (byte offsets in the file at `path`, written in `dialect`). Throws NotUtf8Error. */
export async function readRecordsAt(path: string, offsets: Iterable<number>, dialect: CsvDialect = defaultDialect): Promise<Map<number, string[]>> {
  const records = new Map<number, string[]>();
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  if (sorted.length === 0) return records;
  const file = await open(path, 'r');
  try {
    for (const offset of sorted) {
      // Most records are a few hundred bytes; read more only for a longer one.
      for (let length = 4096; ; length *= 4) {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await file.read(buffer, 0, length, offset);
        const isEnd = bytesRead < length;
        let record: string[] | null = null;
        const parser = new CsvRecordParser((fields) => (record ??= [...fields]), { dialect });
        // A character cut at the end of the buffer only spoils text after the first record.
        parser.push((await pieceDecoder(dialect.encoding)).write(buffer.subarray(0, bytesRead), offset));
        if (isEnd) parser.finish();
        if (record !== null || isEnd) {
          if (record !== null) records.set(offset, record);
          break;
        }
      }
    }
  } finally {
    await file.close();
  }
  return records;
}
