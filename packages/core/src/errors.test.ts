import { describe, expect, it } from 'vitest';
import { asLiaisonError, errorCodes, errorRegistry, isErrorCode, LiaisonError } from './errors.js';

describe('the error code registry', () => {
  it.each(Object.entries(errorRegistry))('%s: a meaning, an HTTP error status and an exit status', (code, definition) => {
    expect(code).toMatch(/^[a-z]+(_[a-z]+)+$|^[a-z]+$/);
    expect(definition.meaning).toMatch(/^[A-Z].*\.$/);
    expect(definition.httpStatus).toBeGreaterThanOrEqual(400);
    expect(definition.httpStatus).toBeLessThan(600);
    expect([1, 2, 69, 70]).toContain(definition.exitCode);
  });

  it('names every code once, by itself', () => {
    expect(Object.entries(errorCodes).every(([name, code]) => name === code)).toBe(true);
    expect(Object.keys(errorCodes)).toEqual(Object.keys(errorRegistry));
    expect(isErrorCode('handoff_illegal_transition')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
  });

  it('a fault of the caller or of Liaison is a 5xx; bad input never is', () => {
    for (const code of ['invalid_request', 'unknown_department', 'handoff_illegal_transition', 'service_level_invalid', 'request_invalid'] as const) {
      expect(errorRegistry[code].httpStatus).toBeLessThan(500);
    }
    expect(errorRegistry.internal).toMatchObject({ httpStatus: 500, exitCode: 70 });
  });
});

describe('LiaisonError', () => {
  it('carries its code\'s definition, its issues and details a client acts on', () => {
    const error = new LiaisonError('idempotency_key_reused', 'used before', [], { details: { handoffId: 'H-1' } });
    expect(error.definition.httpStatus).toBe(422);
    expect(error.details).toEqual({ handoffId: 'H-1' });
    expect(error.issues).toEqual([]);
  });

  it('asLiaisonError keeps a LiaisonError and wraps anything else as internal, keeping the cause but not its words', () => {
    const own = new LiaisonError('forbidden', 'no');
    expect(asLiaisonError(own)).toBe(own);
    const original = new Error('patron amara@example.edu not found');
    const wrapped = asLiaisonError(original);
    expect(wrapped.code).toBe('internal');
    expect(wrapped.cause).toBe(original);
    expect(wrapped.message).not.toContain('amara');
  });
});
