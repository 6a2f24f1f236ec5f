import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { examplePolicyFile } from '../hub/demo-hub.js';

const liaison = fileURLToPath(new URL('../../bin/liaison.js', import.meta.url));

describe('liaison serve on SIGTERM', () => {
  it('stops within a bounded time while Slack is unreachable and a reminder is in flight, and exits 0', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'liaison-stop-'));
    // Slack configured but unreachable (this machine reaches only 127.0.0.1): the demo library's
    // overdue hand-offs get reminders at once, and Slack's client keeps retrying them.
    const child = spawn(process.execPath, [liaison, 'serve', '--config', examplePolicyFile, '--demo-data', '--port', '0', '--data-dir', join(folder, 'data')], {
      cwd: folder,
      env: { PATH: process.env['PATH'] ?? '', SLACK_SIGNING_SECRET: 'not-a-real-secret', SLACK_BOT_TOKEN: 'xoxb-0-0-unreachable', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', () => {});
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let waited = 0; !stdout.includes('is running') && waited < 90_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stdout).toContain('is running');
    // Let the first scheduler round reach Slack.
    for (let waited = 0; !stdout.includes('reminder') && waited < 3_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));

    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const timeout = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 60_000));
    const code = await Promise.race([exited, timeout]);
    if (code === 'still running') child.kill('SIGKILL');
    expect(code).toBe(0);
    // The scheduler's grace (10 s), Slack's close (at most 5 s) and the store's close, on a busy machine.
    expect(Date.now() - signalledAt).toBeLessThan(45_000);
    expect(stdout).toContain('Stopping: no new requests or reminders');
  }, 180_000);
});
