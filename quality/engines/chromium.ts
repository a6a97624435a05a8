/** Chromium through playwright-core (Debian's `chromium`), as the accessibility checks drive it. */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { type Engine, type EngineWindow, requireBinary } from './engine';

export async function launchChromium(path = CHROMIUM_PATH): Promise<Engine> {
  requireBinary('chromium', path, 'chromium');
  const browser = await chromium.launch({ executablePath: path, args: [...CHROMIUM_ARGS] });
  const openWindow = async (): Promise<EngineWindow> => {
    const context = await browser.newContext({ viewport: { width: 600, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    return {
      resize: (width, height) => page.setViewportSize({ width, height }),
      goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
      evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
      screenshot: (selector) => page.locator(selector).screenshot({ animations: 'disabled' }),
      close: () => context.close(),
    };
  };
  return {
    name: 'chromium',
    version: browser.version(),
    openWindow,
    maxWindows: 2,
    close: () => browser.close(),
  };
}
