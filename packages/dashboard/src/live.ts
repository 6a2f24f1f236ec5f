/**
 * Live updates: the hub's stream of hand-off changes (server-sent events, fed by PostgreSQL
 * LISTEN/NOTIFY, so a change made in Slack, Zendesk, the extension or another hub arrives here).
 * One EventSource per page, shared by whatever listens.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

type Listener = (handoffId: string) => void;
const listeners = new Set<Listener>();
const statusListeners = new Set<(live: boolean) => void>();
let source: EventSource | undefined;
let live = false;

function setLive(value: boolean) {
  live = value;
  for (const listener of statusListeners) listener(value);
}

function connect() {
  if (source) return;
  source = new EventSource('/api/v1/dashboard/changes');
  source.addEventListener('ready', () => {
    setLive(true);
    // Changes made while the stream was down are not replayed: everyone reloads once.
    for (const listener of listeners) listener('*');
  });
  source.addEventListener('handoff', (event) => {
    const { id } = JSON.parse((event as MessageEvent<string>).data) as { id: string };
    for (const listener of listeners) listener(id);
  });
  source.addEventListener('error', () => setLive(false));
}

/** Closes the stream (on sign-out). */
export function disconnect() {
  source?.close();
  source = undefined;
  setLive(false);
}

/** Calls `onChange` with the ids changed (at most every 200 ms); the id `'*'` means "anything may have". */
export function useHandoffChanges(onChange: (handoffIds: Set<string>) => void): boolean {
  const latest = useRef(onChange);
  latest.current = onChange;
  const [isLive, setIsLive] = useState(live);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending = new Set<string>();
    const listener: Listener = (id) => {
      pending.add(id);
      timer ??= setTimeout(() => {
        const ids = pending;
        pending = new Set();
        timer = undefined;
        latest.current(ids);
      }, 200);
    };
    listeners.add(listener);
    statusListeners.add(setIsLive);
    connect();
    return () => {
      listeners.delete(listener);
      statusListeners.delete(setIsLive);
      if (timer) clearTimeout(timer);
    };
  }, []);
  return isLive;
}
