import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // One file at a time: the crash harness and the Chromium scenarios each want both cores, and
    // run side by side on a 2-core machine they starve each other into time-outs.
    fileParallelism: false,
  },
});
