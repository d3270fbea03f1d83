import { defineConfig } from 'vitest/config';

/**
 * Browser journeys against a real Vigie server (the web app's pure unit tests run with the
 * root configuration). Files run one after another: each journey starts its own server and
 * browser on a shared 2-core machine.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
