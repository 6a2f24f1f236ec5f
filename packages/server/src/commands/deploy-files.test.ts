/**
 * The deployment files in deploy/ are tested as a library would use them: the systemd unit's
 * own ExecStart command line starts the hub, the starter policy passes `config check`, and the
 * container image builds where a container builder is running (skipped, saying so, elsewhere).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repository = fileURLToPath(new URL('../../../../', import.meta.url));
const unit = readFileSync(join(repository, 'deploy/liaison.service'), 'utf8');
const starter = join(repository, 'deploy/starter.config.yaml');

/** A unit file's `Key=value` settings of one section. */
function settings(text: string, section: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let current = '';
  for (const line of text.split('\n')) {
    const header = /^\[(\w+)\]$/.exec(line.trim());
    if (header) current = header[1]!;
    else if (current === section && /^\w+=/.test(line)) {
      const [key, ...value] = line.split('=');
      found.set(key!, [...(found.get(key!) ?? []), value.join('=')]);
    }
  }
  return found;
}

describe('deploy/liaison.service', () => {
  it('starts the hub with its own ExecStart command line, without demo data, and stops on SIGTERM', async () => {
    const service = settings(unit, 'Service');
    const execStart = service.get('ExecStart')?.[0];
    expect(execStart).toMatch(/^\/usr\/bin\/node \/opt\/liaison\/packages\/server\/bin\/liaison\.js serve --config \/etc\/liaison\/liaison\.config\.yaml /);
    expect(execStart).not.toContain('demo');
    expect(service.get('Environment')).toContain('LIAISON_DATA_DIR=/var/lib/liaison');
    // The same command line, with this machine's paths for node, the checkout, the policy and a free port.
    const dataDir = mkdtempSync(join(tmpdir(), 'liaison-unit-'));
    const [program, ...args] = execStart!
      .replace('/usr/bin/node', process.execPath)
      .replace('/opt/liaison/', repository)
      .replace('/etc/liaison/liaison.config.yaml', starter)
      .replace('--port 3000', '--port 0')
      .split(' ');
    const hub = spawn(program!, args, { cwd: repository, env: { PATH: process.env['PATH'] ?? '', LIAISON_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    hub.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    hub.stderr.on('data', () => {});
    const exited = new Promise<number | null>((resolve) => hub.on('exit', resolve));
    try {
      for (let waited = 0; !stdout.includes('is running') && waited < 90_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
      const url = /is running at (http:\/\/\S+)/.exec(stdout)?.[1];
      expect(url, stdout).toBeDefined();
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', library: 'Your University Library' });
      // No demo data: the store holds no hand-offs until staff make some.
      const token = /Bearer (lsn_[\w-]+)/.exec(stdout)?.[1];
      if (token) expect(await (await fetch(`${url}/api/v1/handoffs`, { headers: { authorization: `Bearer ${token}` } })).json()).toMatchObject({ handoffs: [] });
    } finally {
      hub.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 180_000);

  it('gives the hub longer to stop than it takes', () => {
    expect(Number(settings(unit, 'Service').get('TimeoutStopSec')?.[0])).toBeGreaterThanOrEqual(45);
  });
});

describe('deploy/starter.config.yaml', () => {
  it('passes config check', () => {
    const output = execFileSync(process.execPath, [join(repository, 'packages/server/bin/liaison.js'), 'config', 'check', starter], { encoding: 'utf8' });
    expect(output).toContain('is valid');
  });
});

describe('deploy/Containerfile', () => {
  const builder = spawnSync('docker', ['info'], { encoding: 'utf8', timeout: 20_000 });
  const isBuilderRunning = builder.status === 0;
  if (!isBuilderRunning) console.warn('No container builder is running here (`docker info` failed) — the image build test is skipped.');
  it.skipIf(!isBuilderRunning)('builds', () => {
    const build = spawnSync('docker', ['build', '-f', 'deploy/Containerfile', '-t', 'liaison-hub:test', '.'], { cwd: repository, encoding: 'utf8', timeout: 900_000 });
    expect(build.status, build.stderr.slice(-2000)).toBe(0);
  }, 900_000);
});
