// What arrives over a real socket: bad bodies and bad tokens are answered and the process keeps
// serving; a broken policy file stops the start with every error printed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot, startHubProcess, type HubProcess } from './hub-process.js';

const folder = mkdtempSync(join(tmpdir(), 'liaison-wire-'));
let hub: HubProcess;
beforeAll(async () => {
  hub = await startHubProcess({ dataDir: join(folder, 'data') });
});
afterAll(async () => {
  await hub?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
  fetch(`${hub.url}/api/v1/handoffs`, { method: 'POST', headers: { authorization: `Bearer ${hub.token}`, 'content-type': 'application/json', ...headers }, body });

async function expectStillServing() {
  const response = await post(JSON.stringify({ question: 'Are you still there?' }));
  expect(response.status).toBe(201);
}

describe('the hub process', () => {
  it('answers malformed JSON with 400 and keeps serving', async () => {
    const response = await post('{"question": "Where is my');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('malformed_json');
    await expectStillServing();
  });

  it('answers a 2 MiB body with 413 and keeps serving', async () => {
    const response = await post(Buffer.alloc(2 * 1024 * 1024, 'a'));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'body_too_large' });
    await expectStillServing();
  });

  it('refuses missing, unknown and forged tokens with 401 and no patron data', async () => {
    const patron = `${hub.url}/api/v1/patron-context?email=amara.okafor%40northfield.edu`;
    const forged = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"sub":"1","exp":9999999999}').toString('base64url')}.c2lnbmF0dXJl`;
    for (const authorization of [undefined, 'Bearer lsn_guess', `Bearer ${forged}`, `Bearer ${hub.token}x`]) {
      const response = await fetch(patron, { headers: authorization ? { authorization } : {} });
      const text = await response.text();
      expect(response.status, authorization).toBe(401);
      expect(text).not.toMatch(/amara|okafor/i);
    }
    const allowed = await fetch(patron, { headers: { authorization: `Bearer ${hub.token}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('Okafor');
  });
});

describe('a policy file with errors', () => {
  it('stops the hub from starting, with every error and its path printed, exit 1', () => {
    const example = readFileSync(join(repositoryRoot, 'examples', 'liaison.config.yaml'), 'utf8');
    const broken = example.replace('service_level: 4 opening hours', 'service_level: 4 opening hourz').replace('retention_days: 180', 'retention_days: -5');
    expect(broken).not.toBe(example);
    const file = join(folder, 'broken.yaml');
    writeFileSync(file, broken);
    const result = spawnSync(process.execPath, ['packages/server/bin/liaison.js', 'serve', '--config', file, '--port', '0', '--data-dir', join(folder, 'never')], {
      cwd: repositoryRoot,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('The hub did not start');
    expect(result.stderr).toMatch(/broken\.yaml:\d+: handoff\.rules\[0\]\.service_level: "4 opening hourz" is not a service level/);
    expect(result.stderr).toMatch(/broken\.yaml:\d+: privacy\.retention_days: /);
    expect(result.stdout).not.toContain('is running');
  });
});
