import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['web/e2e/**/*.e2e.ts'],
    globalSetup: ['web/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits on a condition; a page on a busy two-core machine can take seconds, not vitest's default 1 s.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    // One Chromium at a time on two cores; each file starts its own server and database.
    fileParallelism: false,
    reporters: ['default', './src/test/summary-reporter.ts'],
  },
});
