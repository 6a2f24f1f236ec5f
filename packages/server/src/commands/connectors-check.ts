import { dirname, resolve } from 'node:path';
import { formatIssue, LiaisonError } from '@liaison/core';
import { ConnectorError, createConnectorsFromPolicy, type AccessProblem, type ConfiguredSystem } from '@liaison/connectors';
import type { Command } from '../command.js';
import { formatLocatedIssue, loadPolicyFile } from '../config/load-policy.js';

/** How long one system may take to answer its check, in milliseconds (its own retries included). */
const checkBudgetMs = 20_000;

const statusWords: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export const connectorsCheckCommand: Command = {
  usage: [
    'Usage: liaison connectors check [FILE]',
    '',
    'Reads FILE (default liaison.config.yaml), builds each system named in its connectors section',
    'with secrets from the environment variables the file names, and makes one cheap, harmless',
    'call to each (a search that finds a few records at most). Prints one line per system:',
    '',
    '  ✓ folio   answered in 120 ms (3 users found for a test query)',
    '  ✗ koha    401 Unauthorized — check KOHA_CLIENT_SECRET',
    '',
    'For FOLIO and Koha it then reads each kind of record Liaison uses once (on a record no one',
    'has) and lists, under the system, each permission or setting the system says is missing:',
    '',
    '      ✗ holds (GET /holds): lacks the permission reserveforothers: place_holds — in Koha, …',
    '',
    'Exits 0 when every system answered with nothing missing, 1 otherwise.',
  ].join('\n'),
  async run(args, io) {
    const file = args.find((argument) => !argument.startsWith('-')) ?? 'liaison.config.yaml';
    const path = resolve(io.cwd, file);
    const loaded = await loadPolicyFile(path);
    if (!loaded.ok) {
      for (const issue of loaded.issues) io.stderr.write(formatLocatedIssue(file, issue) + '\n');
      return 1;
    }

    let systems: ConfiguredSystem[];
    try {
      systems = createConnectorsFromPolicy(loaded.policy.connectors, { env: io.env, now: () => new Date(), baseDir: dirname(path) }).systems;
    } catch (error) {
      if (!(error instanceof LiaisonError)) throw error;
      for (const issue of error.issues) io.stderr.write(`✗ ${formatIssue(issue)}\n`);
      io.stderr.write(`${error.issues.length} problem${error.issues.length === 1 ? '' : 's'} in ${file}; no system was asked.\n`);
      return 1;
    }

    const width = Math.max(...systems.map((system) => system.name.length));
    // Asked together so a slow system does not hold up the others; printed in the file's order.
    const results = await Promise.all(systems.map((system) => checkOne(system)));
    let failed = 0;
    let missing = 0;
    results.forEach((result, index) => {
      const name = systems[index]!.name.padEnd(width);
      if (result.ok) {
        io.stdout.write(`✓ ${name}  answered in ${result.ms} ms (${result.found})\n`);
        for (const problem of result.problems) io.stdout.write(`    ✗ ${problem.reads} (${problem.call}): ${problem.problem} — ${problem.remedy}\n`);
        missing += result.problems.length;
      } else {
        failed += 1;
        io.stdout.write(`✗ ${name}  ${result.reason}\n`);
      }
    });
    if (failed > 0) io.stderr.write(`${failed} of ${systems.length} system${systems.length === 1 ? '' : 's'} did not answer.\n`);
    if (missing > 0) io.stderr.write(`${missing} permission${missing === 1 ? '' : 's'} or setting${missing === 1 ? '' : 's'} missing; Liaison cannot read what ${missing === 1 ? 'it guards' : 'they guard'}.\n`);
    return failed > 0 || missing > 0 ? 1 : 0;
  },
};

type CheckResult = { ok: true; ms: number; found: string; problems: AccessProblem[] } | { ok: false; reason: string };

async function checkOne(system: ConfiguredSystem): Promise<CheckResult> {
  const started = performance.now();
  const signal = AbortSignal.timeout(checkBudgetMs);
  try {
    const found = await system.check({ signal });
    const ms = Math.round(performance.now() - started);
    // Only a system that let us in can say which of its parts it keeps from us.
    const problems = system.checkAccess ? await system.checkAccess({ signal }) : [];
    return { ok: true, ms, found, problems };
  } catch (error) {
    return { ok: false, reason: reasonFor(system, error, signal) };
  }
}

/** One line saying why a system did not answer: the status and remedy for refused credentials, else the call and what failed. */
export function reasonFor(system: ConfiguredSystem, error: unknown, signal?: AbortSignal): string {
  if (signal?.aborted) return `did not answer within ${checkBudgetMs / 1000} s`;
  if (!(error instanceof ConnectorError)) return `failed unexpectedly (${error instanceof Error ? error.name : typeof error})`;
  if (error.code === 'connector_unauthorized' && error.missingPermissions?.length) {
    return `${error.status ?? 403} ${statusWords[error.status ?? 403] ?? ''} — ${error.call}: the API user lacks the permission ${error.missingPermissions.join(' or ')}`;
  }
  if (error.code === 'connector_unauthorized') {
    const status = error.status ? `${error.status} ${statusWords[error.status] ?? ''}`.trim() : 'Refused our credentials';
    const remedy = system.secretVariables.length > 0 ? `check ${system.secretVariables.join(' and ')}` : (error.hint ?? 'check its settings');
    return `${status} — ${remedy}`;
  }
  // "FOLIO GET /users: timed out after 8 s" → "GET /users: timed out after 8 s"
  return error.message.startsWith(`${error.system} `) ? error.message.slice(error.system.length + 1) : error.message;
}
