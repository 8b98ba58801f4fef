import { defineConfig } from 'vitest/config';

/** The reliability suite: run by `npm run test:reliability`, not by the unit test config. */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/reliability/**/*.test.ts'],
    environment: 'node',
    // The fuzz tests are bounded by input count, with a per-input hang limit (parser-suite.ts); this
    // limit only catches a test stuck outside a parse. A busy 2-core machine must not fail a correct run.
    testTimeout: 45 * 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The parser files are CPU-bound: one per core.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
