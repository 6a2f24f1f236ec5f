/**
 * One subcommand of the `liaison` program. Each lives in its own file under commands/; its name
 * and one-line summary are in cli.ts's list, so `liaison --help` needs no command loaded.
 */
export interface Command {
  /** Full usage text for `liaison <command> --help`. */
  usage: string;
  /** Runs with the arguments after the command's words; resolves to the exit code. */
  run(args: string[], io: CommandIO): Promise<number>;
}

/** Where a command writes, so tests can capture it. */
export interface CommandIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}
