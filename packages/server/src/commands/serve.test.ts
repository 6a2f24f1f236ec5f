import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import { captureIO, writeBrokenPolicy } from '../hub/hub-for-tests.js';

const folder = mkdtempSync(join(tmpdir(), 'liaison-serve-'));

describe('liaison serve', () => {
  it('refuses to start on a policy file with errors, printing every error with its path', async () => {
    const { expected } = writeBrokenPolicy(folder);
    const { io, stdout, stderr } = captureIO(folder);
    expect(await main(['serve', '--config', 'broken.yaml', '--port', '0', '--data-dir', join(folder, 'data')], io)).toBe(1);
    expect(stderr()).toContain('The hub did not start');
    for (const { path, line } of expected) expect(stderr()).toContain(`broken.yaml:${line}: ${path}: `);
    expect(stdout()).not.toContain('is running');
  });

  it.each([
    [['--port', 'eighty'], '--port must be a whole number'],
    [['--port', '70000'], '--port must be a whole number'],
    [['--prot', '3000'], '--prot'],
  ])('explains bad options %j, exit 1', async (args, message) => {
    const { io, stderr } = captureIO(folder);
    expect(await main(['serve', ...args], io)).toBe(1);
    expect(stderr()).toContain(message);
  });
});
