// Writes the Teams app package to upload (dist/liaison-teams-<version>.zip): the manifest with the
// hub's domain and the Entra ID app registration's client id filled in, and the two icons.
// Usage: npm run package -w packages/dashboard -- --hub-domain=liaison.library.edu --client-id=<GUID>
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { teamsPackageManifest } from './teams/package-manifest.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const option = (name) => process.argv.slice(2).find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const template = JSON.parse(readFileSync(join(here, 'teams/manifest.json'), 'utf8'));
const result = teamsPackageManifest(template, { hubDomain: option('hub-domain'), clientId: option('client-id') });
if (!result.ok) {
  console.error(`teams package: ${result.error}`);
  process.exit(2);
}
const out = join(here, 'dist', `liaison-teams-${result.manifest.version}.zip`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  zipSync({
    'manifest.json': new TextEncoder().encode(`${JSON.stringify(result.manifest, null, 2)}\n`),
    'color.png': readFileSync(join(here, 'teams/color.png')),
    'outline.png': readFileSync(join(here, 'teams/outline.png')),
  }),
);
console.log(`Wrote ${out}: upload it in Teams (Apps → Manage your apps → Upload an app) or the Teams admin center.`);
