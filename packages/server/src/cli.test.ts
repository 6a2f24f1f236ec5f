import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { LiaisonError, type ErrorCode } from '@liaison/core';
import { commands, main, type CommandEntry } from './cli.js';
import type { CommandIO } from './command.js';

function runLiaison(args: string[], commandList: readonly CommandEntry[] = commands): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: new Writable({ write: (chunk, _encoding, done) => ((stdout += String(chunk)), done()) }),
    stderr: new Writable({ write: (chunk, _encoding, done) => ((stderr += String(chunk)), done()) }),
    cwd: process.cwd(),
    env: {},
  };
  return main(args, io, commandList).then((code) => ({ code, stdout, stderr }));
}

describe('the command list', () => {
  // Each entry loads its own command: its usage starts with its own words.
  it('loads, for each name, the command of that name', async () => {
    for (const entry of commands) {
      const command = await entry.load();
      expect(command.usage).toMatch(new RegExp(`^Usage: liaison ${entry.name.join(' ')}\\b`));
    }
  });
});

describe('a group of commands named alone', () => {
  it('`liaison ill` offers score and report instead of "unknown command"', async () => {
    const { code, stdout, stderr } = await runLiaison(['ill']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).not.toContain('unknown command');
    expect(stderr).toMatch(/^liaison: liaison ill needs a command: score or report\.\n/);
    expect(stderr).toMatch(/^ {2}ill score {3}buy or borrow: score every request/m);
    expect(stderr).toMatch(/^ {2}ill report {2}buy or borrow: an HTML report/m);
    expect(stderr).toContain('Run `liaison ill score --help`');
  });

  it('`liaison ill scroe` names the mistake and what ill has', async () => {
    const { code, stderr } = await runLiaison(['ill', 'scroe', 'requests.csv']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^liaison: unknown command "ill scroe requests\.csv"; liaison ill has score or report\.\n/);
  });

  it('`liaison ill --help` lists the group on stdout', async () => {
    const { code, stdout } = await runLiaison(['ill', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Commands of liaison ill:\n {2}ill score /);
  });

  it('a word that starts no command is still unknown', async () => {
    const { code, stderr } = await runLiaison(['frobnicate']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^liaison: unknown command "frobnicate"\.\n/);
  });
});

describe('a command that throws ends with its error code\'s exit code from the registry', () => {
  /** The program with one command, `fail`, whose run throws `error`. */
  const failing = (error: unknown): CommandEntry[] => [
    { name: ['fail'], summary: 'throws', load: async () => ({ usage: 'Usage: liaison fail', run: async () => Promise.reject(error) }) },
  ];
  const coded = (code: ErrorCode) => new LiaisonError(code, `it failed with ${code}`);

  it.each<[ErrorCode, number]>([
    ['usage_invalid', 2],
    ['policy_invalid', 1],
    ['file_unreadable', 1],
    ['connector_timeout', 69],
    ['library_system_unavailable', 69],
    ['store_events_invalid', 70],
  ])('%s exits with %i', async (code, exitCode) => {
    const { code: exit, stderr } = await runLiaison(['fail'], failing(coded(code)));
    expect(exit).toBe(exitCode);
    expect(stderr).toBe(`liaison: it failed with ${code}\n`);
  });

  it('prints each issue with its path and hint', async () => {
    const error = new LiaisonError('policy_invalid', 'The policy file has 1 problem.', [
      { path: ['handoff', 'rules', 2, 'department'], message: '"eressources" is not a department', hint: 'did you mean "eresources"?' },
    ]);
    const { code, stderr } = await runLiaison(['fail'], failing(error));
    expect(code).toBe(1);
    expect(stderr).toBe('liaison: The policy file has 1 problem.\n  handoff.rules[2].department: "eressources" is not a department; did you mean "eresources"?\n');
  });

  it('anything else is a fault in Liaison (70), reported without its message, which may quote the input', async () => {
    const { code, stderr } = await runLiaison(['fail'], failing(new TypeError('row 12: Amara Okafor')));
    expect(code).toBe(70);
    expect(stderr).toMatch(/^liaison: Something went wrong in Liaison/);
    expect(stderr).toContain('TypeError');
    expect(stderr).not.toContain('Amara');
  });

  it('a command that finishes keeps its own exit code', async () => {
    const fine: CommandEntry[] = [{ name: ['fine'], summary: 'ends', load: async () => ({ usage: 'Usage: liaison fine', run: async () => 3 }) }];
    expect((await runLiaison(['fine'], fine)).code).toBe(3);
  });
});
