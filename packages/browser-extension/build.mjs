// Builds the extension into dist/chrome and dist/firefox from one source with esbuild.
// The content script imports core's rules through @liaison/core/batch (see src/purchase/rules.ts),
// so no zod enters it; the build fails if any does.
// Usage: node build.mjs [--out=DIR] [--grant-host=http://127.0.0.1/*] [--update-url=URL]
//   --out: where dist/<browser> folders go (default: dist); --grant-host: test builds only,
//   host access granted up front so browser tests need no permission prompt; --update-url: the
//   library's update manifest (XML) for a self-hosted Chrome/Edge install (see README).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { iconSizes } from './icons/draw-icons.mjs';
import { manifestFor } from './manifest.mjs';

const grantHosts = process.argv.filter((a) => a.startsWith('--grant-host=')).map((a) => a.slice('--grant-host='.length));
const out = process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? 'dist';
const updateUrl = process.argv.find((a) => a.startsWith('--update-url='))?.slice('--update-url='.length);
if (updateUrl !== undefined && !/^https:\/\/[^\s]+$/.test(updateUrl)) {
  console.error(`build: --update-url must be an https:// address of the update manifest (an update served over plain HTTP could be swapped on the way), not "${updateUrl}"`);
  process.exit(1);
}
const browsers = ['chrome', 'firefox'];

rmSync(out, { recursive: true, force: true });
const result = await build({
  entryPoints: {
    content: 'src/content/main.ts',
    background: 'src/background.ts',
    popup: 'src/popup/popup.ts',
    options: 'src/options/options.ts',
    teach: 'src/teach/picker.ts',
  },
  outdir: `${out}/chrome`,
  bundle: true,
  format: 'iife',
  target: ['chrome111', 'firefox128'],
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

const contentInputs = Object.keys(Object.entries(result.metafile.outputs).find(([file]) => file.endsWith('chrome/content.js'))[1].inputs);
const zodInputs = contentInputs.filter((input) => input.includes('node_modules/zod'));
if (zodInputs.length > 0) {
  console.error(`build: zod entered the content script through ${zodInputs[0]}; import core's rules from @liaison/core/batch, not @liaison/core`);
  process.exit(1);
}

for (const browser of browsers) {
  const folder = `${out}/${browser}`;
  mkdirSync(`${folder}/icons`, { recursive: true });
  if (browser !== 'chrome') {
    for (const file of ['content.js', 'background.js', 'popup.js', 'options.js', 'teach.js']) copyFileSync(`${out}/chrome/${file}`, `${folder}/${file}`);
  }
  for (const file of ['popup/popup.html', 'popup/popup.css', 'options/options.html', 'options/options.css']) {
    copyFileSync(`src/${file}`, `${folder}/${file.split('/')[1]}`);
  }
  // The icons drawn by icons/draw-icons.mjs, committed beside it.
  for (const size of iconSizes) copyFileSync(`icons/${size}.png`, `${folder}/icons/${size}.png`);
  writeFileSync(`${folder}/manifest.json`, `${JSON.stringify(manifestFor(browser, { grantHosts, updateUrl }), null, 2)}\n`);
}

const contentBytes = readFileSync(`${out}/chrome/content.js`);
console.log(`built ${out}/chrome and ${out}/firefox; content script ${contentBytes.length} bytes, ${gzipSync(contentBytes, { level: 9 }).length} bytes gzip`);
