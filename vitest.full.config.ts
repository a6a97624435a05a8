import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * `npm run test:full`: the same suite with every matrix at full size — the renderer against
 * react-email over every template × locale × sample × status, the generated documents, every
 * template × locale through @react-email/components.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: { provide: { full: true }, testTimeout: 120_000 },
  }),
);
