/**
 * One configured system as the policy file built it: the sources it answers for, how it is
 * matched when it is not the first patron source, and a cheap call that tells whether it answers.
 */
import type { z } from 'zod';
import type { AccessProblem } from './access.js';
import type { Issue } from '@liaison/core';
import type { MatchField, SystemContext } from './settings.js';
import type { HoldingsSource, IllRequestSource, OpenAccessSource, PatronSource, PriceSource } from './sources.js';

export interface ConfiguredSystem {
  /** The name used in the policy file's lists, e.g. "folio". */
  readonly name: string;
  /** The system's name as staff know it, e.g. "FOLIO". */
  readonly system: string;
  readonly patrons?: PatronSource;
  readonly holdings?: HoldingsSource;
  readonly prices?: PriceSource;
  readonly illRequests?: IllRequestSource;
  readonly openAccess?: OpenAccessSource;
  /**
   * True when the system answers from memory or a local file (the demo library, a vendor price
   * file): caching its answers in the store would only add a database round trip.
   */
  readonly answersLocally?: boolean;
  /** When this system is a second patron source: the field of the first one's record it is looked up by. */
  readonly matchBy?: MatchField;
  /** Environment variables holding this system's secrets, named in hints when it refuses us. */
  readonly secretVariables: string[];
  /** One line for the start-up banner, with no secret: "FOLIO at https://okapi.example.edu (tenant diku)". */
  describe(): string;
  /** Makes one cheap, harmless call and says what it found, e.g. "3 users found for a test query". */
  check(options?: { signal?: AbortSignal }): Promise<string>;
  /**
   * One cheap call for each kind of record Liaison reads, listing what the system refused: a
   * permission the API user lacks, a module or setting turned off. Empty when everything answers.
   */
  checkAccess?(options?: { signal?: AbortSignal }): Promise<AccessProblem[]>;
}

/** How one type of system (folio, illiad…) is configured and built. */
export interface SystemDefinition<Settings> {
  readonly type: string;
  /** The settings' zod schema; `type` is filled from the system's name when left out. */
  readonly schema: z.ZodType<Settings>;
  /** Builds the system; secrets missing from the environment are pushed to `issues`. */
  build(settings: Settings, context: SystemContext, issues: Issue[]): ConfiguredSystem;
}
