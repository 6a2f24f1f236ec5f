/**
 * Writes the upload zip in the layout `zcli apps:package` produces: the app folder's files at the
 * top of the archive (manifest.json, translations/, assets/), nothing else. We package it ourselves
 * because zcli's package command also asks Zendesk's servers to validate, which needs an account;
 * the same rules run locally in `validate-app.ts`.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';

/** Every file under `dir`, as paths relative to it with forward slashes, sorted. */
export function filesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else found.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return found;
}

/**
 * Zips the app folder `appDir` into `zipPath`. Entries carry one fixed date so the same app gives
 * the same bytes. Returns the archived paths.
 */
export function packageApp(appDir: string, zipPath: string): string[] {
  const files = filesUnder(appDir);
  const entries: Zippable = {};
  const fixedDate = new Date('2020-01-01T00:00:00Z');
  for (const file of files) entries[file] = [readFileSync(join(appDir, file)), { mtime: fixedDate, level: 9 }];
  writeFileSync(zipPath, zipSync(entries));
  return files;
}
