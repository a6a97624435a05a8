/**
 * WebKit (Debian's `webkit2gtk-driver`) through W3C WebDriver, spoken over fetch. WebKitGTK has no
 * headless mode: its driver starts MiniBrowser under a virtual X display (`xvfb-run`). MiniBrowser keeps a
 * toolbar, so its window cannot be narrower than about 450px; the gate lays emails out in an iframe of the
 * exact width instead (quality/layout.ts), which is a viewport of its own for media queries too.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from '../free-port';
import { type Engine, EngineMissing, type EngineWindow, requireBinary } from './engine';

export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
export const XVFB_RUN_PATH = '/usr/bin/xvfb-run';
const MINIBROWSER_PATHS = [
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.0/MiniBrowser',
];

/** Tall enough for a whole email in one window: WebDriver's element screenshots stop at the window's edge. */
const SCREEN = '-screen 0 1280x12000x24';

type WebDriverValue = { value: unknown };

class WebDriverError extends Error {}

export async function launchWebKit(driverPath = WEBKIT_DRIVER_PATH): Promise<Engine> {
  requireBinary('webkit', driverPath, 'webkit2gtk-driver');
  requireBinary('webkit', XVFB_RUN_PATH, 'xvfb');
  const miniBrowser = MINIBROWSER_PATHS.find((path) => existsSync(path));
  if (!miniBrowser) throw new EngineMissing('webkit', MINIBROWSER_PATHS[0] as string, 'webkit2gtk-driver');
  const port = await freePort();
  // Its own process group, so closing ends xvfb-run, Xvfb, the driver and MiniBrowser together.
  const child: ChildProcess = spawn(XVFB_RUN_PATH, ['-a', '-s', SCREEN, driverPath, `--port=${port}`], {
    detached: true,
    stdio: 'ignore',
  });
  const stop = () => {
    try {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  const base = `http://127.0.0.1:${port}`;
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as WebDriverValue;
    if (!response.ok) {
      const value = json.value as { error?: string; message?: string } | undefined;
      throw new WebDriverError(`WebKit: ${value?.error ?? response.status}: ${value?.message ?? ''}`);
    }
    return json.value;
  };
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        await call('GET', '/status');
        break;
      } catch (error) {
        if (Date.now() > deadline)
          throw new Error(`WebKitWebDriver did not answer on port ${port}: ${error}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const created = (await call('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          pageLoadStrategy: 'normal',
          'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation'] },
        },
      },
    })) as { sessionId: string; capabilities: { browserVersion?: string } };
    const session = `/session/${created.sessionId}`;
    let open = false;
    const openWindow = async (): Promise<EngineWindow> => {
      if (open) throw new Error('WebKit drives one window at a time');
      open = true;
      return {
        resize: async (width, height) =>
          void (await call('POST', `${session}/window/rect`, { width, height })),
        goto: async (url) => void (await call('POST', `${session}/url`, { url })),
        evaluate: async <T>(expression: string) =>
          (await call('POST', `${session}/execute/sync`, { script: `return ${expression};`, args: [] })) as T,
        screenshot: async (selector) => {
          const found = (await call('POST', `${session}/element`, {
            using: 'css selector',
            value: selector,
          })) as Record<string, string>;
          const id = Object.values(found)[0];
          return Buffer.from((await call('GET', `${session}/element/${id}/screenshot`)) as string, 'base64');
        },
        close: async () => {
          open = false;
        },
      };
    };
    return {
      name: 'webkit',
      version: created.capabilities.browserVersion ?? 'unknown',
      openWindow,
      maxWindows: 1,
      close: async () => {
        await call('DELETE', session).catch(() => undefined);
        stop();
      },
    };
  } catch (error) {
    stop();
    throw error;
  }
}
