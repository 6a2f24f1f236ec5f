// Builds the dashboard into dist/: one script (app.js, Preact + uPlot + teams-js), one stylesheet,
// one page. Scripts and styles are files of their own, so the hub can send a strict CSP ('self').
// Prints the gzip size of what a browser downloads.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: [join(here, 'src/main.tsx')],
  outfile: join(dist, 'app.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome109', 'firefox115', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  legalComments: 'none',
  sourcemap: 'linked',
  logLevel: 'warning',
});
const uplotCss = readFileSync(join(here, '../../node_modules/uplot/dist/uPlot.min.css'), 'utf8');
writeFileSync(join(dist, 'app.css'), `${uplotCss}\n${readFileSync(join(here, 'src/static/app.css'), 'utf8')}`);
copyFileSync(join(here, 'src/static/index.html'), join(dist, 'index.html'));

const sizes = ['app.js', 'app.css', 'index.html'].map((name) => gzipSync(readFileSync(join(dist, name)), { level: 9 }).length);
if (!process.argv.includes('--quiet')) {
  console.log(`dashboard: ${(sizes.reduce((a, b) => a + b, 0) / 1024).toFixed(1)} KB gzip (app.js ${(sizes[0] / 1024).toFixed(1)} KB)`);
}
