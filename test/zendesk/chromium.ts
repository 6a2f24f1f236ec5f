// Chromium for the sidebar tests: Debian's package, driven by playwright-core, offline flags.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const examplePolicy = join(repositoryRoot, 'examples', 'liaison.config.yaml');

/** Launches the machine's Chromium (`apt-get install chromium`), with `extraArgs` after the offline flags. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/** Builds the sidebar (dist/app and the harness) exactly as `npm run build` does. */
export function buildZendeskApp(): void {
  execFileSync(process.execPath, ['build.mjs'], { cwd: join(repositoryRoot, 'packages', 'zendesk-app'), stdio: 'pipe' });
}
