import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // Route handlers and lib modules guard themselves with `server-only`; tests are server code too.
      'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
    },
  },
  test: {
    environment: 'node',
    include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'components/**/*.test.ts'],
    setupFiles: ['lib/testing/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: files in parallel beyond that only add noise to Redis-timing-sensitive tests.
    maxWorkers: 2,
  },
});
