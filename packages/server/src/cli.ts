import { asLiaisonError, formatIssue } from '@liaison/core';
import type { Command, CommandIO } from './command.js';

/** A subcommand as `liaison --help` lists it; its module is loaded only when it is run. */
export interface CommandEntry {
  /** Words that select it, e.g. ['config', 'check'] for `liaison config check`. */
  name: string[];
  /** One line for `liaison --help`. */
  summary: string;
  load(): Promise<Command>;
}

// Every subcommand, in the order `liaison --help` lists them. Add new ones here. Each module is
// loaded only when its command runs: loading them all (the hub's server, the connectors) took
// half a second before any command could start.
export const commands: CommandEntry[] = [
  { name: ['serve'], summary: 'run the hub: Slack, the API, patron status pages, /healthz and /metrics', load: async () => (await import('./commands/serve.js')).serveCommand },
  { name: ['config', 'check'], summary: 'validate a policy file (liaison.config.yaml) without starting anything', load: async () => (await import('./commands/config-check.js')).configCheckCommand },
  { name: ['connectors', 'check'], summary: 'ask each system in the policy file one harmless question and say whether it answers', load: async () => (await import('./commands/connectors-check.js')).connectorsCheckCommand },
  { name: ['migrate'], summary: 'apply the store\'s database migrations (the hub also does this when it starts)', load: async () => (await import('./commands/migrate.js')).migrateCommand },
  { name: ['token', 'create'], summary: 'create a staff API token for the extension, the dashboard or a script (printed once)', load: async () => (await import('./commands/token-create.js')).tokenCreateCommand },
  { name: ['token', 'list'], summary: 'list staff tokens: role, name, last use, expiry, revoked', load: async () => (await import('./commands/token-list.js')).tokenListCommand },
  { name: ['token', 'revoke'], summary: 'revoke a staff token by id; its next request is refused', load: async () => (await import('./commands/token-revoke.js')).tokenRevokeCommand },
  { name: ['audit'], summary: 'who looked at a patron, when, through which surface (the audit log)', load: async () => (await import('./commands/audit.js')).auditCommand },
  { name: ['demo'], summary: 'load the demo library\'s hand-offs into an empty store', load: async () => (await import('./commands/demo.js')).demoCommand },
  { name: ['ill', 'score'], summary: 'buy or borrow: score every request in an ILL export (CSV or JSON out)', load: async () => (await import('./commands/ill-score.js')).illScoreCommand },
  { name: ['ill', 'report'], summary: 'buy or borrow: an HTML report of an ILL export for an acquisitions meeting', load: async () => (await import('./commands/ill-report.js')).illReportCommand },
];

function helpText(commands: readonly CommandEntry[]): string {
  const width = Math.max(...commands.map((c) => c.name.join(' ').length), 10);
  const lines = commands.map((c) => `  ${c.name.join(' ').padEnd(width)}  ${c.summary}`);
  return [
    'liaison — hand-offs, patron context and buy-or-borrow for libraries',
    '',
    'Usage: liaison <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `liaison <command> --help` for a command\'s options.',
  ].join('\n');
}

/** Finds the command whose words open `args` (the longest match wins). */
function findCommand(args: string[], commands: readonly CommandEntry[]): { command: CommandEntry; rest: string[] } | null {
  const matches = commands
    .filter((c) => c.name.every((word, i) => args[i] === word))
    .sort((a, b) => b.name.length - a.name.length);
  const command = matches[0];
  return command ? { command, rest: args.slice(command.name.length) } : null;
}

/**
 * The commands that start with the longest opening of `args` that is not a whole command
 * (`liaison ill` → ill score, ill report), or null when no command starts so.
 */
function commandGroup(args: string[], commands: readonly CommandEntry[]): { words: string[]; members: CommandEntry[] } | null {
  for (let length = args.length; length >= 1; length--) {
    const words = args.slice(0, length);
    const members = commands.filter((c) => c.name.length > length && words.every((word, i) => c.name[i] === word));
    if (members.length > 0) return { words, members };
  }
  return null;
}

/** What a group of commands offers, as `liaison ill` alone prints it. */
function groupText(group: { words: string[]; members: CommandEntry[] }): string {
  const width = Math.max(...group.members.map((c) => c.name.join(' ').length));
  const first = group.members[0]!.name.join(' ');
  return [
    `Commands of liaison ${group.words.join(' ')}:`,
    ...group.members.map((c) => `  ${c.name.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    `Run \`liaison ${first} --help\` for a command's options.`,
  ].join('\n');
}

/**
 * Runs the `liaison` program; resolves to the process exit code. A command that throws ends with
 * the exit code its error's code has in core's error registry (1 fix the input, 2 the command
 * line, 69 a system is unavailable, 70 a fault in Liaison); this is the one place that mapping is
 * read. `commandList` is the program's own list except in tests.
 */
export async function main(args: string[], io: CommandIO = defaultIO(), commandList: readonly CommandEntry[] = commands): Promise<number> {
  try {
    return await runCommand(args, io, commandList);
  } catch (thrown) {
    const error = asLiaisonError(thrown);
    const issues = error.issues.map((issue) => `  ${formatIssue(issue)}\n`).join('');
    io.stderr.write(`liaison: ${error.message}\n${issues}`);
    // An unexpected error's own message may quote the input (a patron's name in a row), so only
    // where it happened is shown: enough to report the fault, nothing read from the input.
    if (error.code === 'internal' && error.cause instanceof Error) io.stderr.write(`${whereItHappened(error.cause)}\n`);
    return error.definition.exitCode;
  }
}

/** An error's class and stack frames, without its message. */
function whereItHappened(error: Error): string {
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return [error.name, ...frames].join('\n');
}

async function runCommand(args: string[], io: CommandIO, commands: readonly CommandEntry[]): Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    io.stdout.write(helpText(commands) + '\n');
    return 0;
  }
  const found = findCommand(args, commands);
  if (!found) {
    const group = commandGroup(args.filter((arg) => arg !== '--help' && arg !== '-h'), commands);
    if (group && args.length > group.words.length && (args.includes('--help') || args.includes('-h'))) {
      io.stdout.write(groupText(group) + '\n');
      return 0;
    }
    if (group) {
      const named = args.slice(group.words.length).find((arg) => !arg.startsWith('-'));
      const which = group.members.map((c) => c.name[group.words.length]).join(' or ');
      const problem = named === undefined ? `liaison ${group.words.join(' ')} needs a command: ${which}` : `unknown command "${args.join(' ')}"; liaison ${group.words.join(' ')} has ${which}`;
      io.stderr.write(`liaison: ${problem}.\n\n${groupText(group)}\n`);
      return 1;
    }
    io.stderr.write(`liaison: unknown command "${args.join(' ')}".\n\n${helpText(commands)}\n`);
    return 1;
  }
  const command = await found.command.load();
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    io.stdout.write(command.usage + '\n');
    return 0;
  }
  return command.run(found.rest, io);
}

function defaultIO(): CommandIO {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}
