/**
 * Opening hours as a library writes them: "closed", one range "07:30-23:00", or a list of ranges
 * ["08:00-12:00", "13:00-17:00"]. "00:00-24:00" is open all day. A range never passes midnight,
 * so each day's hours can be read on their own.
 */
import * as z from 'zod';

/** One stretch of a day when the library is open, in local wall-clock time. */
export interface OpeningRange {
  /** "HH:MM", from "00:00" to "23:59". */
  opens: string;
  /** "HH:MM", from "00:01" to "24:00" ("24:00" is the next midnight). */
  closes: string;
}

/** A day's hours, earliest range first; an empty list means closed all day. */
export type OpeningDay = OpeningRange[];

/** Minutes after local midnight of an "HH:MM" time ("24:00" is 1440). */
export function minutesAfterMidnight(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

const pad = (value: number) => String(value).padStart(2, '0');
const asTime = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

// Lenient on the small things ("7:30", spaces, an en dash) and strict on meaning.
const rangePattern = /^(\d{1,2}):(\d{2})\s*[-\u2010-\u2015]\s*(\d{1,2}):(\d{2})$/u;
const twelveHourPattern = /^(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?\s*[-\u2010-\u2015]\s*(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?$/iu;
const allDayWords = /^(all[ -]?day|24[ -]?(h|hours?)|open|24\/7)$/iu;

type RangeReading = { ok: true; range: OpeningRange } | { ok: false; message: string };

/** The 24-hour form of "9am-5pm", for a hint; undefined when the text is not of that shape. */
function fromTwelveHour(text: string): string | undefined {
  const match = twelveHourPattern.exec(text);
  if (!match) return undefined;
  const toMinutes = (hour: string, minute: string | undefined, half: string) => {
    const h = Number(hour) % 12 + (half.toLowerCase() === 'p' ? 12 : 0);
    return h * 60 + Number(minute ?? 0);
  };
  const opens = toMinutes(match[1]!, match[2], match[3]!);
  let closes = toMinutes(match[4]!, match[5], match[6]!);
  if (closes === 0) closes = 1440; // "to 12am" means midnight at the end of the day
  return `${asTime(opens)}-${asTime(closes)}`;
}

/** Reads one "HH:MM-HH:MM" range, or says what is wrong with it and how to write it. */
export function readOpeningRange(text: string): RangeReading {
  const trimmed = text.trim();
  const match = rangePattern.exec(trimmed);
  if (!match) {
    const twentyFourHour = fromTwelveHour(trimmed);
    if (twentyFourHour) return { ok: false, message: `"${trimmed}" is not a range of 24-hour times; try "${twentyFourHour}"` };
    if (allDayWords.test(trimmed)) return { ok: false, message: `"${trimmed}" is not a range of times; write "00:00-24:00" for open all day` };
    return { ok: false, message: `"${trimmed}" is not a range of times; write "HH:MM-HH:MM", e.g. "08:00-17:00", or "closed"` };
  }
  const [openHour, openMinute, closeHour, closeMinute] = match.slice(1).map(Number) as [number, number, number, number];
  const opens = openHour * 60 + openMinute;
  const closes = closeHour * 60 + closeMinute;
  if (openHour > 23 || openMinute > 59) return { ok: false, message: `"${trimmed}" opens at an impossible time; hours run 00-23 and minutes 00-59` };
  if (closeMinute > 59 || closes > 1440) return { ok: false, message: `"${trimmed}" closes at an impossible time; the latest is "24:00"` };
  if (closes <= opens) {
    if (closes < opens) {
      return {
        ok: false,
        message: `"${trimmed}" closes before it opens; a range cannot pass midnight, so write "${asTime(opens)}-24:00" here and "00:00-${asTime(closes)}" on the next day`,
      };
    }
    return { ok: false, message: `"${trimmed}" opens and closes at the same time; write "closed" for a closed day` };
  }
  return { ok: true, range: { opens: asTime(opens), closes: asTime(closes) } };
}

const byOpening = (a: OpeningRange, b: OpeningRange) => minutesAfterMidnight(a.opens) - minutesAfterMidnight(b.opens);

/**
 * One day's hours: "closed", a range, or a list of ranges (sorted here; overlaps are errors).
 * The output is a list of ranges, empty when closed.
 */
export const openingDaySchema = z
  .union([z.string(), z.array(z.string()).min(1, 'lists no hours; write "closed" for a closed day')], {
    error: 'is not opening hours; write "closed", "HH:MM-HH:MM", or a list such as ["08:00-12:00", "13:00-17:00"]',
  })
  .transform((value, context): OpeningDay => {
    if (typeof value === 'string' && value.trim().toLowerCase() === 'closed') return [];
    const texts = typeof value === 'string' ? [value] : value;
    const ranges: OpeningRange[] = [];
    texts.forEach((text, index) => {
      const reading = readOpeningRange(text);
      if (reading.ok) ranges.push(reading.range);
      else context.addIssue({ code: 'custom', message: reading.message, path: typeof value === 'string' ? [] : [index] });
    });
    if (ranges.length !== texts.length) return z.NEVER;
    const sorted = [...ranges].sort(byOpening);
    for (let index = 1; index < sorted.length; index++) {
      const before = sorted[index - 1]!;
      const after = sorted[index]!;
      if (minutesAfterMidnight(after.opens) < minutesAfterMidnight(before.closes)) {
        const merged = `${before.opens}-${asTime(Math.max(minutesAfterMidnight(before.closes), minutesAfterMidnight(after.closes)))}`;
        context.addIssue({
          code: 'custom',
          path: [ranges.indexOf(after)],
          message: `"${after.opens}-${after.closes}" overlaps "${before.opens}-${before.closes}"; merge them into "${merged}"`,
        });
      }
    }
    return sorted;
  });
