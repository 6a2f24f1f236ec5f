// Builds the Zendesk app into dist/app (the folder zcli would package), checks it against
// Zendesk's rules, and with --package writes the upload zip. Options:
//   --package              write dist/liaison-zendesk-app-<version>.zip
//   --hub-domain=HOST      add HOST to domainWhitelist (secure settings reach only listed domains);
//                          an address (https://host/) is reduced to its host, anything else refused
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const hubDomainArgument = args.find((a) => a.startsWith('--hub-domain='))?.slice('--hub-domain='.length);
const dist = join(here, 'dist');
const appOut = join(dist, 'app');

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(appOut, 'assets'), { recursive: true });

// The build-time tools and the harness run in Node.
await build({
  entryPoints: {
    'tools/validate-app': join(here, 'tools/validate-app.ts'),
    'tools/package-app': join(here, 'tools/package-app.ts'),
    'tools/hub-domain': join(here, 'tools/hub-domain.ts'),
    'harness/dev': join(here, 'harness/dev.ts'),
    'harness/index': join(here, 'harness/index.ts'),
  },
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});

// Zendesk matches domainWhitelist against hosts: an address pasted whole would never match.
let hubDomain;
if (hubDomainArgument !== undefined) {
  const { readHubDomain } = await import(pathToFileURL(join(dist, 'tools/hub-domain.mjs')).href);
  const read = readHubDomain(hubDomainArgument);
  if (!read.ok) {
    console.error(`zendesk-app: --hub-domain is not usable: ${read.reason}`);
    process.exit(1);
  }
  if (read.note) console.error(`zendesk-app: ${read.note}`);
  hubDomain = read.host;
}

// The sidebar bundle: one small script, no runtime dependencies (types from @liaison/core only).
const sidebar = await build({
  entryPoints: [join(here, 'src/main.ts')],
  outfile: join(appOut, 'assets/main.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome109', 'firefox115', 'safari16'],
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
const bundledPackages = Object.keys(sidebar.metafile.inputs).filter((input) => input.includes('node_modules'));
if (bundledPackages.length > 0) {
  console.error(`zendesk-app: the sidebar bundle must not pull in packages, but it includes:\n  ${bundledPackages.join('\n  ')}`);
  process.exit(1);
}

// The app folder: manifest, translations, page, stylesheet and logos.
const manifest = JSON.parse(readFileSync(join(here, 'app/manifest.json'), 'utf8'));
if (hubDomain) manifest.domainWhitelist = [...new Set([...(manifest.domainWhitelist ?? []), hubDomain])];
writeFileSync(join(appOut, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
cpSync(join(here, 'app/translations'), join(appOut, 'translations'), { recursive: true });
cpSync(join(here, 'app/assets'), join(appOut, 'assets'), { recursive: true });

// The harness page's own scripts run in the browser.
await build({
  entryPoints: { host: join(here, 'harness/page/host.ts'), 'zaf-sdk': join(here, 'harness/page/zaf-sdk.ts') },
  outdir: join(dist, 'harness/page'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'chrome109',
  logLevel: 'warning',
});

const { validateApp, formatAppIssue } = await import(pathToFileURL(join(dist, 'tools/validate-app.mjs')).href);
const issues = validateApp(appOut);
for (const issue of issues) console.error(`zendesk-app: ${formatAppIssue(issue)}`);
const errors = issues.filter((issue) => issue.severity === 'error');
if (errors.length > 0) {
  console.error(`zendesk-app: ${errors.length} problem(s) Zendesk would refuse the app for; fix them and build again.`);
  process.exit(1);
}

const script = readFileSync(join(appOut, 'assets/main.js'));
console.log(`zendesk-app: built dist/app (sidebar ${(script.length / 1024).toFixed(1)} KB, ${(gzipSync(script).length / 1024).toFixed(1)} KB gzip)`);

if (args.includes('--package')) {
  const { packageApp } = await import(pathToFileURL(join(dist, 'tools/package-app.mjs')).href);
  const zipPath = join(dist, `liaison-zendesk-app-${manifest.version}.zip`);
  const files = packageApp(appOut, zipPath);
  console.log(`zendesk-app: packaged ${files.length} files into ${zipPath.slice(here.length + 1)}; upload it in Admin Center > Apps and integrations > Zendesk Support apps > Upload private app`);
}
