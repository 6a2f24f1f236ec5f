/**
 * Fixture pages of the site adapters: where they are, the URL each stands for (its
 * `<meta name="liaison-fixture-url">`), and — for tests in Node — loading one into a
 * happy-dom window with its scripts run, so late-drawn rows are there as in a browser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Site } from './site.js';

/** A fixture folder: a built-in system's, or "taught" (pages staff teach on the options page). */
type FixtureSite = Site['id'];

export const fixturesFolder = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export interface FixturePage {
  site: FixtureSite;
  name: string;
  file: string;
  /** Path, query (and hash) the page stands for, e.g. "/tipasa/requests/331000101". */
  url: string;
  html: string;
}

/** Every fixture page of a site, or of all sites. */
export function fixturePages(site?: FixtureSite): FixturePage[] {
  const folders = site ? [site] : readdirSync(fixturesFolder);
  const pages: FixturePage[] = [];
  for (const folder of folders) {
    let names: string[];
    try {
      names = readdirSync(join(fixturesFolder, folder)).filter((name) => name.endsWith('.html'));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const file = join(fixturesFolder, folder, name);
      const html = readFileSync(file, 'utf8');
      const url = /<meta name="liaison-fixture-url" content="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
      if (!url) throw new Error(`${file}: add <meta name="liaison-fixture-url" content="/path/the/page/stands/for">`);
      pages.push({ site: folder as FixtureSite, name: name.replace(/\.html$/, ''), file, url, html });
    }
  }
  return pages;
}

/** Loads a fixture page into a happy-dom window, runs its scripts and timers, and returns its document. */
export async function loadFixture(site: FixtureSite, name: string): Promise<Document> {
  const { Window } = await import('happy-dom');
  const page = fixturePages(site).find((candidate) => candidate.name === name);
  if (!page) throw new Error(`no fixture ${site}/${name}`);
  const window = new Window({ url: `https://library.example.edu${page.url}`, settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true } });
  window.document.write(page.html);
  await window.happyDOM.waitUntilComplete();
  return window.document as unknown as Document;
}
