// The manifest each browser gets: the icons it names are the drawn ones (not a placeholder), at their sizes and small, and a self-hosted update URL for Chrome and Edge.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { drawIcon, encodePng, iconSizes } from '../icons/draw-icons.mjs';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { manifestFor } from '../manifest.mjs';

const iconFile = (size: number) => readFileSync(new URL(`../icons/${size}.png`, import.meta.url));

describe('manifest', () => {
  it('carries the update URL of a self-hosted install for Chrome and Edge only (Firefox takes updates from the signed add-on)', () => {
    const updateUrl = 'https://ill.library.edu/liaison/updates.xml';
    expect(manifestFor('chrome', { updateUrl }).update_url).toBe(updateUrl);
    expect(manifestFor('chrome').update_url).toBeUndefined();
    expect(manifestFor('firefox', { updateUrl }).update_url).toBeUndefined();
  });
});

describe('icons', () => {
  it('every icon the manifest names, for each browser, is a committed PNG of that size', () => {
    for (const browser of ['chrome', 'firefox']) {
      const manifest = manifestFor(browser) as { icons: Record<string, string>; action: { default_icon: Record<string, string> } };
      for (const [size, path] of [...Object.entries(manifest.icons), ...Object.entries(manifest.action.default_icon)]) {
        expect(path).toBe(`icons/${size}.png`);
        const png = iconFile(Number(size));
        expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(size), Number(size)]);
      }
    }
  });

  it.each(iconSizes as number[])('the %i px PNG is what icons/draw-icons.mjs draws, and under 4 KB', (size) => {
    const committed = iconFile(size);
    expect(committed.equals(encodePng(size, drawIcon(size)) as Buffer), 'run node icons/draw-icons.mjs and commit the PNGs').toBe(true);
    expect(committed.length).toBeLessThan(4096);
  });

  it('is a drawing, not a flat square: transparent corners, an opaque middle, and several colours', () => {
    const size = 48;
    const pixels = drawIcon(size) as Buffer;
    const alphaAt = (x: number, y: number) => pixels[(y * size + x) * 4 + 3];
    expect(alphaAt(0, 0)).toBe(0);
    expect(alphaAt(size / 2, size / 2)).toBe(255);
    const colours = new Set<string>();
    for (let at = 0; at < pixels.length; at += 4) if (pixels[at + 3] === 255) colours.add(pixels.subarray(at, at + 3).toString('hex'));
    expect(colours.size).toBeGreaterThanOrEqual(4);
  });
});
