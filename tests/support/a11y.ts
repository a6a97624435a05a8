/**
 * Chromium and the accessibility checker (quality/a11y.ts) for one describe block: launched before its tests,
 * closed after them. Such blocks run under `npm run test:full`, where Chromium is installed.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type A11yChecker, openA11yChecker } from '../../quality/a11y';
import { launchBrowser } from '../../quality/browser';
import type { AsyncChecker } from '../../quality/types';

export function useA11yChecker(): Readonly<{ check: AsyncChecker }> {
  let browser: Browser | undefined;
  let checker: A11yChecker | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    checker = await openA11yChecker(browser);
  }, 60_000);
  afterAll(async () => {
    await checker?.close();
    await browser?.close();
  });
  return {
    check: (email) => {
      if (!checker)
        throw new Error('the accessibility checker is not open: call useA11yChecker inside describe');
      return checker.check(email);
    },
  };
}
