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
// A finished command exits, even when a library still holds a timer open (Slack's Web API client
// retrying an unreachable Slack, say); the timer does not itself keep the process alive.
setTimeout(() => process.exit(), 2_000).unref();
