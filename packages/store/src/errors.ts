/**
 * Errors the store raises, as data: a code to branch on, the path of what was wrong and a hint,
 * in the shape of @liaison/core's issues, so every surface can show one sentence.
 */
export const storeErrorCodes = {
  store_handoff_conflict: 'store_handoff_conflict',
  store_handoff_not_found: 'store_handoff_not_found',
  store_events_invalid: 'store_events_invalid',
  store_connection_failed: 'store_connection_failed',
  store_invalid_argument: 'store_invalid_argument',
  /** Another live process holds the embedded data folder. */
  store_locked: 'store_locked',
} as const;

export type StoreErrorCode = (typeof storeErrorCodes)[keyof typeof storeErrorCodes];

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly path: (string | number)[];
  readonly hint?: string;
  constructor(code: StoreErrorCode, message: string, options: { path?: (string | number)[]; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
    this.path = options.path ?? [];
    if (options.hint !== undefined) this.hint = options.hint;
  }
}

/** Someone else changed the hand-off since the caller read it: re-read, re-apply, retry. */
export class HandoffConflictError extends StoreError {
  readonly handoffId: string;
  readonly expectedSequence: number;
  readonly actualSequence: number;
  constructor(handoffId: string, expectedSequence: number, actualSequence: number) {
    super(
      'store_handoff_conflict',
      `hand-off ${handoffId} changed meanwhile: expected its history to end at event ${expectedSequence}, it ends at ${actualSequence}`,
      { path: ['handoffs', handoffId], hint: 'read the hand-off again, apply the action to the new state, and retry' },
    );
    this.name = 'HandoffConflictError';
    this.handoffId = handoffId;
    this.expectedSequence = expectedSequence;
    this.actualSequence = actualSequence;
  }
}

/** True for a Postgres unique-constraint violation (SQLSTATE 23505), from either backend. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
