/**
 * Every error Liaison reports, as data. One code per failure, a path to what is wrong
 * and a hint that says how to fix it — so every surface (CLI, Slack, HTTP, sidebar) can show
 * the same sentence, and a program can branch on the code.
 */
/** What one error code means, and how each surface that ends a request reports it. */
export interface ErrorCodeDefinition {
  /** What went wrong, in a sentence for the reader of docs and logs. */
  meaning: string;
  /** The HTTP status the hub's error handler answers with. */
  httpStatus: number;
  /**
   * The `liaison` command's exit status: 1 the input or setup needs fixing, 2 the command line
   * is wrong, 69 a system needed is unavailable (try again later), 70 a fault in Liaison itself.
   */
  exitCode: 1 | 2 | 69 | 70;
}

/**
 * Every error code Liaison reports, once: its meaning, its HTTP status and its exit status.
 * A code is a promise to clients (the extension, the sidebar, scripts branch on it), so codes
 * are added, never renamed. Only the hub's error handler reads `httpStatus`, only the CLI's
 * `main` reads `exitCode`.
 */
export const errorRegistry = {
  // The policy file and what it configures.
  policy_invalid: { meaning: 'The policy file has a problem; each issue names its path and a fix.', httpStatus: 500, exitCode: 1 },
  service_level_invalid: { meaning: 'A service level is not one Liaison can count ("4 opening hours", "2 business days").', httpStatus: 400, exitCode: 1 },
  calendar_never_open: { meaning: 'The library calendar has no opening within a year, so no due time can be counted.', httpStatus: 500, exitCode: 1 },
  settings_invalid: { meaning: 'Environment settings do not fit together (e.g. Slack tokens).', httpStatus: 500, exitCode: 1 },
  // Requests from outside: bodies, queries, files, command lines.
  invalid_request: { meaning: 'The request is not valid; each issue names a field and what to send instead.', httpStatus: 400, exitCode: 1 },
  request_invalid: { meaning: 'A value given to a rule is out of its range (a period that ends before it begins).', httpStatus: 400, exitCode: 1 },
  malformed_json: { meaning: 'The request body is not valid JSON.', httpStatus: 400, exitCode: 1 },
  body_too_large: { meaning: 'The request body is larger than the hub accepts.', httpStatus: 413, exitCode: 1 },
  unsupported_media_type: { meaning: 'The request body is not JSON.', httpStatus: 415, exitCode: 1 },
  unstorable_text: { meaning: 'A text in the request has a NUL character (U+0000) or half of a character (a lone UTF-16 surrogate), which the store cannot keep; the issue names the field.', httpStatus: 400, exitCode: 1 },
  malformed_request: { meaning: 'The request is not well-formed HTTP/1.1 (a bad header character, a space in the address, a body shorter than its Content-Length).', httpStatus: 400, exitCode: 1 },
  request_timeout: { meaning: 'The request did not arrive in full in time; send it again without pausing.', httpStatus: 408, exitCode: 69 },
  headers_too_large: { meaning: 'The request headers are larger than the hub reads.', httpStatus: 431, exitCode: 1 },
  malformed_url: { meaning: 'The address has a "%" that does not start an escape such as %20.', httpStatus: 400, exitCode: 1 },
  path_too_long: { meaning: 'A part of the address is longer than the hub reads.', httpStatus: 414, exitCode: 1 },
  missing_host: { meaning: 'An HTTP/1.1 request carries no Host header.', httpStatus: 400, exitCode: 1 },
  bad_request: { meaning: 'The web framework refused the request before any route read it; the status says why.', httpStatus: 400, exitCode: 1 },
  usage_invalid: { meaning: 'The command line is not one the command understands.', httpStatus: 400, exitCode: 2 },
  file_unreadable: { meaning: 'A file named could not be read (missing, a folder, no permission).', httpStatus: 400, exitCode: 1 },
  file_unwritable: { meaning: 'A file named could not be written (no such folder, no permission, disk full).', httpStatus: 500, exitCode: 1 },
  export_invalid: { meaning: 'An ILL export could not be read: its header, delimiter, encoding or a row is not what was expected.', httpStatus: 400, exitCode: 1 },
  export_row_invalid: { meaning: 'One row of an ILL export was skipped; the issue names the line and the field.', httpStatus: 400, exitCode: 1 },
  // Who is asking.
  unauthenticated: { meaning: 'The request carries no credentials.', httpStatus: 401, exitCode: 1 },
  token_invalid: { meaning: 'The token is not valid (revoked, mistyped, or signed with another secret).', httpStatus: 401, exitCode: 1 },
  token_expired: { meaning: 'The token has expired.', httpStatus: 401, exitCode: 1 },
  forbidden: { meaning: 'The caller is known but lacks the role this needs.', httpStatus: 403, exitCode: 1 },
  session_expired: { meaning: 'The dashboard session has ended; sign in again.', httpStatus: 401, exitCode: 1 },
  token_lifetime_too_long: { meaning: 'A Zendesk token lives longer than five minutes (exp − iat, or exp − now without iat).', httpStatus: 401, exitCode: 1 },
  token_subject_missing: { meaning: 'A Zendesk token names no agent (no sub claim), so its views could not be audited.', httpStatus: 401, exitCode: 1 },
  token_not_found: { meaning: 'There is no staff token with that id.', httpStatus: 404, exitCode: 1 },
  patron_from_claim_only: { meaning: 'A Zendesk token reads only the patron its signed patron_email claim names; the query may not choose one.', httpStatus: 400, exitCode: 1 },
  patron_claim_missing: { meaning: 'A Zendesk token asked for patron context without naming the ticket requester (patron_email).', httpStatus: 400, exitCode: 1 },
  rate_limited: { meaning: 'Too many requests from one caller; Retry-After says when to try again.', httpStatus: 429, exitCode: 69 },
  tenant_not_allowed: { meaning: 'A Teams sign-in from an organisation the policy does not allow.', httpStatus: 403, exitCode: 1 },
  teams_not_configured: { meaning: 'This hub has no Teams sign-on configured.', httpStatus: 404, exitCode: 1 },
  not_staff: { meaning: 'The person signed in is not named as staff in the policy.', httpStatus: 403, exitCode: 1 },
  invalid_person: { meaning: 'A person is neither a Slack user id nor an e-mail address.', httpStatus: 400, exitCode: 1 },
  not_away: { meaning: 'That person is not marked away.', httpStatus: 404, exitCode: 1 },
  // Hand-offs.
  unknown_department: { meaning: 'No department in the policy has that id.', httpStatus: 400, exitCode: 1 },
  handoff_not_found: { meaning: 'There is no hand-off with that number.', httpStatus: 404, exitCode: 1 },
  handoff_illegal_transition: { meaning: 'The lifecycle does not allow that event in the hand-off\'s state; the hint says what to do instead.', httpStatus: 409, exitCode: 1 },
  away_invalid: { meaning: 'A request to be marked away cannot be used (a date in the past, the person as their own backup); each issue says how to fix it.', httpStatus: 400, exitCode: 1 },
  handoff_not_permitted: { meaning: 'This person may not do that to this hand-off.', httpStatus: 403, exitCode: 1 },
  handoff_conflict: { meaning: 'The hand-off changed while this was being saved; reload and try again.', httpStatus: 409, exitCode: 1 },
  idempotency_key_reused: { meaning: 'The Idempotency-Key was already used with a different body.', httpStatus: 422, exitCode: 1 },
  // Purchase on demand, quality.
  decision_not_found: { meaning: 'The hub has not judged that ILL request yet.', httpStatus: 404, exitCode: 1 },
  rubric_not_found: { meaning: 'There is no active rubric with that id.', httpStatus: 404, exitCode: 1 },
  rubric_invalid: { meaning: 'A rubric is not valid.', httpStatus: 400, exitCode: 1 },
  evaluation_invalid: { meaning: 'An evaluation does not fit its rubric.', httpStatus: 400, exitCode: 1 },
  statistics_insufficient_data: { meaning: 'Too few data to compute the figure honestly.', httpStatus: 422, exitCode: 1 },
  // The library's systems and the store.
  library_system_unavailable: { meaning: 'No library system answered for the patron.', httpStatus: 502, exitCode: 69 },
  connector_timeout: { meaning: 'A library system did not answer in time.', httpStatus: 504, exitCode: 69 },
  connector_rate_limited: { meaning: 'A library system asked us to slow down.', httpStatus: 503, exitCode: 69 },
  connector_unauthorized: { meaning: 'A library system refused Liaison\'s credentials.', httpStatus: 502, exitCode: 1 },
  connector_not_found: { meaning: 'A library system has no such record or endpoint.', httpStatus: 404, exitCode: 1 },
  connector_unavailable: { meaning: 'A library system is down or unreachable.', httpStatus: 502, exitCode: 69 },
  connector_bad_response: { meaning: 'A library system answered with something Liaison cannot read.', httpStatus: 502, exitCode: 1 },
  connector_ambiguous: { meaning: 'A library system found more than one patron; look up by barcode.', httpStatus: 409, exitCode: 1 },
  store_handoff_conflict: { meaning: 'Another writer changed the hand-off first.', httpStatus: 409, exitCode: 1 },
  store_handoff_not_found: { meaning: 'The store has no such hand-off.', httpStatus: 404, exitCode: 1 },
  store_events_invalid: { meaning: 'Events handed to the store are out of sequence (a fault in the caller).', httpStatus: 500, exitCode: 70 },
  store_connection_failed: { meaning: 'The database could not be reached.', httpStatus: 503, exitCode: 69 },
  store_invalid_argument: { meaning: 'The store was called with an argument it cannot use (a fault in the caller).', httpStatus: 500, exitCode: 70 },
  store_locked: { meaning: 'Another process (the hub) holds the embedded data folder; stop it or ask it through its admin routes.', httpStatus: 503, exitCode: 1 },
  // Slack.
  slack_refused: { meaning: 'Slack refused a call; the message says what Slack said and what to do.', httpStatus: 502, exitCode: 69 },
  // Everything else.
  not_found: { meaning: 'There is no such route.', httpStatus: 404, exitCode: 1 },
  dashboard_not_built: { meaning: 'The hub has no built dashboard to serve.', httpStatus: 503, exitCode: 70 },
  internal: { meaning: 'A fault in Liaison itself; the details are in the log.', httpStatus: 500, exitCode: 70 },
} as const satisfies Record<string, ErrorCodeDefinition>;

export type ErrorCode = keyof typeof errorRegistry;

/** Every code by name, so code can write `errorCodes.policy_invalid` and a typo fails to compile. */
export const errorCodes = Object.freeze(Object.fromEntries(Object.keys(errorRegistry).map((code) => [code, code]))) as { readonly [C in ErrorCode]: C };

/** Whether `code` is one Liaison defines. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(errorRegistry, code);
}

/** One problem found in some input: where it is, what is wrong, how to fix it. */
export interface Issue {
  /** Path into the input, e.g. ['handoff', 'rules', 2, 'due']. */
  path: (string | number)[];
  message: string;
  /** A concrete fix, e.g. 'try "2 business days"'. */
  hint?: string;
}

/**
 * The base of every error Liaison raises or returns: a registered code, a sentence a person can
 * act on, and the issues (path, message, hint). `details` are fields a client acts on (the
 * hand-off a reused key first made); `cause` keeps the original error for the log.
 */
export class LiaisonError extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[];
  readonly details: Readonly<Record<string, string>>;
  constructor(code: ErrorCode, message: string, issues: Issue[] = [], options: { details?: Record<string, string>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LiaisonError';
    this.code = code;
    this.issues = issues;
    this.details = options.details ?? {};
  }

  /** What the code means and how each surface reports it. */
  get definition(): ErrorCodeDefinition {
    return errorRegistry[this.code];
  }
}

/**
 * Anything thrown, as a LiaisonError: itself when it is one, else an `internal` error that keeps
 * the original as its `cause` (bolt-js's `asCodedError`). Its message names nothing of the original,
 * which may quote patron data.
 */
export function asLiaisonError(error: unknown): LiaisonError {
  if (error instanceof LiaisonError) return error;
  return new LiaisonError('internal', 'Something went wrong in Liaison; the error is in its log.', [], { cause: error });
}

/** A result for input that may be bad: data, or the issues that say why not (like zod's safeParse). */
export type Result<T, E = LiaisonError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

/** Formats an issue as one line: `handoff.rules[2].due: ... ; try ...`. */
export function formatIssue(issue: Issue): string {
  const path = issue.path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key),
    '',
  );
  const where = path ? `${path}: ` : '';
  return issue.hint ? `${where}${issue.message}; ${issue.hint}` : `${where}${issue.message}`;
}

/** A reason a rule gives for its verdict, shown to staff as is. */
export interface Reason<Code extends string = string> {
  code: Code;
  message: string;
}
