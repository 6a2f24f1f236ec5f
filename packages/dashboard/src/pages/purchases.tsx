import { api } from '../api.js';
import { duration, words } from '../format.js';
import { href, type Route } from '../route.js';
import { useLoad } from '../use-load.js';
import { PeriodNav, weeksOf } from '../period.js';

interface PurchaseReport {
  outcomes: { state: string; n: number }[];
  waiting: { id: string; summary: string; state: string; ageMinutes: number; transaction: string; verdict: string | null }[];
  titles: { titleKey: string; title: string | null; requests: number; latestVerdict: string; latest: string }[];
  overruled: { reasonCode: string; overrideVerdict: string; count: number }[] | null;
}


/** Purchase suggestions and what became of them, titles in demand, and the rules staff overrule. */
export function Purchases({ route }: { route: Route }) {
  const weeks = weeksOf(route);
  const { data, error } = useLoad(`/api/v1/dashboard/purchases?weeks=${weeks}`, (path) => api.get<PurchaseReport>(path));
  return (
    <section aria-labelledby="purchases-title">
      <h1 id="purchases-title">Buy or borrow</h1>
      <PeriodNav page="purchases" weeks={weeks} />
      {error && <p class="error" role="alert">{error.message}</p>}
      {data && (
        <>
          <h2>What became of the suggestions</h2>
          <table class="outcomes">
            <caption>Hand-offs carrying an ILL request, by where they stand</caption>
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col" class="number">Suggestions</th>
              </tr>
            </thead>
            <tbody>
              {data.outcomes.map((outcome) => (
                <tr>
                  <th scope="row">{words(outcome.state)}</th>
                  <td class="number">{outcome.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Waiting</h2>
          <table class="waiting">
            <caption>{data.waiting.length} suggestions still waiting, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Hand-off</th>
                <th scope="col">Request</th>
                <th scope="col">Summary</th>
                <th scope="col">State</th>
                <th scope="col">Rules said</th>
                <th scope="col">Waiting</th>
              </tr>
            </thead>
            <tbody>
              {data.waiting.map((row) => (
                <tr>
                  <td>
                    <a href={href('handoff', undefined, row.id)}>{row.id}</a>
                  </td>
                  <td>{row.transaction}</td>
                  <td>{row.summary}</td>
                  <td>{words(row.state)}</td>
                  <td>{row.verdict ?? 'not judged'}</td>
                  <td>{duration(row.ageMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Titles in demand</h2>
          <table class="titles">
            <caption>Titles requested most through ILL (judged by the purchase rules)</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col" class="number">Requests</th>
                <th scope="col">Latest verdict</th>
              </tr>
            </thead>
            <tbody>
              {data.titles.map((title) => (
                <tr>
                  <th scope="row">{title.title ?? title.titleKey}</th>
                  <td class="number">{title.requests}</td>
                  <td>{title.latestVerdict}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Rules staff overrule</h2>
          {data.overruled === null ? (
            <p class="hint">The override summary is shown to coordinators.</p>
          ) : data.overruled.length === 0 ? (
            <p>Staff overruled no verdict in this period.</p>
          ) : (
            <table class="overruled">
              <caption>Overrides by the rule that decided and the verdict staff chose instead</caption>
              <thead>
                <tr>
                  <th scope="col">Deciding rule</th>
                  <th scope="col">Staff chose</th>
                  <th scope="col" class="number">Times</th>
                </tr>
              </thead>
              <tbody>
                {data.overruled.map((row) => (
                  <tr>
                    <th scope="row">{words(row.reasonCode)}</th>
                    <td>{row.overrideVerdict}</td>
                    <td class="number">{row.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
