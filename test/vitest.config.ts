// End-to-end tests, one project per folder so each suite keeps its own setup and timeouts.
// Run one: `npx vitest run --project extension`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // The hub's reliability tests keep their own settings beside them.
      './hub/vitest.config.ts',
      {
        test: {
          name: 'ill',
          include: ['ill/**/*.test.ts'],
          // `liaison ill score` from the built @liaison/server (its worker is @liaison/ill-batch's dist/score-worker.js), so build it first.
          globalSetup: ['./hub/build-server.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'conventions',
          include: ['conventions/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'extension',
          include: ['extension/**/*.test.ts'],
          // A real Chromium per file; files one at a time on a small machine.
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'dashboard',
          include: ['dashboard/**/*.test.ts'],
          // The dashboard in Chromium against real hubs; the hub serves the dashboard's build, so build both first.
          globalSetup: ['./hub/build-server.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'status-page',
          include: ['status-page/**/*.test.ts'],
          // The patron's status page in Chromium against a real hub on loopback; the hub runs from its build.
          globalSetup: ['./hub/build-server.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'zendesk',
          include: ['zendesk/**/*.test.ts'],
          // The sidebar in Chromium against a real hub; each file builds the app and starts its own hubs.
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
