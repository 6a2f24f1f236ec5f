import { api, type Me, type QueueRow } from '../api.js';
import { duration, words } from '../format.js';
import { useHandoffChanges } from '../live.js';
import { href, type Route } from '../route.js';
import { useLoad } from '../use-load.js';

const filterNames = ['department', 'state', 'owner', 'mine', 'overdue', 'channel'] as const;

/** Where a hand-off stands against its due time, in the library's opening hours. */
export function dueText(row: Pick<QueueRow, 'isOverdue' | 'openMinutesLeft'>): string {
  return row.isOverdue ? `Overdue by ${duration(row.openMinutesLeft)} of opening time` : `${duration(row.openMinutesLeft)} of opening time left`;
}

/** The open hand-offs, overdue first, with filters kept in the address (so a view can be bookmarked). */
export function Queues({ me, route, fixedDepartment }: { me: Me; route: Route; fixedDepartment?: string | undefined }) {
  const filters = Object.fromEntries(filterNames.map((name) => [name, route.params.get(name) ?? undefined])) as Record<(typeof filterNames)[number], string | undefined>;
  if (fixedDepartment) filters.department = fixedDepartment;
  const query = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
  const { data, error, reload, loadedAt } = useLoad(`/api/v1/dashboard/queues${query ? `?${query}` : ''}`, (path) =>
    api.get<{ handoffs: QueueRow[]; truncated: boolean }>(path),
  );
  const isLive = useHandoffChanges(reload);
  const setFilter = (name: string, value: string | undefined) => {
    location.hash = href('queues', { ...filters, ...(fixedDepartment ? { department: undefined } : {}), [name]: value || undefined });
  };
  const departmentName = (id: string) => me.departments.find((department) => department.id === id)?.name ?? id;
  const select = (name: 'department' | 'state' | 'channel', label: string, options: { value: string; text: string }[]) => (
    <label>
      {label}
      <select value={filters[name] ?? ''} onChange={(event) => setFilter(name, (event.target as HTMLSelectElement).value)}>
        <option value="">any</option>
        {options.map((option) => (
          <option value={option.value}>{option.text}</option>
        ))}
      </select>
    </label>
  );
  return (
    <section aria-labelledby="queues-title">
      <h1 id="queues-title">{fixedDepartment ? `${departmentName(fixedDepartment)}: open hand-offs` : 'Queues'}</h1>
      <form class="filters" onSubmit={(event) => event.preventDefault()} aria-label="Filter the queue">
        {!fixedDepartment && select('department', 'Department', me.departments.map((d) => ({ value: d.id, text: d.name })))}
        {select('state', 'State', me.queueStates.map((state) => ({ value: state, text: words(state) })))}
        {select('channel', 'Asked by', me.channels.map((channel) => ({ value: channel, text: channel })))}
        <label>
          Owner
          <input
            type="text"
            value={filters.owner ?? ''}
            placeholder="anyone"
            onChange={(event) => setFilter('owner', (event.target as HTMLInputElement).value.trim())}
          />
        </label>
        <label class="check">
          <input type="checkbox" checked={filters.mine === 'true'} onChange={(event) => setFilter('mine', (event.target as HTMLInputElement).checked ? 'true' : undefined)} />
          Mine
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={filters.overdue === 'true'}
            onChange={(event) => setFilter('overdue', (event.target as HTMLInputElement).checked ? 'true' : undefined)}
          />
          Overdue only
        </label>
      </form>
      <p class="live" role="status" data-live={isLive ? 'yes' : 'no'}>
        {isLive ? 'Live: changes appear as they happen.' : 'Connecting to live updates…'}
      </p>
      {error && (
        <p class="error" role="alert">
          {error.message}
        </p>
      )}
      {data && (
        <table class="queue" data-loaded-at={loadedAt}>
          <caption>
            {data.handoffs.length} open hand-off{data.handoffs.length === 1 ? '' : 's'}
            {data.truncated ? ' (the first 500; narrow the filters to see the rest)' : ''}, overdue first
          </caption>
          <thead>
            <tr>
              <th scope="col">Hand-off</th>
              <th scope="col">Question</th>
              <th scope="col">Department</th>
              <th scope="col">Owner</th>
              <th scope="col">State</th>
              <th scope="col">Age</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {data.handoffs.map((row) => (
              <tr key={row.id} class={row.isOverdue ? 'overdue' : undefined} data-handoff={row.id}>
                <td>
                  <a href={href('handoff', undefined, row.id)}>{row.id}</a>
                </td>
                <td>{row.summary}</td>
                <td>{departmentName(row.department)}</td>
                <td>{row.owner ?? <em>nobody yet</em>}</td>
                <td>{words(row.state)}</td>
                <td>{duration(row.ageMinutes)}</td>
                <td>
                  {row.isOverdue && <strong class="badge">Overdue</strong>} {dueText(row)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
