/**
 * The harness's host page: plays the part of the Zendesk agent interface around the app's iframe.
 * It holds the ticket, answers the simulated client's calls (zaf-sdk.ts) and sizes the iframe
 * when the app asks. Tests reach it through `window.harness`.
 */

interface HarnessState {
  location: 'ticket_sidebar' | 'user_sidebar';
  locale: string;
  agent: { id: number; name: string };
  subdomain: string;
  settings: Record<string, string>;
  ticket: { id: number; subject: string; description: string; requester: { id: number; name: string; email: string | null } };
}

type Handler = (...args: unknown[]) => void;

interface RequestOptions {
  url: string;
  dataType?: string;
  [option: string]: unknown;
}

export interface ZafHost {
  get(paths: string | string[]): Promise<Record<string, unknown>>;
  on(event: string, handler: Handler): void;
  off(event: string, handler: Handler): void;
  request(options: RequestOptions): Promise<unknown>;
  invoke(name: string, ...args: unknown[]): Promise<unknown>;
  context(): Promise<Record<string, unknown>>;
  metadata(): Promise<Record<string, unknown>>;
  /** Called by the simulated client when the app calls `ZAFClient.init()`. */
  register(): void;
}

declare global {
  interface Window {
    zafHost: ZafHost;
    harness: {
      setRequester(requester: { id: number; name: string; email: string | null }): void;
      resizes: string[];
      invocations: { name: string; args: unknown[] }[];
      ready: Promise<void>;
    };
  }
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const iframe = byId<HTMLIFrameElement>('app');
const handlers = new Map<string, Set<Handler>>();
const emit = (event: string, ...args: unknown[]) => handlers.get(event)?.forEach((handler) => handler(...args));
const resizes: string[] = [];
const invocations: { name: string; args: unknown[] }[] = [];
let state!: HarnessState;
let markReady!: () => void;
const ready = new Promise<void>((resolve) => (markReady = resolve));

function valueAt(path: string): unknown {
  const { ticket, agent } = state;
  const requester = ticket.requester;
  const values: Record<string, unknown> = {
    'currentUser.id': agent.id,
    'currentUser.name': agent.name,
    'currentUser.locale': state.locale,
    'currentAccount.subdomain': state.subdomain,
  };
  if (state.location === 'ticket_sidebar') {
    Object.assign(values, {
      'ticket.id': ticket.id,
      'ticket.subject': ticket.subject,
      'ticket.description': ticket.description,
      'ticket.requester.id': requester.id,
      'ticket.requester.name': requester.name,
      'ticket.requester.email': requester.email,
    });
  } else {
    Object.assign(values, { 'user.id': requester.id, 'user.name': requester.name, 'user.email': requester.email });
  }
  return values[path];
}

window.zafHost = {
  async get(paths) {
    const list = Array.isArray(paths) ? paths : [paths];
    const result: Record<string, unknown> = { errors: {} };
    for (const path of list) {
      const value = valueAt(path);
      if (value === undefined) (result['errors'] as Record<string, unknown>)[path] = { message: `"${path}" is not available in ${state.location}` };
      else result[path] = value;
    }
    return result;
  },
  on(event, handler) {
    if (!handlers.has(event)) handlers.set(event, new Set());
    handlers.get(event)!.add(handler);
  },
  off(event, handler) {
    handlers.get(event)?.delete(handler);
  },
  async request(options) {
    const response = await fetch('/harness/proxy', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(options) });
    const answer = (await response.json()) as { status: number; statusText: string; body: string };
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.body);
    } catch {
      parsed = undefined;
    }
    if (answer.status >= 200 && answer.status < 300) return options.dataType === 'json' || parsed !== undefined ? parsed : answer.body;
    // ZAF rejects with the jqXHR-like shape of the failed call.
    throw { status: answer.status, statusText: answer.statusText, responseText: answer.body, responseJSON: parsed };
  },
  async invoke(name, ...args) {
    invocations.push({ name, args });
    if (name === 'resize') {
      const size = args[0] as { height?: string; width?: string };
      if (size?.height) {
        iframe.style.height = size.height;
        resizes.push(size.height);
      }
      return {};
    }
    throw new Error(`the harness does not simulate invoke("${name}")`);
  },
  async context() {
    return {
      product: 'support',
      location: state.location,
      instanceGuid: 'harness-instance',
      ...(state.location === 'ticket_sidebar' ? { ticketId: state.ticket.id } : { userId: state.ticket.requester.id }),
    };
  },
  async metadata() {
    return { appId: 0, installationId: 1, name: 'Liaison', version: 'harness', settings: { ...state.settings, title: 'Liaison' } };
  },
  register() {
    // Zendesk fires app.registered once the iframe's client has introduced itself.
    setTimeout(() => emit('app.registered', { context: { location: state.location } }), 0);
  },
};

window.harness = {
  resizes,
  invocations,
  ready,
  setRequester(requester) {
    state.ticket.requester = requester;
    byId<HTMLInputElement>('requester-email').value = requester.email ?? '';
    emit('ticket.requester.id.changed', requester.id);
  },
};

async function start(): Promise<void> {
  state = (await (await fetch('/harness/state')).json()) as HarnessState;
  byId('ticket-id').textContent = `#${state.ticket.id}`;
  byId<HTMLInputElement>('requester-email').value = state.ticket.requester.email ?? '';
  byId<HTMLInputElement>('subject').value = state.ticket.subject;
  byId<HTMLTextAreaElement>('description').value = state.ticket.description;
  byId<HTMLInputElement>('subject').addEventListener('input', (event) => (state.ticket.subject = (event.target as HTMLInputElement).value));
  byId<HTMLTextAreaElement>('description').addEventListener('input', (event) => (state.ticket.description = (event.target as HTMLTextAreaElement).value));
  byId('change-requester').addEventListener('click', () => {
    const email = byId<HTMLInputElement>('requester-email').value.trim();
    window.harness.setRequester({ id: state.ticket.requester.id + 1, name: email, email: email || null });
  });
  iframe.src = `/app/assets/iframe.html?origin=${encodeURIComponent(location.origin)}&app_guid=harness-instance`;
  markReady();
}

void start();
