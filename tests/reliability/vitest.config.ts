import { defineConfig } from 'vitest/config';

/** The reliability suite: run by `npm run test:reliability`, not by the unit test config. */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/reliability/**/*.test.ts'],
    environment: 'node',
    testTimeout: 240_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The parser files are CPU-bound: one per core.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
