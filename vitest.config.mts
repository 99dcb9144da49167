import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const ALL = ['lib/**/*.test.ts', 'app/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts', 'observability/**/*.test.ts'];
/**
 * Tests that stop, freeze or restart their own redis-server and assert on timeouts: they run
 * after the rest, one file at a time, so a busy neighbour cannot push them past a deadline.
 */
const FAULTS = [
  'app/api/redis-faults.test.ts',
  'app/api/redis-startup.test.ts',
  'app/api/secrets.test.ts',
  'lib/cache/resilience.test.ts',
  'lib/core/command-deadline.test.ts',
  'lib/cache/near/near-cache.test.ts',
  'lib/cache/near/near-strategy.test.ts',
  'lib/cache/near/cluster-near.test.ts',
  'lib/cache/near/cluster-near-failover.test.ts',
  'lib/cache/cluster.test.ts',
  'lib/cache/cluster-failover.test.ts',
  'lib/cache/cluster-url.test.ts',
  'lib/features/classroom/cluster.test.ts',
  'lib/http/rate-limit.test.ts',
  // labs: pause, kill and restart their own lab redis-server; eviction runs measure hit ratios at full speed.
  'app/api/labs/labs.test.ts',
  'lib/features/labs/eviction.test.ts',
  'lib/features/keylife/keylife.test.ts',
  'lib/features/keylife/cluster.test.ts',
  // /api/metrics with its own redis-server stopped
  'lib/server/prometheus-outage.test.ts',
];

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
    setupFiles: ['lib/testing/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: files in parallel beyond that only add noise to Redis-timing-sensitive tests.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'integration', include: ALL, exclude: FAULTS } },
      { extends: true, test: { name: 'faults', include: FAULTS, fileParallelism: false } },
    ],
  },
});
