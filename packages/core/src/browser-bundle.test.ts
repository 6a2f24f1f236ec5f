import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// Core must run unchanged in a browser and an MV3 service worker: bundling it for the browser
// fails on any Node built-in, and the bundle must not reach for Node's globals either.
describe('core in a browser', () => {
  it('bundles for the browser with no Node built-ins and no Node globals', async () => {
    const result = await build({
      entryPoints: [new URL('./index.ts', import.meta.url).pathname],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/\bfrom\s+["']node:/);
    expect(code).not.toMatch(/\brequire\(["'](fs|path|http|https|net|crypto|os|child_process)["']\)/);
    expect(code).not.toMatch(/\bprocess\.env\b/);
    expect(code).not.toMatch(/\bBuffer\.from\b/);
  }, 30_000);
});
