// Builds the extension into dist/chrome and dist/firefox from one source with esbuild.
// The content script imports core's ill/ rule files directly (see src/purchase/rules.ts), so
// no zod enters it; the build fails if any does.
// Usage: node build.mjs [--out=DIR] [--grant-host=http://127.0.0.1/*]
//   --out: where dist/<browser> folders go (default: dist); --grant-host: test builds only,
//   host access granted up front so browser tests need no permission prompt.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { deflateSync, crc32, gzipSync } from 'node:zlib';
import { manifestFor } from './manifest.mjs';

const grantHosts = process.argv.filter((a) => a.startsWith('--grant-host=')).map((a) => a.slice('--grant-host='.length));
const out = process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? 'dist';
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
  console.error(`build: zod entered the content script through ${zodInputs[0]}; import core's ill/ files directly`);
  process.exit(1);
}

// A plain square icon in the badge's BUY green, drawn as a PNG without any image library.
function squarePng(size) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const row = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x++) {
    const edge = x < size / 8 || x >= size - size / 8;
    row.set(edge ? [0x1b, 0x5e, 0x20] : [0x2e, 0x7d, 0x32], 1 + x * 3);
  }
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
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
  for (const size of [16, 48, 128]) writeFileSync(`${folder}/icons/${size}.png`, squarePng(size));
  writeFileSync(`${folder}/manifest.json`, `${JSON.stringify(manifestFor(browser, { grantHosts }), null, 2)}\n`);
}

const contentBytes = readFileSync(`${out}/chrome/content.js`);
console.log(`built ${out}/chrome and ${out}/firefox; content script ${contentBytes.length} bytes, ${gzipSync(contentBytes, { level: 9 }).length} bytes gzip`);
