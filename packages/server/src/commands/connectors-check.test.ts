import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { main } from '../cli.js';
import type { CommandIO } from '../command.js';
import { recordingServer } from '@liaison/connectors/testing';

const exampleConfig = join(dirname(fileURLToPath(import.meta.url)), '../../../../examples/liaison.config.yaml');
const folder = mkdtempSync(join(tmpdir(), 'liaison-connectors-check-'));

// Two systems as they answer on the wire: ILLiad accepting its key, Alma refusing its key.
const illiadURL = 'https://illiad.check.example.edu/ILLiadWebPlatform';
const almaURL = 'https://api-na.check.example.com';
// A Koha whose API user may read patrons but not holds, and whose ILL module is off.
// (Its 2xx answers are empty lists and a token, as Koha's swagger defines them.)
const kohaURL = 'https://staff.koha.check.example.edu';
const kohaAnswers = [
  http.post(`${kohaURL}/api/v1/oauth/token`, () => HttpResponse.json({ access_token: 'koha-token', token_type: 'Bearer', expires_in: 3600 })),
  http.get(`${kohaURL}/api/v1/patrons`, () => HttpResponse.json([])),
  http.get(`${kohaURL}/api/v1/patrons/:id/checkouts`, () => HttpResponse.json({ error: 'Patron not found' }, { status: 404 })),
  http.get(`${kohaURL}/api/v1/patrons/:id/account`, () => HttpResponse.json({ error: 'Patron not found' }, { status: 404 })),
  http.get(`${kohaURL}/api/v1/holds`, () =>
    HttpResponse.json({ error: 'Authorization failure. Missing required permission(s).', required_permissions: { reserveforothers: 'place_holds' } }, { status: 403 }),
  ),
  http.get(`${kohaURL}/api/v1/biblios`, () => HttpResponse.json([])),
  http.get(`${kohaURL}/api/v1/ill/requests`, () => HttpResponse.json({ error: 'Path not found' }, { status: 404 })),
];

const { sent } = recordingServer(
  ...kohaAnswers,
  http.get(`${illiadURL}/Transaction/UserRequests/:username`, ({ request }) =>
    request.headers.get('apikey') === 'good-key' ? HttpResponse.json([]) : HttpResponse.json({ Message: 'Authorization has been denied for this request.' }, { status: 401 }),
  ),
  http.get(`${almaURL}/almaws/v1/users`, () =>
    HttpResponse.json({ errorsExist: true, errorList: { error: [{ errorCode: 'UNAUTHORIZED', errorMessage: 'API-key not defined' }] } }, { status: 401 }),
  ),
);

/** Writes the example policy with this connectors section; returns its file name. */
function policyWith(connectors: unknown, name: string): string {
  const policy = parseYaml(readFileSync(exampleConfig, 'utf8')) as Record<string, unknown>;
  writeFileSync(join(folder, name), stringifyYaml({ ...policy, connectors }));
  return name;
}

async function run(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: new Writable({ write: (chunk, _e, done) => ((stdout += chunk), done()) }),
    stderr: new Writable({ write: (chunk, _e, done) => ((stderr += chunk), done()) }),
    cwd: folder,
    env,
  };
  return { code: await main(args, io), stdout, stderr };
}

// Building the systems and the first policy read take seconds on a busy machine.
describe('liaison connectors check', { timeout: 30_000 }, () => {
  it('asks each configured system once, in the file order, and exits 1 when one refuses', async () => {
    writeFileSync(join(folder, 'gobi.csv'), 'ISBN,Price,Currency,In stock\n9780306406157,42.50,USD,yes\n');
    const file = policyWith(
      {
        patron: ['alma', 'illiad'],
        holdings: ['demo'],
        price: ['gobi', 'demo'],
        ill: ['illiad'],
        systems: {
          alma: { base_url: almaURL, api_key_env: 'ALMA_API_KEY' },
          illiad: { base_url: illiadURL, api_key_env: 'ILLIAD_API_KEY' },
          gobi: { type: 'vendor-price-file', path: 'gobi.csv', vendor: 'GOBI' },
        },
      },
      'two-systems.yaml',
    );
    const { code, stdout, stderr } = await run(['connectors', 'check', file], { ALMA_API_KEY: 'l8xx-revoked', ILLIAD_API_KEY: 'good-key' });
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('✗ alma    401 Unauthorized — check ALMA_API_KEY');
    expect(lines[1]).toMatch(/^✓ illiad {2}answered in \d+ ms \(0 requests found for a test user\)$/);
    expect(lines[2]).toMatch(/^✓ demo {4}answered in \d+ ms \(48 demo patrons and 72 ILL requests, offline\)$/);
    expect(lines[3]).toMatch(/^✓ gobi {4}answered in \d+ ms \(1 titles priced, file dated \d{4}-\d{2}-\d{2}\)$/);
    expect(stderr).toBe('1 of 4 systems did not answer.\n');
    expect(code).toBe(1);
    // One harmless call per HTTP system, each with its key; the key is never printed.
    expect(sent.map((request) => new URL(request.url).pathname)).toEqual(['/almaws/v1/users', '/ILLiadWebPlatform/Transaction/UserRequests/liaison-connection-check']);
    expect(sent[0]!.headers.get('authorization')).toBe('apikey l8xx-revoked');
    expect(stdout + stderr).not.toMatch(/l8xx-revoked|good-key/);
  });

  it('exits 0 when every system answers', async () => {
    const file = policyWith({ patron: ['demo'], ill: ['illiad'], systems: { illiad: { base_url: illiadURL, api_key_env: 'ILLIAD_API_KEY' } } }, 'ok.yaml');
    const { code, stdout } = await run(['connectors', 'check', file], { ILLIAD_API_KEY: 'good-key' });
    expect(stdout).toMatch(/^✓ demo {4}answered/m);
    expect(code).toBe(0);
  });

  it('lists, under a system that answered, each permission or setting it says is missing, with the remedy', async () => {
    const file = policyWith(
      { patron: ['koha'], systems: { koha: { base_url: kohaURL, client_id_env: 'KOHA_ID', client_secret_env: 'KOHA_SECRET', ill_requests: true } } },
      'koha.yaml',
    );
    const { code, stdout, stderr } = await run(['connectors', 'check', file], { KOHA_ID: 'liaison', KOHA_SECRET: 's3cret' });
    expect(stdout.trimEnd().split('\n').slice(0, 3)).toEqual([
      expect.stringMatching(/^✓ koha {2}answered in \d+ ms \(0 patron found for a test query\)$/),
      "    ✗ holds (GET /holds): lacks the permission reserveforothers: place_holds — in Koha, open the API user's patron record › More › Set permissions and tick reserveforothers: place_holds",
      '    ✗ ILL requests (GET /ill/requests): answers 404 (not found) — turn on the ILLModule system preference (Koha 23.11 or later), or set ill_requests: false for this system',
    ]);
    expect(stderr).toBe('2 permissions or settings missing; Liaison cannot read what they guard.\n');
    expect(code).toBe(1);
    expect(stdout + stderr).not.toContain('s3cret');
  });

  it('names settings problems and missing secrets with their paths, and asks nothing', async () => {
    const file = policyWith(
      { patron: ['illiad'], price: ['googel-books'], systems: { illiad: { base_url: illiadURL, api_key_env: 'ILLIAD_API_KEY' } } },
      'bad.yaml',
    );
    const { code, stdout, stderr } = await run(['connectors', 'check', file]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toEqual([
      "✗ connectors.systems.illiad.api_key_env: the environment variable ILLIAD_API_KEY is not set; set ILLIAD_API_KEY in the hub's environment (the secret itself never goes in the policy file)",
      '✗ connectors.systems.googel-books: "googel-books" is not configured; did you mean "google-books"? or add connectors.systems.googel-books with a type (one of: demo, folio, alma, koha, sierra, illiad, vendor-price-file, google-books, doab, unpaywall) and its settings',
      '2 problems in bad.yaml; no system was asked.',
      '',
    ]);
    expect(sent).toEqual([]);
  });

  it('says when the policy file cannot be read', async () => {
    const { code, stderr } = await run(['connectors', 'check', 'nowhere.yaml']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot read .*nowhere\.yaml: file not found/);
  });
});
