/**
 * Talking to the hub. The page sends no token: its session cookie (HttpOnly, so no script here
 * can read it) proves who is signed in. Every failure becomes an ApiError with the hub's own
 * code and sentence, which the pages show as they are.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status === 204) return undefined as T;
  const payload = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (!response.ok) {
    throw new ApiError(response.status, payload?.error?.code ?? 'http_error', payload?.error?.message ?? `The hub answered ${response.status}.`);
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** Who is signed in and what the library consists of (GET /api/v1/dashboard/me). */
export interface Me {
  principal: { id: string; name: string; role: 'staff' | 'coordinator' | 'admin'; via: string };
  library: string;
  departments: { id: string; name: string }[];
  states: string[];
  queueStates: string[];
  channels: string[];
}

export interface QueueRow {
  id: string;
  summary: string;
  department: string;
  owner: string | null;
  state: string;
  channel: string | null;
  createdAt: string;
  dueAt: string;
  ageMinutes: number;
  openMinutesLeft: number;
  isOverdue: boolean;
}

export interface TimelineEvent {
  sequence: number;
  type: string;
  at: string;
  actor: { id: string; name?: string };
  from: string | null;
  to: string;
  note?: string;
  toDepartment?: string;
  toOwner?: string | null;
}

export interface HandoffDetail {
  handoff: QueueRow & {
    question: string;
    serviceLevel: string;
    responsibility: 'passed' | 'retained';
    fromDepartment?: string;
    sender: { id: string; name?: string };
    resolvedAt?: string | null;
    links: { zendeskTicket?: string; illTransactionNumber?: string; slackPermalink?: string; url?: string };
    routing?: { ruleId: string; explanation: string };
    history: TimelineEvent[];
    remindersSent?: string[];
  };
  actions: { event: string; textField: string | null; textRequired: boolean; needsDepartment: boolean }[];
  statusLink: string | null;
}
