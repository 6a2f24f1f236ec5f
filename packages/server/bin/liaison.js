#!/usr/bin/env node
// The `liaison` command. The program itself is compiled to dist/ by `npm run build`
// (which `npm ci` runs through the root `prepare` script); say so plainly if it is missing.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('liaison is not built yet. Run `npm run build` at the repository root (npm start does it for you).');
  process.exit(1);
}
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));
