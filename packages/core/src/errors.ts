/**
 * Every error Liaison reports, as data. One code per failure, a path to what is wrong
 * and a hint that says how to fix it — so every surface (CLI, Slack, HTTP, sidebar) can show
 * the same sentence, and a program can branch on the code.
 */
export const errorCodes = {
  policy_invalid: 'policy_invalid',
  handoff_illegal_transition: 'handoff_illegal_transition',
  handoff_not_permitted: 'handoff_not_permitted',
  service_level_invalid: 'service_level_invalid',
  calendar_never_open: 'calendar_never_open',
  rubric_invalid: 'rubric_invalid',
  evaluation_invalid: 'evaluation_invalid',
  statistics_insufficient_data: 'statistics_insufficient_data',
  request_invalid: 'request_invalid',
} as const;

export type ErrorCode = (typeof errorCodes)[keyof typeof errorCodes];

/** One problem found in some input: where it is, what is wrong, how to fix it. */
export interface Issue {
  /** Path into the input, e.g. ['handoff', 'rules', 2, 'due']. */
  path: (string | number)[];
  message: string;
  /** A concrete fix, e.g. 'try "2 business days"'. */
  hint?: string;
}

/** The base of every error core raises or returns. */
export class LiaisonError extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[];
  constructor(code: ErrorCode, message: string, issues: Issue[] = []) {
    super(message);
    this.name = 'LiaisonError';
    this.code = code;
    this.issues = issues;
  }
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
