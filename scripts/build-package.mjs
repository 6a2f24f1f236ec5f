// Builds one workspace package with esbuild: each entry in src/ to dist/, ESM, dependencies
// left external (they are resolved by npm at run time). Types are consumed from src/ directly.
// Usage (from a package folder): node ../../scripts/build-package.mjs --platform=neutral [--splitting] src/index.ts [src/cli.ts ...]
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const args = process.argv.slice(2);
const splitting = args.includes('--splitting');
const platform = (args.find((a) => a.startsWith('--platform='))?.split('=')[1]) ?? 'node';
const entryPoints = args.filter((a) => !a.startsWith('--'));
if (entryPoints.length === 0) {
  console.error('build-package: name at least one entry point, e.g. src/index.ts');
  process.exit(1);
}
rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints,
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  format: 'esm',
  platform,
  target: platform === 'node' ? 'node20' : 'es2022',
  packages: 'external',
  sourcemap: true,
  // Chunks shared by the entries, and modules imported with import() loaded only when asked for.
  splitting,
  logLevel: 'warning',
  mainFields: platform === 'neutral' ? ['module', 'main'] : undefined,
});
