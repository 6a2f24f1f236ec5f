// Draws the extension's icons — a white open book on a rounded deep-blue tile, with a green
// badge dot (the BUY green) at its corner — at the sizes the manifest names, as PNG files beside
// this script. No image library: shapes are signed distances, sampled 4×4 per pixel for smooth
// edges, and the PNG is written with Node's zlib. Run `node icons/draw-icons.mjs` after a change;
// the PNGs are committed, and a test checks they are what this script draws.
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

/** The sizes the manifest uses (toolbar 16 and 32, extensions page 48, store and install 128). */
export const iconSizes = [16, 32, 48, 128];

const tile = [0x17, 0x4a, 0x7c];
const page = [0xff, 0xff, 0xff];
const spine = [0xc9, 0xd8, 0xe6];
const dot = [0x2e, 0x7d, 0x32];
const dotRing = [0xff, 0xff, 0xff];

/** Distance from (x, y) to a rounded rectangle centred at (cx, cy), half-sizes (hw, hh), corner radius r; negative inside. */
function roundedBox(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** The colour at a point of the unit square (0..1 both ways), or null where the icon is transparent. */
function colourAt(x, y) {
  // The green dot sits over the tile's lower right corner, ringed in white so it reads on any toolbar.
  const dotDistance = Math.hypot(x - 0.76, y - 0.76);
  if (dotDistance < 0.17) return dot;
  if (dotDistance < 0.22) return dotRing;
  if (roundedBox(x, y, 0.5, 0.5, 0.47, 0.47, 0.16) > 0) return null;
  // An open book: two pages tilted up from a spine, each a rounded box sheared a little.
  const bookY = y + Math.abs(x - 0.5) * 0.18;
  const left = roundedBox(x, bookY, 0.33, 0.5, 0.15, 0.2, 0.03);
  const right = roundedBox(x, bookY, 0.67, 0.5, 0.15, 0.2, 0.03);
  if (Math.abs(x - 0.5) < 0.02 && bookY > 0.3 && bookY < 0.72) return spine;
  if (left < 0 || right < 0) return page;
  return tile;
}

/** RGBA pixels of the icon at `size`, each pixel the average of 4×4 samples. */
export function drawIcon(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const at = (py * size + px) * 4;
      if (a > 0) {
        pixels[at] = Math.round(r / a);
        pixels[at + 1] = Math.round(g / a);
        pixels[at + 2] = Math.round(b / a);
      }
      pixels[at + 3] = Math.round((255 * a) / (samples * samples));
    }
  }
  return pixels;
}

/** A PNG file of RGBA pixels (8 bits a channel, no interlace, every row unfiltered). */
export function encodePng(size, pixels) {
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (1 + size * 4) + 1, y * size * 4, (y + 1) * size * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const size of iconSizes) writeFileSync(new URL(`./${size}.png`, import.meta.url), encodePng(size, drawIcon(size)));
  console.log(`icons: ${iconSizes.join(', ')} px written`);
}
