import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Each file creates its own databases, so files may run in parallel on the 2 cores.
    pool: 'forks',
    reporters: ['default', './src/test/summary-reporter.ts'],
  },
});
