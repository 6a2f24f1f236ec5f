import { parseCreationDate } from '@liaison/core/batch';
import { describe, expect, it } from 'vitest';
import { commonShape, creationDayOf } from './creation-day.js';

describe('creationDayOf', () => {
  it('reads the common ILLiad shapes at fixed places exactly as core parseCreationDate reads them', () => {
    let seed = 7;
    const random = (below: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % below);
    const pieces = ['0', '1', '2', '3', '9', '12', '29', '30', '31', '59', '60', '23', '24', '/', '-', ':', ' ', 'T', '.', 'AM', 'PM', 'am', 'x', ''];
    const shapes = ['2024-02-29 23:59:59', '2025-03-04T10:15:00.123', '12/31/1999 11:59:59 PM', '3/4/2025 9:05:00 AM', '2/29/2023 12:00:00 AM'];
    const disagreements: string[] = [];
    let readAtFixedPlaces = 0;
    for (let n = 0; n < 20_000; n++) {
      let text = shapes[random(shapes.length)]!;
      // None to three changes: a character replaced by a piece, or a piece put in.
      for (let change = random(4) - 1; change >= 0; change--) {
        const at = random(text.length + 1);
        const piece = pieces[random(pieces.length)]!;
        text = text.slice(0, at) + piece + text.slice(at + random(2));
      }
      for (const order of ['month-first', 'day-first'] as const) {
        const fast = creationDayOf(text, order);
        if (!Number.isNaN(commonShape(text, order === 'day-first'))) readAtFixedPlaces++;
        if (fast !== parseCreationDate(text, order)) disagreements.push(`${text} (${order}) -> ${fast}`);
      }
    }
    expect(disagreements).toEqual([]);
    // The fast path must be taken often, or the comparison proves nothing about it.
    expect(readAtFixedPlaces).toBeGreaterThan(5_000);
  });
});
