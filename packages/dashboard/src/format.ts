/** Words and numbers as staff read them. */

/** A span of minutes as "3 d 4 h", "5 h 20 min" or "12 min". */
export function duration(minutes: number): string {
  const total = Math.round(Math.abs(minutes));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const rest = total % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h${rest > 0 ? ` ${rest} min` : ''}`;
  return `${rest} min`;
}

/** A state or event name as words: "waiting_on_vendor" → "waiting on vendor". */
export function words(name: string): string {
  return name.replaceAll('_', ' ');
}

/** A date and time in the browser's locale. */
export function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A number with at most one decimal, or "–" when there is none. */
export function number(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits).replace(/\.0+$/, '');
}
