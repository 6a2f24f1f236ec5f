import { href, type Route } from './route.js';

const periods = [4, 12, 26, 52];

/** The weeks a report covers, from the address (default 12). */
export function weeksOf(route: Route): number {
  return Number(route.params.get('weeks') ?? 12) || 12;
}

/** Links choosing the period of a report page; the chosen one is marked for screen readers too. */
export function PeriodNav({ page, weeks }: { page: string; weeks: number }) {
  return (
    <nav aria-label="Period" class="filters">
      {periods.map((period) => (
        <a href={href(page, { weeks: String(period) })} aria-current={period === weeks ? 'true' : undefined}>
          last {period} weeks
        </a>
      ))}
    </nav>
  );
}
