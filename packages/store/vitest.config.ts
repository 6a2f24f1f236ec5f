import { defineConfig } from 'vitest/config';

// Test files share their worker's module cache, so each worker boots PGlite (seconds of
// WebAssembly start-up) once and every test takes a fresh schema on it instead.
export default defineConfig({
  test: {
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
