/**
 * The options `liaison ill score` and `liaison ill report` share, and the policy they score
 * with: the `purchase` section of liaison.config.yaml, or the built-in defaults without one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ExportEncoding, Policy, PurchasePolicy } from '@liaison/core';
import { defaultPurchasePolicy, exportEncodingNamed, exportEncodings, parseCreationDate } from '@liaison/core/batch';
import type { OutputFormat } from '@liaison/ill-batch';

export interface BatchOptions {
  path: string;
  config?: string;
  /** ISO date, YYYY-MM-DD. */
  asOf?: string;
  format: OutputFormat;
  out?: string;
  enrich: boolean;
  /** Threads to read a large file with (default: one per processor, at most 4). */
  threads?: number;
  /** The export's text encoding (default: the policy's ill_export.encoding, else UTF-8). */
  encoding?: ExportEncoding;
}

/** Reads the command's arguments; a sentence saying what is wrong when they cannot be used. */
export function parseBatchArgs(
  args: readonly string[],
  { allowEnrich, allowFormat }: { allowEnrich: boolean; allowFormat: boolean },
): BatchOptions | string {
  const options: Partial<BatchOptions> = { format: 'csv', enrich: false };
  const valued = new Set(['--config', '--as-of', '--out', '--threads', '--encoding', ...(allowFormat ? ['--format'] : [])]);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (valued.has(flag)) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') return `${flag} needs a value`;
      if (flag === '--config') options.config = value;
      else if (flag === '--out') options.out = value;
      else if (flag === '--encoding') {
        const encoding = exportEncodingNamed(value);
        if (encoding === null) return `--encoding "${value}" is not an encoding Liaison reads; write one of ${exportEncodings.join(', ')}`;
        options.encoding = encoding;
      }
      else if (flag === '--threads') {
        if (!/^[1-9]\d{0,2}$/.test(value)) return `--threads "${value}" is not a number of threads; write a whole number from 1 (no worker threads) up, e.g. --threads 2`;
        options.threads = Number(value);
      }
      else if (flag === '--as-of') {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || parseCreationDate(value) === null) return `--as-of "${value}" is not a date; write YYYY-MM-DD, e.g. 2025-06-30`;
        options.asOf = value;
      } else {
        if (value !== 'csv' && value !== 'json') return `--format "${value}" is not known; write csv or json`;
        options.format = value;
      }
    } else if (flag === '--enrich' && allowEnrich) options.enrich = true;
    else if (flag.startsWith('-')) return `unknown option ${flag}`;
    else if (options.path === undefined) options.path = flag;
    else return `one export file at a time; "${options.path}" and "${flag}" were given`;
  }
  if (options.path === undefined) return 'name the export file, e.g. liaison ill score requests.csv';
  return options as BatchOptions;
}

/** The purchase policy to score with, the currency, the time zone, and where they came from. */
export interface LoadedPolicy {
  purchase: PurchasePolicy;
  currency: string;
  timeZone?: string;
  /** The whole policy, when a file was read (for connectors). */
  policy?: Policy;
  /** The policy file's absolute path, when a file was read. */
  path?: string;
  /**
   * The connectors lists the file itself writes (`holdings`, `price`, ...): the schema fills the
   * others with `demo`, which --enrich must not ask unless the file says so.
   */
  writtenConnectors?: string[];
  /** "liaison.config.yaml" or "built-in defaults". */
  source: string;
}

/**
 * Reads the policy file named by --config, or ./liaison.config.yaml when there is one, else the
 * defaults. Returns the lines to print (every problem with its path) when the file cannot be used.
 */
export async function loadPolicy(config: string | undefined, cwd: string): Promise<LoadedPolicy | { problems: string[] }> {
  const path = config !== undefined ? resolve(cwd, config) : resolve(cwd, 'liaison.config.yaml');
  if (config === undefined && !existsSync(path)) {
    return { purchase: defaultPurchasePolicy, currency: 'USD', source: 'built-in defaults' };
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { problems: [`cannot read the policy file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`] };
  }
  // Loaded only for a policy file: the schema (zod) and YAML take a few hundred milliseconds to load.
  const [{ formatPolicyErrors, parsePolicy }, { parse: parseYaml }] = await Promise.all([import('@liaison/core'), import('yaml')]);
  let input: unknown;
  try {
    input = parseYaml(text);
  } catch (error) {
    return { problems: [`${path} is not valid YAML: ${(error as Error).message}`] };
  }
  const parsed = parsePolicy(input);
  if (!parsed.ok) return { problems: [`${path}: ${parsed.error.message}`, ...formatPolicyErrors(parsed.error).map((line) => `  ${line}`)] };
  const policy = parsed.value;
  const written = (input as { connectors?: unknown }).connectors;
  const writtenConnectors = written !== null && typeof written === 'object' ? Object.keys(written) : [];
  return { purchase: policy.purchase, currency: policy.library.currency, timeZone: policy.library.time_zone, policy, path, writtenConnectors, source: config ?? 'liaison.config.yaml' };
}

/** Today's date (YYYY-MM-DD) in `timeZone`, or in the machine's zone. */
export function today(now: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
