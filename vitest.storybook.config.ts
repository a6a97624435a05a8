import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './quality/chromium';

/**
 * Every story rendered in headless Chromium (`npm run test:storybook`): the story must render, its
 * `play` must pass (email stories wait for renderEmail() and the iframe), and addon-a11y's check
 * must find no violation. Kept apart from vitest.config.ts so `npm test` needs no browser.
 *
 * The browser is Debian's `chromium` package (`apt-get install -y chromium`); nothing downloads one.
 * CHROMIUM_PATH overrides where it lives.
 *
 * STORY_GLOBALS runs every story under other toolbar settings, in the URL's syntax, e.g.
 * `STORY_GLOBALS="theme:dark;width:mobile;locale:ko" npm run test:storybook` checks every email's
 * dark palette (axe's contrast rules included) on a phone in Korean.
 */
const initialGlobals = Object.fromEntries(
  (process.env.STORY_GLOBALS ?? '')
    .split(';')
    .map((pair) => pair.split(':').map((part) => part.trim()))
    .filter((pair): pair is [string, string] => pair.length === 2 && Boolean(pair[0]) && Boolean(pair[1])),
);

export default defineConfig({
  plugins: [storybookTest({ configDir: '.storybook', initialGlobals })],
  test: {
    name: 'storybook',
    // Two story files at a time: a story mostly waits (render, iframe load, axe), so two pages keep
    // both cores busy; more only queue up behind each other on a 2-core machine.
    maxWorkers: 2,
    // A story waits on Storybook's first compile and axe; on a busy 2-core machine that can pass 15 s.
    testTimeout: 60_000,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [...CHROMIUM_ARGS],
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
