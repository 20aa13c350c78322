import { defineConfig } from 'vitest/config';

// One config for every suite; scripts/test.ts chooses files and the engine (PUNTE_TEST_ENGINE).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    reporters: ['default'],
  },
});
