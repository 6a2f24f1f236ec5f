import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Me } from '../api.js';
import { offerTabConfiguration } from '../teams.js';

/** Teams' configuration page of a channel tab: which department's queue the tab shows. */
export function Configure({ me }: { me: Me }) {
  const [department, setDepartment] = useState('');
  // Teams calls the save handler later; it reads the choice at that moment.
  const latest = useRef(department);
  latest.current = department;
  const setValidity = useMemo(() => offerTabConfiguration(() => me.departments.find((d) => d.id === latest.current)), []);
  useEffect(() => setValidity(department !== ''), [department]);
  return (
    <section aria-labelledby="configure-title">
      <h1 id="configure-title">Add a department's queue to this channel</h1>
      <label>
        Department
        <select value={department} onChange={(event) => setDepartment((event.target as HTMLSelectElement).value)}>
          <option value="">choose…</option>
          {me.departments.map((d) => (
            <option value={d.id}>{d.name}</option>
          ))}
        </select>
      </label>
      <p class="hint">The tab shows the department's open hand-offs, overdue first, and follows changes as they happen.</p>
    </section>
  );
}
