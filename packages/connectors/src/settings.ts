/**
 * Pieces every system's settings share: where it is (`base_url`), how long to wait, and the names
 * of the environment variables that hold its secrets. Secrets never sit in liaison.config.yaml:
 * the file names a variable (`password_env: FOLIO_PASSWORD`) and the hub reads its value.
 */
import { z } from 'zod';
import type { Issue } from '@liaison/core';
import type { HttpClientOptions } from './http.js';

/** An https (or http, for a test server) address without a trailing slash. */
export const baseUrl = z
  .string()
  .trim()
  .url('is not a web address; write it in full, e.g. "https://okapi.example.edu"')
  .refine((url) => /^https?:\/\//i.test(url), 'must start with https://')
  .transform((url) => url.replace(/\/+$/, ''));

/** The name of an environment variable, e.g. FOLIO_PASSWORD. */
export const environmentVariable = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'is not an environment variable name; write one such as "FOLIO_PASSWORD", not the secret itself');

/** Time allowed for one attempt of one call, in milliseconds. */
export const timeoutMs = z.number().int('is not a whole number of milliseconds').min(100, 'is under 100 ms; allow at least 100').max(120_000, 'is over two minutes; 8000 is usual').optional();

/** How a patron found in one system is looked up in another (an ILS record's username in ILLiad, say). */
export const matchField = z.enum(['email', 'username', 'barcode']);
export type MatchField = z.output<typeof matchField>;

/** What building a system needs beyond its settings. */
export interface SystemContext {
  /** The environment the hub runs in (process.env), where secrets are read. */
  env: Record<string, string | undefined>;
  now: () => Date;
  /** The settings' path in the policy file, for errors: ['connectors', 'systems', 'folio']. */
  path: (string | number)[];
  /** The name the policy file gives the system, e.g. "folio". */
  name: string;
  /** Overrides for every HTTP client (tests inject `sleep` and `random`). */
  http?: Partial<HttpClientOptions>;
  /** The policy file's folder: relative paths in settings (a price file) are read from here. */
  baseDir?: string;
}

/**
 * Reads a secret from the environment variable named in the settings, or records an issue that
 * names the variable (never a value). Returns '' when missing so building can go on and report
 * every problem at once.
 */
export function secretFrom(
  context: SystemContext,
  field: string,
  variable: string,
  issues: Issue[],
): string {
  const value = context.env[variable];
  if (value === undefined || value.trim() === '') {
    issues.push({
      path: [...context.path, field],
      message: `the environment variable ${variable} is not set`,
      hint: `set ${variable} in the hub's environment (the secret itself never goes in the policy file)`,
    });
    return '';
  }
  return value.trim();
}
