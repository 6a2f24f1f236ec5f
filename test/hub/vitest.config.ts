// The hub's reliability tests: real `liaison serve` processes, kill -9, PGlite on disk and PostgreSQL.
// Run them alone: `npx vitest run --project hub` in test/.
import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'hub',
    include: ['**/*.test.ts'],
    // The tests start the built program (bin/liaison.js → dist/), so build it first.
    globalSetup: ['./build-server.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Each file starts hub processes; one file at a time on a small machine.
    fileParallelism: false,
  },
});
