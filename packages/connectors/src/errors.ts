/**
 * Why a call to one of the library's systems failed, as data. Every connector raises only
 * `ConnectorError`, so the hub can show staff one sentence ("Koha GET /patrons: timed out after
 * 8 s") and a job can decide from `retryable` whether to try again later.
 *
 * Messages name the system, the call and what failed — never a patron: the call is a method and
 * a path template ("GET /users/{id}"), never a URL with its query string, and response bodies
 * are never quoted.
 */

export const connectorErrorCodes = [
  'connector_timeout',
  'connector_rate_limited',
  'connector_unauthorized',
  'connector_not_found',
  'connector_unavailable',
  'connector_bad_response',
  'connector_ambiguous',
] as const;

export type ConnectorErrorCode = (typeof connectorErrorCodes)[number];

export interface ConnectorErrorDetails {
  code: ConnectorErrorCode;
  /** The system asked, e.g. "FOLIO", "ILLiad", "demo". */
  system: string;
  /** Method and path template, e.g. "GET /users"; never a real URL or query. */
  call: string;
  /** What failed, in words staff can read, e.g. "timed out after 8 s". */
  failure: string;
  status?: number;
  /** Whether the same call may succeed if tried again later. */
  retryable?: boolean;
  /** How to fix it, when the library can (e.g. "check the API key in liaison.config.yaml"). */
  hint?: string;
  /** For bad responses: the path of the first field that did not match, e.g. ['users', 0, 'barcode']. */
  path?: (string | number)[];
  /** How long the system asked us to wait, in milliseconds (from Retry-After). */
  retryAfterMs?: number;
  /**
   * For a 403: the permissions the system said the API user lacks, as the system names them
   * ("users.collection.get" in FOLIO, "borrowers: edit_borrowers" in Koha).
   */
  missingPermissions?: string[];
}

/** A failed call to an outside system. Safe to log and to show: it carries no patron data. */
export class ConnectorError extends Error {
  readonly code: ConnectorErrorCode;
  readonly system: string;
  readonly call: string;
  readonly status?: number;
  readonly retryable: boolean;
  readonly hint?: string;
  readonly path?: (string | number)[];
  readonly retryAfterMs?: number;
  readonly missingPermissions?: string[];

  constructor(details: ConnectorErrorDetails) {
    const message = `${details.system} ${details.call}: ${details.failure}`;
    super(details.hint ? `${message}; ${details.hint}` : message);
    this.name = 'ConnectorError';
    this.code = details.code;
    this.system = details.system;
    this.call = details.call;
    this.status = details.status;
    this.retryable = details.retryable ?? defaultRetryable[details.code];
    this.hint = details.hint;
    this.path = details.path;
    this.retryAfterMs = details.retryAfterMs;
    if (details.missingPermissions) this.missingPermissions = details.missingPermissions;
  }
}

// A timeout, a rate limit or an outage may pass; wrong credentials, a missing record or an
// answer we cannot read will not change by asking again.
const defaultRetryable: Record<ConnectorErrorCode, boolean> = {
  connector_timeout: true,
  connector_rate_limited: true,
  connector_unauthorized: false,
  connector_not_found: false,
  connector_unavailable: true,
  connector_bad_response: false,
  // Two patrons share the e-mail: asking again finds the same two; staff must look up by barcode.
  connector_ambiguous: false,
};

/** True for a `ConnectorError`, optionally of one code. */
export function isConnectorError(error: unknown, code?: ConnectorErrorCode): error is ConnectorError {
  return error instanceof ConnectorError && (code === undefined || error.code === code);
}
