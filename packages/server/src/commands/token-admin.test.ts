/**
 * Staff tokens and the audit log from the command line: list, revoke, expiry, `liaison audit` —
 * with the embedded store free, and while a hub holds it (the commands then ask that hub, so a
 * token made meanwhile works at once instead of being written where the hub never looks).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoLibrary, featuredPatrons } from '@liaison/connectors';
import { lockFileName, openStore } from '@liaison/store';
import { main } from '../cli.js';
import { captureIO } from '../hub/hub-for-tests.js';
import { examplePolicyFile } from '../hub/demo-hub.js';
import { createLogger } from '../hub/logging.js';
import { startHub, type RunningHub } from '../hub/start.js';

const folder = mkdtempSync(join(tmpdir(), 'liaison-token-admin-'));
const amara = featuredPatrons.withLoansFinesAndIll;

async function run(args: string[]) {
  const { io, stdout, stderr } = captureIO(folder);
  const code = await main(args, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

describe('liaison token list / revoke / --expires-in, on a store no hub holds', () => {
  it('lists tokens with their last use and expiry, and a revoked one stops verifying', async () => {
    const made = await run(['token', 'create', '--name', 'Weekend cover', '--expires-in', '12h', '--data-dir', 'free']);
    expect(made.code).toBe(0);
    expect(made.stderr).toMatch(/id (tok_[0-9a-f]+), expires 20\d\d-/);
    const id = /id (tok_[0-9a-f]+)/.exec(made.stderr)![1]!;
    const token = made.stdout.trim();

    const listed = await run(['token', 'list', '--data-dir', 'free']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`${id}\\s+staff\\s+Weekend cover\\s+\\S+\\s+never\\s+expires 20`));
    expect(listed.stdout).not.toContain(token);

    const revoked = await run(['token', 'revoke', id, '--data-dir', 'free']);
    expect(revoked.code).toBe(0);
    expect(revoked.stderr).toContain(`Revoked staff token "Weekend cover" (id ${id})`);
    expect((await run(['token', 'list', '--data-dir', 'free'])).stdout).toMatch(new RegExp(`${id}.*revoked 20`));

    const store = await openStore({ dataDir: join(folder, 'free') });
    try {
      expect(await store.tokens.verify(token, new Date())).toBeUndefined();
    } finally {
      await store.close();
    }
  }, 60_000);

  it.each([
    [['token', 'create', '--name', 'x', '--expires-in', 'soon'], '"soon" is not a duration'],
    [['token', 'revoke'], 'give one token id'],
    [['token', 'revoke', 'tok_nope'], 'there is no token tok_nope'],
    [['audit'], 'name the patron'],
  ])('explains %j, exit 1', async (args, message) => {
    const result = await run([...args, '--data-dir', 'free']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  }, 30_000);
});

describe('while the hub runs on the embedded data folder', () => {
  const dataDir = join(folder, 'held');
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startHub({ policyFile: examplePolicyFile, port: 0, dataDir, schedulerIntervalMs: 0, seedDemo: false, logger: createLogger({ level: 'silent' }) });
  }, 60_000);
  afterAll(async () => {
    await hub?.stop();
  });

  const asked = (token: string) => fetch(`${hub.url}/api/v1/handoffs`, { headers: { authorization: `Bearer ${token}` } });

  it('a token made by `liaison token create` works at once; `token list` shows its use; `token revoke` makes its next request 401', async () => {
    const made = await run(['token', 'create', '--name', 'made while running', '--role', 'admin', '--data-dir', dataDir]);
    expect(made.code).toBe(0);
    const token = made.stdout.trim();
    const id = /id (tok_[0-9a-f]+)/.exec(made.stderr)![1]!;
    expect((await asked(token)).status).toBe(200);

    const listed = await run(['token', 'list', '--json', '--data-dir', dataDir]);
    expect(listed.code).toBe(0);
    const record = (JSON.parse(listed.stdout) as { id: string; lastUsedAt: string | null }[]).find((t) => t.id === id);
    expect(record?.lastUsedAt).not.toBeNull();

    expect((await run(['token', 'revoke', id, '--data-dir', dataDir])).code).toBe(0);
    const refused = await asked(token);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('token_invalid');
  }, 60_000);

  it('`liaison audit` answers who looked at a patron, by e-mail or by barcode', async () => {
    const made = await run(['token', 'create', '--name', 'circulation desk', '--data-dir', dataDir]);
    const token = made.stdout.trim();
    const id = /id (tok_[0-9a-f]+)/.exec(made.stderr)![1]!;
    const view = await fetch(`${hub.url}/api/v1/patron-context?email=${encodeURIComponent(amara.toUpperCase())}`, { headers: { authorization: `Bearer ${token}` } });
    expect(view.status).toBe(200);
    // The policy keeps barcodes out of the answer; the demo library knows Amara's.
    const barcode = (await createDemoLibrary({ now: () => new Date() }).patrons.findPatron({ email: amara }))!.identity.barcode!;
    expect(barcode).toBeTruthy();

    const byEmail = await run(['audit', '--patron', amara, '--data-dir', dataDir]);
    expect(byEmail.code).toBe(0);
    expect(byEmail.stdout).toMatch(new RegExp(`^20\\S+  staff_token  ${id}  .*loans\\.counts`, 'm'));
    const json = JSON.parse((await run(['audit', '--patron', amara, '--json', '--data-dir', dataDir])).stdout);
    expect(json.keys).toContain(amara);
    // Asked by barcode, the hub looks the patron up and finds the views filed under the e-mail.
    const byBarcode = await run(['audit', '--patron', barcode, '--data-dir', dataDir]);
    expect(byBarcode.stdout).toContain(id);
  }, 60_000);

  it('commands that would open the folder themselves stop and say the hub holds it', async () => {
    const migrate = await run(['migrate', '--data-dir', dataDir]);
    expect(migrate.code).toBe(1);
    expect(migrate.stderr).toContain(`the hub is running on this data folder (pid ${process.pid})`);
    expect(migrate.stderr).toContain('stop it');
  }, 30_000);
});

describe('a data folder held by a process that left no way to ask it', () => {
  it('stops with the holder\'s pid and what to do, and writes nothing', async () => {
    const dataDir = join(folder, 'held-elsewhere');
    mkdirSync(dataDir, { recursive: true });
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(join(dataDir, lockFileName), JSON.stringify({ pid: holder.pid, since: new Date().toISOString() }));
      const made = await run(['token', 'create', '--name', 'lost?', '--data-dir', dataDir]);
      expect(made.code).toBe(1);
      expect(made.stdout).toBe('');
      expect(made.stderr).toContain(`the hub is running on this data folder (pid ${holder.pid}); stop it`);
    } finally {
      holder.kill();
    }
  });
});
