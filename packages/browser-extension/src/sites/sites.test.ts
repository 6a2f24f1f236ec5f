// The conventions of site adapters, checked: every adapter has its own file, a test file and
// fixture pages, and each fixture stands for a URL the adapter includes and yields requests.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixturePages, loadFixture } from './fixture.js';
import { sites } from './index.js';
import { isIncluded, siteIds } from './site.js';

const folder = dirname(fileURLToPath(import.meta.url));

describe('site adapters', () => {
  it('registers exactly one adapter per known system', () => {
    expect(sites.map((site) => site.id).sort()).toEqual([...siteIds].sort());
  });

  for (const site of sites) {
    describe(site.name, () => {
      it('has its own file and test file', () => {
        expect(existsSync(join(folder, `${site.id}.ts`)), `add src/sites/${site.id}.ts`).toBe(true);
        expect(existsSync(join(folder, `${site.id}.test.ts`)), `add src/sites/${site.id}.test.ts`).toBe(true);
      });

      it('has a list page and a request page among its fixtures', () => {
        expect(fixturePages(site.id).length, `add pages under src/sites/fixtures/${site.id}/`).toBeGreaterThanOrEqual(2);
      });

      for (const page of fixturePages(site.id)) {
        it(`fixture ${page.name}: its URL is included, it yields requests, and no other adapter claims it`, async () => {
          const url = new URL(page.url, 'https://library.example.edu');
          expect(isIncluded(site, url)).toBe(true);
          for (const other of sites) if (other !== site) expect(isIncluded(other, url), other.id).toBe(false);
          const found = site.findRequests(await loadFixture(site.id, page.name));
          expect(found.length).toBeGreaterThan(0);
          for (const item of found) expect(item.request.TransactionNumber).toMatch(/\S/);
        });
      }
    });
  }
});
