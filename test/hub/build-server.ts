// Builds @liaison/server and what it depends on (turbo's cache makes this quick when nothing changed).
import { execFileSync } from 'node:child_process';
import { repositoryRoot } from './hub-process.js';

export default function buildServer(): void {
  execFileSync('npx', ['turbo', 'run', 'build', '--filter=@liaison/server...', '--output-logs=errors-only'], {
    cwd: repositoryRoot,
    stdio: 'pipe',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
}
