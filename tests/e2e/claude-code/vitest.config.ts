/**
 * The real-Claude-Code suite (`npm run test:claude-code`). Not part of `npm test`: it needs the
 * pinned client from the cache folder (scripts/claude-code.mjs installs it) and a network
 * namespace with only loopback, which that script makes before starting vitest inside it.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/claude-code/**/*.test.ts'],
    environment: 'node',
    // One client at a time: each test drives a real terminal session, and the machine's cores are few.
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 180_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
