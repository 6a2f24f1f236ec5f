// The shipped build: web-ext lint runs clean on the Firefox build (no errors, no warnings,
// no notices), both zips install-ready (a manifest at the root, every file intact), the
// Chrome and Firefox manifests differ only where the browsers do, and no zod in the content script.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension, extensionFolder } from './browser.js';

const webExt = fileURLToPath(new URL('../../node_modules/.bin/web-ext', import.meta.url));
let built: string;

beforeAll(() => {
  built = buildExtension();
  execFileSync(process.execPath, ['package.mjs', `--out=${built}`], { cwd: extensionFolder, stdio: 'pipe' });
});
afterAll(() => rmSync(built, { recursive: true, force: true }));

describe('the shipped extension', () => {
  it('passes web-ext lint on the Firefox build with nothing to report', () => {
    const output = execFileSync(webExt, ['lint', '--source-dir', join(built, 'firefox'), '--output', 'json', '--no-config-discovery'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const report = JSON.parse(output) as { summary: Record<string, number>; errors: unknown[]; warnings: unknown[]; notices: unknown[] };
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.notices).toEqual([]);
  });

  it('writes a zip per browser whose files are intact and whose manifest is at the root', () => {
    const { version } = JSON.parse(readFileSync(join(extensionFolder, 'package.json'), 'utf8')) as { version: string };
    for (const browser of ['chrome', 'firefox']) {
      const zip = join(built, `liaison-${browser}-${version}.zip`);
      expect(execFileSync('unzip', ['-t', zip], { encoding: 'utf8' })).toContain('No errors detected');
      const listing = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n');
      expect(listing).toEqual(expect.arrayContaining(['manifest.json', 'content.js', 'background.js', 'popup.html', 'options.html', 'icons/128.png']));
      const manifest = JSON.parse(execFileSync('unzip', ['-p', zip, 'manifest.json'], { encoding: 'utf8' })) as Record<string, unknown>;
      expect(manifest.version).toBe(version);
    }
  });

  it('generates the browser-specific manifest keys from one description, asking for no host up front', () => {
    const chrome = JSON.parse(readFileSync(join(built, 'chrome/manifest.json'), 'utf8')) as Record<string, unknown>;
    const firefox = JSON.parse(readFileSync(join(built, 'firefox/manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(chrome.background).toEqual({ service_worker: 'background.js' });
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect(firefox.browser_specific_settings).toBeDefined();
    expect(chrome.browser_specific_settings).toBeUndefined();
    for (const manifest of [chrome, firefox]) {
      expect(manifest.manifest_version).toBe(3);
      expect(manifest.host_permissions).toBeUndefined();
      expect(manifest.content_scripts).toBeUndefined();
      expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    }
  });

  it('keeps zod out of the content script and the script under 30 KB gzip', async () => {
    const { gzipSync } = await import('node:zlib');
    const content = readFileSync(join(built, 'chrome/content.js'));
    expect(content.toString()).not.toMatch(/ZodError|_zod/);
    expect(gzipSync(content).length).toBeLessThan(30 * 1024);
  });
});
