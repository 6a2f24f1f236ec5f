import { api, type Me } from '../api.js';
import { LineChart } from '../chart.js';
import { duration, number } from '../format.js';
import type { Route } from '../route.js';
import { useLoad } from '../use-load.js';
import { PeriodNav, weeksOf } from '../period.js';

interface Figures {
  n: number;
  firstResponse: { n: number; medianMinutes: number | null; p90Minutes: number | null };
  resolution: { n: number; medianMinutes: number | null; p90Minutes: number | null };
  breaches: number;
  handoffsPerQuestion: number | null;
  returned: number;
}

interface ServiceReport {
  from: string;
  to: string;
  departments: { id: string; name: string; serviceLevels: string[]; total: Figures | null; weeks: (Figures & { week: string })[] }[];
}

interface StaffReport {
  minN: number;
  staff: { owner: string; n: number; suppressed: boolean; resolutionMedianMinutes: number | null; breaches: number | null }[];
}

const minutes = (value: number | null) => (value === null ? '–' : duration(value));
const withN = (median: number | null, p90: number | null, n: number) => `${minutes(median)} / ${minutes(p90)} (n = ${n})`;

/** Individual results: asked for only by coordinators, whom the hub alone lets see them. */
function StaffResults({ weeks }: { weeks: number }) {
  const { data, error } = useLoad(`/api/v1/dashboard/service/staff?weeks=${weeks}`, (path) => api.get<StaffReport>(path));
  if (error) return <p class="error" role="alert">{error.message}</p>;
  if (!data) return <p>Loading staff results…</p>;
  return (
    <table class="staff-results">
      <caption>Resolved hand-offs by owner (results of owners with fewer than {data.minN} are hidden)</caption>
      <thead>
        <tr>
          <th scope="col">Owner</th>
          <th scope="col" class="number">Resolved</th>
          <th scope="col" class="number">Median time to resolve</th>
          <th scope="col" class="number">Resolved late</th>
        </tr>
      </thead>
      <tbody>
        {data.staff.map((row) => (
          <tr>
            <th scope="row">{row.owner}</th>
            <td class="number">{row.n}</td>
            <td class="number">{row.suppressed ? 'hidden (too few)' : minutes(row.resolutionMedianMinutes)}</td>
            <td class="number">{row.suppressed ? 'hidden' : row.breaches}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Service levels kept and missed, per department and by week. */
export function Service({ me, route }: { me: Me; route: Route }) {
  const weeks = weeksOf(route);
  const { data, error } = useLoad(`/api/v1/dashboard/service?weeks=${weeks}`, (path) => api.get<ServiceReport>(path));
  const isCoordinator = me.principal.role === 'coordinator' || me.principal.role === 'admin';
  const active = data?.departments.filter((department) => department.total) ?? [];
  const weekLabels = [...new Set(active.flatMap((department) => department.weeks.map((week) => week.week)))].sort();
  const weekly = (pick: (figures: Figures) => number | null) =>
    active.map((department) => ({
      label: department.name,
      values: weekLabels.map((label) => {
        const week = department.weeks.find((candidate) => candidate.week === label);
        return week ? pick(week) : null;
      }),
    }));
  return (
    <section aria-labelledby="service-title">
      <h1 id="service-title">Service</h1>
      <PeriodNav page="service" weeks={weeks} />
      {error && <p class="error" role="alert">{error.message}</p>}
      {data && (
        <>
          <table class="service-summary">
            <caption>Hand-offs made in the last {weeks} weeks, per department: median / 90th percentile (n)</caption>
            <thead>
              <tr>
                <th scope="col">Department</th>
                <th scope="col">Service level</th>
                <th scope="col" class="number">Hand-offs</th>
                <th scope="col" class="number">First response</th>
                <th scope="col" class="number">Resolution</th>
                <th scope="col" class="number">Breaches</th>
                <th scope="col" class="number">Hand-offs per question</th>
                <th scope="col" class="number">Returned</th>
              </tr>
            </thead>
            <tbody>
              {data.departments.map((department) => (
                <tr data-department={department.id}>
                  <th scope="row">{department.name}</th>
                  <td>{department.serviceLevels.join(', ') || '–'}</td>
                  <td class="number">{department.total?.n ?? 0}</td>
                  <td class="number">
                    {department.total ? withN(department.total.firstResponse.medianMinutes, department.total.firstResponse.p90Minutes, department.total.firstResponse.n) : '–'}
                  </td>
                  <td class="number">
                    {department.total ? withN(department.total.resolution.medianMinutes, department.total.resolution.p90Minutes, department.total.resolution.n) : '–'}
                  </td>
                  <td class="number">
                    {department.total ? `${department.total.breaches} (${number((100 * department.total.breaches) / department.total.n, 0)}%)` : '–'}
                  </td>
                  <td class="number">{number(department.total?.handoffsPerQuestion ?? null, 2)}</td>
                  <td class="number">{department.total?.returned ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {weekLabels.length > 0 && (
            <>
              <LineChart
                id="resolution-by-week"
                title="Median time to resolve, by week"
                xLabel="Week of"
                xValues={weekLabels}
                series={weekly((figures) => figures.resolution.medianMinutes)}
                format={minutes}
              />
              <LineChart
                id="breaches-by-week"
                title="Service level breaches, by week"
                xLabel="Week of"
                xValues={weekLabels}
                series={weekly((figures) => figures.breaches)}
                format={(value) => (value === null ? '–' : String(Math.round(value)))}
              />
            </>
          )}
          <h2>Individual staff</h2>
          {isCoordinator ? <StaffResults weeks={weeks} /> : <p class="hint">Individual staff results are shown to coordinators only.</p>}
        </>
      )}
    </section>
  );
}
