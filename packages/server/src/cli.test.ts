import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { commands, main } from './cli.js';
import type { CommandIO } from './command.js';

function runLiaison(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: new Writable({ write: (chunk, _encoding, done) => ((stdout += String(chunk)), done()) }),
    stderr: new Writable({ write: (chunk, _encoding, done) => ((stderr += String(chunk)), done()) }),
    cwd: process.cwd(),
    env: {},
  };
  return main(args, io).then((code) => ({ code, stdout, stderr }));
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
