import type { Command, CommandIO } from './command.js';
import { configCheckCommand } from './commands/config-check.js';
import { connectorsCheckCommand } from './commands/connectors-check.js';
import { demoCommand } from './commands/demo.js';
import { illReportCommand } from './commands/ill-report.js';
import { illScoreCommand } from './commands/ill-score.js';
import { migrateCommand } from './commands/migrate.js';
import { serveCommand } from './commands/serve.js';
import { tokenCreateCommand } from './commands/token-create.js';

// Every subcommand, in the order `liaison --help` lists them. Add new ones here.
const commands: Command[] = [
  serveCommand,
  configCheckCommand,
  connectorsCheckCommand,
  migrateCommand,
  tokenCreateCommand,
  demoCommand,
  illScoreCommand,
  illReportCommand,
];

function helpText(): string {
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
function findCommand(args: string[]): { command: Command; rest: string[] } | null {
  const matches = commands
    .filter((c) => c.name.every((word, i) => args[i] === word))
    .sort((a, b) => b.name.length - a.name.length);
  const command = matches[0];
  return command ? { command, rest: args.slice(command.name.length) } : null;
}

/** Runs the `liaison` program; resolves to the process exit code. */
export async function main(args: string[], io: CommandIO = defaultIO()): Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    io.stdout.write(helpText() + '\n');
    return 0;
  }
  const found = findCommand(args);
  if (!found) {
    io.stderr.write(`liaison: unknown command "${args.join(' ')}".\n\n${helpText()}\n`);
    return 1;
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    io.stdout.write(found.command.usage + '\n');
    return 0;
  }
  return found.command.run(found.rest, io);
}

function defaultIO(): CommandIO {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}
