// Writes installable zips of dist/chrome and dist/firefox (run after build.mjs; --out=DIR as there):
// dist/liaison-chrome-<version>.zip for the Chrome Web Store / Edge Add-ons, and
// dist/liaison-firefox-<version>.zip for addons.mozilla.org. A plain zip writer: the
// format needs only deflate and CRC-32, both in node:zlib.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
// --out=DIR: the folder build.mjs wrote to (default dist); the zips go there too.
const out = process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? 'dist';

function filesUnder(folder) {
  return readdirSync(folder).sort().flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function zip(folder) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const path of filesUnder(folder)) {
    const name = Buffer.from(relative(folder, path).split('\\').join('/'));
    const data = readFileSync(path);
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0x21, 12); // 1980-01-01: same bytes on every build
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

for (const browser of ['chrome', 'firefox']) {
  const file = `${out}/liaison-${browser}-${version}.zip`;
  writeFileSync(file, zip(`${out}/${browser}`));
  console.log(`wrote ${file}`);
}
