import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Fixture pages run their scripts in happy-dom; a 500-row page takes seconds on a busy machine.
    testTimeout: 30_000,
  },
});
