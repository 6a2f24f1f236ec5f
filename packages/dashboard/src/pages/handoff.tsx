import { useState } from 'preact/hooks';
import { api, ApiError, type HandoffDetail, type Me, type TimelineEvent } from '../api.js';
import { when, words } from '../format.js';
import { useHandoffChanges } from '../live.js';
import { href } from '../route.js';
import { useLoad } from '../use-load.js';
import { dueText } from './queues.js';

/** One line of the timeline: who did what, and what it changed. */
function describe(event: TimelineEvent, departmentName: (id: string) => string): string {
  const who = event.actor.name ?? event.actor.id;
  if (event.type === 'created') return `${who} handed it to ${departmentName(event.toDepartment ?? '')}`;
  if (event.type === 'reassigned') {
    return `${who} passed it to ${departmentName(event.toDepartment ?? '')}${event.toOwner ? ` (${event.toOwner})` : ''}`;
  }
  const change = event.from !== event.to ? ` (${words(event.from ?? '')} → ${words(event.to)})` : '';
  return `${who}: ${words(event.type)}${change}`;
}

/** A safe link target: only http(s) addresses become links (never `javascript:`). */
function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** One action the lifecycle allows now, with the text or department it needs. */
function Action({ id, action, me, onDone }: { id: string; action: HandoffDetail['actions'][number]; me: Me; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [department, setDepartment] = useState(me.departments[0]?.id ?? '');
  const [error, setError] = useState<string | undefined>();
  const needsForm = action.textField !== null || action.needsDepartment;
  const send = async () => {
    setError(undefined);
    const body: Record<string, string> = { type: action.event };
    if (action.textField && text.trim()) body[action.textField] = text.trim();
    if (action.needsDepartment) body['toDepartment'] = department;
    try {
      await api.post(`/api/v1/handoffs/${encodeURIComponent(id)}/events`, body);
      setOpen(false);
      setText('');
      onDone();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'The hub could not be reached; try again.');
    }
  };
  if (!needsForm) {
    return (
      <li>
        <button type="button" onClick={send}>
          {words(action.event)}
        </button>
        {error && <span class="error" role="alert">{error}</span>}
      </li>
    );
  }
  return (
    <li>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {words(action.event)}…
      </button>
      {open && (
        <form
          class="action"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          {action.needsDepartment && (
            <label>
              To department
              <select value={department} onChange={(event) => setDepartment((event.target as HTMLSelectElement).value)}>
                {me.departments.map((d) => (
                  <option value={d.id}>{d.name}</option>
                ))}
              </select>
            </label>
          )}
          {action.textField && (
            <label>
              {action.textField[0]!.toUpperCase() + action.textField.slice(1)}
              {action.textRequired ? '' : ' (optional)'}
              <textarea required={action.textRequired} maxLength={4000} value={text} onInput={(event) => setText((event.target as HTMLTextAreaElement).value)} />
            </label>
          )}
          <button type="submit">Confirm: {words(action.event)}</button>
          {error && <p class="error" role="alert">{error}</p>}
        </form>
      )}
    </li>
  );
}

/** A hand-off: the question, where it stands, its whole timeline, its links and what can be done now. */
export function HandoffPage({ id, me }: { id: string; me: Me }) {
  const { data, error, reload } = useLoad(`/api/v1/dashboard/handoffs/${encodeURIComponent(id)}`, (path) => api.get<HandoffDetail>(path));
  useHandoffChanges((ids) => {
    if (ids.has(id) || ids.has('*')) reload();
  });
  const departmentName = (department: string) => me.departments.find((d) => d.id === department)?.name ?? department;
  if (error) return <p class="error" role="alert">{error.message}</p>;
  if (!data) return <p>Loading {id}…</p>;
  const { handoff } = data;
  const links = [
    handoff.links.zendeskTicket && { label: 'Zendesk ticket', text: `#${handoff.links.zendeskTicket}` },
    handoff.links.illTransactionNumber && { label: 'ILL transaction', text: handoff.links.illTransactionNumber },
    safeUrl(handoff.links.slackPermalink) && { label: 'Slack thread', text: 'open in Slack', url: safeUrl(handoff.links.slackPermalink) },
    handoff.links.url && { label: 'Asked from', text: handoff.links.url, url: safeUrl(handoff.links.url) },
  ].filter((link): link is { label: string; text: string; url?: string } => Boolean(link));
  return (
    <article aria-labelledby="handoff-title" data-state={handoff.state}>
      <p>
        <a href={href('queues')}>← Queues</a>
      </p>
      <h1 id="handoff-title">
        {handoff.id}: {handoff.summary}
      </h1>
      <dl class="facts">
        <dt>State</dt>
        <dd class="state">{words(handoff.state)}</dd>
        <dt>Department</dt>
        <dd>{departmentName(handoff.department)}</dd>
        <dt>Owner</dt>
        <dd>{handoff.owner ?? 'nobody yet'}</dd>
        <dt>Responsibility</dt>
        <dd>{handoff.responsibility === 'passed' ? 'passed to the department' : 'kept by the sender'}</dd>
        <dt>Service level</dt>
        <dd>{handoff.serviceLevel}</dd>
        <dt>Due</dt>
        <dd>
          {when(handoff.dueAt)} — {dueText(handoff)}
        </dd>
        {handoff.routing && (
          <>
            <dt>Routed by</dt>
            <dd>{handoff.routing.explanation}</dd>
          </>
        )}
      </dl>
      <h2>Question</h2>
      <p class="question">{handoff.question}</p>
      {links.length > 0 && (
        <>
          <h2>Links</h2>
          <ul class="links">
            {links.map((link) => (
              <li>
                {link.label}:{' '}
                {link.url ? (
                  <a href={link.url} target="_blank" rel="noopener noreferrer">
                    {link.text}
                  </a>
                ) : (
                  link.text
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>What can be done now</h2>
      {data.actions.length === 0 ? (
        <p>Nothing: the lifecycle allows no event in this state.</p>
      ) : (
        <ul class="actions">
          {data.actions.map((action) => (
            <Action key={`${handoff.id}-${action.event}`} id={handoff.id} action={action} me={me} onDone={reload} />
          ))}
        </ul>
      )}
      <h2>Timeline</h2>
      <ol class="timeline">
        {handoff.history.map((event) => (
          <li data-event={event.type}>
            <time datetime={event.at}>{when(event.at)}</time> {describe(event, departmentName)}
            {event.note && <q>{event.note}</q>}
          </li>
        ))}
        {(handoff.remindersSent ?? []).map((rung) => (
          <li data-event="reminder">Reminder sent at {rung} of the service level</li>
        ))}
      </ol>
    </article>
  );
}
