import { defineConfig } from 'vitest/config';

/** `npm test`: every test, each matrix at one representative case (tests/support/matrix.ts). */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    environment: 'node',
    // CLI tests spawn real processes; give them room on a 2-core machine.
    testTimeout: 30_000,
    pool: 'forks',
    provide: { full: false },
  },
});
