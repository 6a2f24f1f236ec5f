// Prints the size of core's browser bundles: the whole public API, and the single modules the
// browser extension and the Zendesk sidebar import on their own. `npm run size -w packages/core`.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const entries = [
  ['everything (src/index.ts)', 'src/index.ts'],
  ['purchase rules (src/ill/purchase.ts)', 'src/ill/purchase.ts'],
  ['routing (src/handoff/route.ts)', 'src/handoff/route.ts'],
  ['privacy (src/patron/redact.ts)', 'src/patron/redact.ts'],
  ['rubric scoring (src/rubric/score.ts)', 'src/rubric/score.ts'],
];
for (const [label, entry] of entries) {
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'error' });
  const code = result.outputFiles[0].contents;
  console.log(`${label.padEnd(42)} ${(code.length / 1024).toFixed(1).padStart(7)} KB minified ${(gzipSync(code, { level: 9 }).length / 1024).toFixed(1).padStart(6)} KB gzip`);
}
