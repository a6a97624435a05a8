/**
 * Firefox (Debian's `firefox-esr`) through WebDriver BiDi: puppeteer-core launches it by path and speaks
 * BiDi to it; no CDP, no downloaded browser.
 */
import puppeteer from 'puppeteer-core';
import { type Engine, type EngineWindow, requireBinary } from './engine';

export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

export async function launchFirefox(path = FIREFOX_PATH): Promise<Engine> {
  requireBinary('firefox', path, 'firefox-esr');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: path,
    headless: true,
    // Nothing a closed network would make wait: no updates, no telemetry, no captive-portal probe.
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
    },
  });
  const openWindow = async (): Promise<EngineWindow> => {
    const page = await browser.newPage();
    return {
      resize: (width, height) => page.setViewport({ width, height }),
      goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
      evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
      screenshot: async (selector) => {
        const element = await page.$(selector);
        if (!element) throw new Error(`nothing matches ${selector}`);
        return Buffer.from(await element.screenshot({ type: 'png' }));
      },
      close: () => page.close(),
    };
  };
  return {
    name: 'firefox',
    version: await browser.version(),
    openWindow,
    maxWindows: 2,
    close: () => browser.close(),
  };
}
