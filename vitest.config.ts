import { defineConfig } from 'vitest/config';

/** `npm test`: every test, each matrix at one representative case (tests/support/matrix.ts). */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    // One module graph per worker, not per file: re-importing react-email, zod, pg-boss and PGlite for each of
    // ~50 files cost more CPU than all the tests together. Files that change the process's state undo it
    // (RESEND_BASE_URL: tests/support/databases.ts openLiveEngine; spies: restoreAllMocks).
    isolate: false,
    // Both cores: vitest's default on two is one worker (cores − 1), which ran every file one after another.
    maxWorkers: 2,
    provide: { full: false },
  },
});
