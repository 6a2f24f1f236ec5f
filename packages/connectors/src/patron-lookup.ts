/**
 * One patron from several systems: an ILS and ILLiad, say. The first patron source in the policy's
 * order is asked with what staff know (an e-mail or a barcode); each other source is asked by the
 * field it is matched on (`match_by`: e-mail, username or barcode), read from the first source's
 * record — or straight away, when staff already gave that field. The answers are merged with
 * core's `mergePatronContexts`; a source that fails or cannot be asked is named in `missing`,
 * and what the others gave is still returned.
 */
import { mergePatronContexts, type PatronContext } from '@liaison/core';
import type { MatchField } from './settings.js';
import { ConnectorError } from './errors.js';
import { reasonOf, type MissingSource, type PatronLookup, type PatronSource } from './sources.js';

export interface FindPatronOptions {
  signal?: AbortSignal;
  /**
   * How long each source may take, in milliseconds. A source past it is named missing and the
   * others' answers are kept: one system that never answers must not hold the sidebar.
   */
  timeoutMs?: number;
  /** Told about every failed source, for the hub's log and metrics. */
  onError?: (system: string, error: unknown) => void;
}

export interface MatchedPatronSource {
  source: PatronSource;
  /** The field this source is looked up by when it is not the first; default e-mail. */
  matchBy?: MatchField;
}

export type PatronLookupResult =
  | { kind: 'found'; context: PatronContext }
  /** No system has the patron; `missing` names systems that could not say. */
  | { kind: 'not_found'; missing: MissingSource[] }
  /** Every system failed: the patron may exist, we cannot tell. */
  | { kind: 'unavailable'; missing: MissingSource[] };

const fieldWords: Record<MatchField, string> = { email: 'e-mail', username: 'username', barcode: 'barcode' };

/** Finds one patron across sources in the policy's order, matching identities by each source's field. */
export async function findPatronAcross(
  sources: MatchedPatronSource[],
  by: PatronLookup,
  { signal, timeoutMs, onError }: FindPatronOptions = {},
): Promise<PatronLookupResult> {
  const [primary, ...others] = sources;
  if (!primary) return { kind: 'not_found', missing: [] };
  let failures = 0;
  const missing: MissingSource[] = [];

  async function ask(source: PatronSource, lookup: PatronLookup): Promise<PatronContext | null> {
    try {
      if (timeoutMs === undefined) return await source.findPatron(lookup, signal ? { signal } : undefined);
      // The source's own deadline aborts its HTTP calls; the race covers sources that ignore the signal.
      const deadline = AbortSignal.timeout(timeoutMs);
      const answer = source.findPatron(lookup, { signal: signal ? AbortSignal.any([signal, deadline]) : deadline });
      return await withinDeadline(answer, source.system, timeoutMs);
    } catch (error) {
      // The caller gave up (the request went away): nothing to report. A source's own deadline is a failure like any other.
      if (signal?.aborted) throw error;
      failures += 1;
      onError?.(source.system, error);
      missing.push({ source: source.system, reason: reasonOf(error) });
      return null;
    }
  }

  const primaryAnswer = ask(primary.source, by);
  const otherAnswers = others.map(async ({ source, matchBy = 'email' }) => {
    const given = by[matchBy]?.trim();
    // Staff gave the very field this system is matched by: no need to wait for the first system.
    if (given) return ask(source, { [matchBy]: given });
    const first = await primaryAnswer;
    const value = first?.identity[matchBy]?.trim();
    if (value) return ask(source, { [matchBy]: value });
    if (first) missing.push({ source: source.system, reason: `not asked: the ${primary.source.system} record has no ${fieldWords[matchBy]} to match` });
    return null;
  });

  const contexts = [await primaryAnswer, ...(await Promise.all(otherAnswers))].filter(
    (context): context is PatronContext => context !== null,
  );
  if (contexts.length === 0) {
    return failures === sources.length ? { kind: 'unavailable', missing } : { kind: 'not_found', missing };
  }
  return { kind: 'found', context: mergePatronContexts(contexts, missing) };
}

/** `answer`, or a connector_timeout after `ms` — for sources that do not honour the abort signal. */
function withinDeadline<T>(answer: Promise<T>, system: string, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new ConnectorError({ code: 'connector_timeout', system, call: 'find patron', failure: `did not answer within ${ms / 1000} s` })),
      ms,
    );
  });
  return Promise.race([answer, deadline]).finally(() => clearTimeout(timer));
}
