import type { StorybookConfig } from '@storybook/react-vite';

/**
 * Storybook for designers: every template in every state, locale, theme and width.
 *
 * - Docs use Storybook's default `react-docgen`: `react-docgen-typescript` needs TypeScript's
 *   JavaScript compiler API, which TypeScript 7 (the native port) does not have.
 * - `@storybook/addon-vitest` is used through its Vitest plugin (`vitest.storybook.config.ts`,
 *   `npm run test:storybook`), not registered here: its in-UI test runner only finds a
 *   `vitest.config.*` that loads the plugin, and ours must stay browser-free for `npm test`.
 */
const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  // The sample documents' pictures, drawn by stories/sample-image-art.ts (npx tsx scripts/make-sample-images.ts); the frame maps their
  // https URLs here so previews never show broken images offline.
  staticDirs: [{ from: '../stories/assets/images', to: '/sample-images' }],
  typescript: { reactDocgen: 'react-docgen' },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
};

export default config;
