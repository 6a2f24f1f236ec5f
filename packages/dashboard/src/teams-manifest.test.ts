/**
 * The Teams app package against Microsoft's own description of it: the manifest (as committed and
 * as packaged for a hub) validated with Ajv against the newest manifest schema in
 * ../shared/schemas/teams, read at test time; the icons at the sizes Teams asks; and the packager
 * refusing a malformed domain.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { teamsPackageManifest } from '../teams/package-manifest.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, '..');
const template = JSON.parse(readFileSync(join(packageRoot, 'teams/manifest.json'), 'utf8')) as Record<string, unknown>;

/** ../shared/schemas/teams beside the repository, found by walking up from this file. */
function schemasFolder(): string | undefined {
  for (let directory = here; dirname(directory) !== directory; directory = dirname(directory)) {
    const candidate = join(directory, '..', 'shared', 'schemas', 'teams');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

const folder = schemasFolder();
if (!folder) console.warn('shared/schemas/teams not found beside the repository — the Teams manifest schema tests are skipped');
const versionOf = (name: string) => (/schema\.(\d+)\.(\d+)\.json$/.exec(name) ?? []).slice(1).map(Number) as [number, number];
const newest = folder
  ? readdirSync(folder)
      .filter((name) => /^MicrosoftTeams\.schema\.\d+\.\d+\.json$/.test(name))
      .sort((a, b) => versionOf(a)[0] - versionOf(b)[0] || versionOf(a)[1] - versionOf(b)[1])
      .at(-1)
  : undefined;

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(folder!, newest!), 'utf8').replace(/^\uFEFF/, '')));
}

/** Width, height and RGBA pixels of a PNG as this package writes them (8-bit RGBA, not interlaced). */
function readPng(path: string) {
  const bytes = readFileSync(path);
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const colourType = bytes[25];
  const chunks: Buffer[] = [];
  for (let offset = 8; offset < bytes.length; ) {
    const length = bytes.readUInt32BE(offset);
    if (bytes.toString('latin1', offset + 4, offset + 8) === 'IDAT') chunks.push(bytes.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const pixel = (x: number, y: number) => {
    const start = y * (width * 4 + 1) + 1 + x * 4;
    return [...raw.subarray(start, start + 4)];
  };
  return { width, height, colourType, pixel };
}

describe.skipIf(!folder)('the Teams manifest', () => {
  it(`is valid against the newest manifest schema (${newest ?? 'none found'}) and names that version`, () => {
    const validate = validator();
    expect(validate(template), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(newest).toBe(`MicrosoftTeams.schema.${template['manifestVersion'] as string}.json`);
  });

  it('stays valid when packaged for a hub, with the domain and client id everywhere they belong', () => {
    const result = teamsPackageManifest(template, { hubDomain: 'liaison.northfield.edu', clientId: '6F1C2A9E-0000-4000-8000-000000000001' });
    if (!result.ok) throw new Error(result.error);
    const validate = validator();
    expect(validate(result.manifest), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const manifest = result.manifest as { validDomains: string[]; webApplicationInfo: { id: string; resource: string }; configurableTabs: { configurationUrl: string }[] };
    expect(manifest.validDomains).toEqual(['liaison.northfield.edu']);
    expect(manifest.webApplicationInfo).toEqual({ id: '6f1c2a9e-0000-4000-8000-000000000001', resource: 'api://liaison.northfield.edu/6f1c2a9e-0000-4000-8000-000000000001' });
    expect(manifest.configurableTabs[0]!.configurationUrl).toBe('https://liaison.northfield.edu/dashboard/configure');
    expect(JSON.stringify(manifest)).not.toContain('example.edu');
  });
});

describe('the Teams icons', () => {
  it('are a 192×192 colour icon and a 32×32 outline that is white on transparent', () => {
    const color = readPng(join(packageRoot, 'teams/color.png'));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = readPng(join(packageRoot, 'teams/outline.png'));
    expect([outline.width, outline.height, outline.colourType]).toEqual([32, 32, 6]);
    const pixels = Array.from({ length: 32 * 32 }, (_v, index) => outline.pixel(index % 32, Math.floor(index / 32)));
    expect(pixels.every(([r, g, b, a]) => a === 0 || (r === 255 && g === 255 && b === 255))).toBe(true);
    expect(pixels.some(([, , , a]) => a === 0)).toBe(true);
    expect(pixels.some(([, , , a]) => a === 255)).toBe(true);
  });
});

describe('npm run package', () => {
  it.each([
    [['--hub-domain=https://liaison.northfield.edu', '--client-id=6f1c2a9e-0000-4000-8000-000000000001'], 'is not a domain name'],
    [['--hub-domain=liaison.northfield.edu:8443', '--client-id=6f1c2a9e-0000-4000-8000-000000000001'], 'is not a domain name'],
    [['--hub-domain=<script>', '--client-id=6f1c2a9e-0000-4000-8000-000000000001'], 'is not a domain name'],
    [['--client-id=6f1c2a9e-0000-4000-8000-000000000001'], "name the hub's domain"],
    [['--hub-domain=liaison.northfield.edu', '--client-id=liaison'], 'is not an Application (client) ID'],
  ])('refuses %j, saying why', (args, message) => {
    let stderr = '';
    let status = 0;
    try {
      execFileSync(process.execPath, ['package.mjs', ...args], { cwd: packageRoot, stdio: 'pipe' });
    } catch (error) {
      const failure = error as { status: number; stderr: Buffer };
      status = failure.status;
      stderr = failure.stderr.toString();
    }
    expect(status).toBe(2);
    expect(stderr).toContain(message);
  });
});
