import { api } from '../api.js';
import { LineChart } from '../chart.js';
import { when } from '../format.js';
import { href, type Route } from '../route.js';
import { useLoad } from '../use-load.js';
import { PeriodNav, weeksOf } from '../period.js';

interface QuestionsReport {
  weekly: { weeks: { start: string }[]; topics: { topicId: string; counts: number[]; total: number }[] };
  spikes: { topicId: string; recent: number; baselineMean: number | null; ratio: number | null; isSpike: boolean; reason: { message: string }; handoffs: string[] }[];
  topics: { id: string; label: string }[];
  handoffsConsidered: number;
  pages: { page: string; n: number; unfinished: number; latest: string; recent: string[] }[];
}


/** Topics over time, spikes with the hand-offs behind them, and the pages questions came from. */
export function Questions({ route }: { route: Route }) {
  const weeks = weeksOf(route);
  const { data, error } = useLoad(`/api/v1/dashboard/questions?weeks=${weeks}`, (path) => api.get<QuestionsReport>(path));
  const label = (id: string) => data?.topics.find((topic) => topic.id === id)?.label ?? id;
  const mentioned = data?.weekly.topics.filter((topic) => topic.total > 0) ?? [];
  const spikes = data?.spikes.filter((spike) => spike.isSpike) ?? [];
  return (
    <section aria-labelledby="questions-title">
      <h1 id="questions-title">What the questions say</h1>
      <PeriodNav page="questions" weeks={weeks} />
      {error && <p class="error" role="alert">{error.message}</p>}
      {data && (
        <>
          <h2>Spikes</h2>
          {spikes.length === 0 ? (
            <p class="spikes-none">No topic is asked about unusually often this week.</p>
          ) : (
            <ul class="spikes">
              {spikes.map((spike) => (
                <li data-topic={spike.topicId}>
                  <strong>Spike: {label(spike.topicId)}</strong> — {spike.reason.message}.{' '}
                  {spike.handoffs.length > 0 && (
                    <>
                      Behind it:{' '}
                      {spike.handoffs.slice(0, 12).map((id) => (
                        <>
                          <a href={href('handoff', undefined, id)}>{id}</a>{' '}
                        </>
                      ))}
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          {mentioned.length > 0 && (
            <LineChart
              id="topics-by-week"
              title="Questions by topic, by week"
              xLabel="Week of"
              xValues={data.weekly.weeks.map((week) => week.start)}
              series={mentioned.map((topic) => ({ label: label(topic.topicId), values: topic.counts }))}
              format={(value) => (value === null ? '–' : String(Math.round(value)))}
            />
          )}
          <p class="hint">{data.handoffsConsidered} hand-offs read for topics and their usual rate.</p>
          <h2>Questions by the page they were asked from</h2>
          {data.pages.length === 0 ? (
            <p>No hand-off in this period carries the page it was asked from.</p>
          ) : (
            <table class="pages">
              <caption>Pages with the most questions (address without its query), most first</caption>
              <thead>
                <tr>
                  <th scope="col">Page</th>
                  <th scope="col" class="number">Questions</th>
                  <th scope="col" class="number">Still waiting</th>
                  <th scope="col">Latest</th>
                  <th scope="col">Recent hand-offs</th>
                </tr>
              </thead>
              <tbody>
                {data.pages.map((page) => (
                  <tr>
                    <th scope="row" class="page-address">{page.page}</th>
                    <td class="number">{page.n}</td>
                    <td class="number">{page.unfinished}</td>
                    <td>{when(page.latest)}</td>
                    <td>
                      {page.recent.map((id) => (
                        <>
                          <a href={href('handoff', undefined, id)}>{id}</a>{' '}
                        </>
                      ))}
                    </td>
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
