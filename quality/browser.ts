/**
 * Headless Chromium for the checks that need layout (accessibility, screenshots): Debian's `chromium`
 * package driven by playwright-core, which downloads nothing. Every network request is refused, so an
 * email under test can neither fetch a tracking pixel nor reach a real shop.
 */
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

export { CHROMIUM_PATH } from './chromium';

export class BrowserMissing extends Error {
  constructor(path: string) {
    super(
      `Chromium not found at ${path}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH; ` +
        'the accessibility checks and screenshots need it',
    );
    this.name = 'BrowserMissing';
  }
}

export function browserAvailable(path = CHROMIUM_PATH): boolean {
  return existsSync(path);
}

export async function launchBrowser(path = CHROMIUM_PATH): Promise<Browser> {
  if (!browserAvailable(path)) throw new BrowserMissing(path);
  return chromium.launch({
    executablePath: path,
    args: [...CHROMIUM_ARGS],
  });
}

/** A context whose every request is aborted: the email's images show their alt text, as with images off. */
export async function offlineContext(browser: Browser, width: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: true });
  await context.route('**/*', (route) => route.abort());
  return context;
}
