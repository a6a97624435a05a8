/**
 * The three browser engines the gate lays every email out in, behind one small interface: a window of a
 * given size that loads a URL, evaluates an expression and photographs an element. Each is Debian's own
 * build, driven by its own protocol — nothing here downloads a browser.
 */
import { existsSync } from 'node:fs';
import type { EngineId } from '../types';

export const ENGINES = ['chromium', 'firefox', 'webkit'] as const;
export type EngineName = (typeof ENGINES)[number] & EngineId;

export function isEngineName(value: string): value is EngineName {
  return (ENGINES as readonly string[]).includes(value);
}

export type EngineWindow = Readonly<{
  /** Resizes the window so the page's viewport is `width` × `height` CSS pixels (or as near as the engine allows). */
  resize: (width: number, height: number) => Promise<void>;
  /** Navigates and waits for the load event (the email's iframe included). */
  goto: (url: string) => Promise<void>;
  /** Evaluates a JavaScript expression in the page; the value must be JSON. */
  evaluate: <T>(expression: string) => Promise<T>;
  /** A PNG of the element the CSS selector finds, at its full size. */
  screenshot: (selector: string) => Promise<Buffer>;
  close: () => Promise<void>;
}>;

export type Engine = Readonly<{
  name: EngineName;
  version: string;
  /** A new window; engines that drive one window only (WebKit's WebDriver) say so with `maxWindows`. */
  openWindow: () => Promise<EngineWindow>;
  maxWindows: number;
  close: () => Promise<void>;
}>;

/** The engine's binary is not installed: a warning locally, a failure under CI=true. */
export class EngineMissing extends Error {
  constructor(
    readonly engine: EngineName,
    path: string,
    debianPackage: string,
  ) {
    super(`${engine} not found at ${path}: install Debian's package (apt-get install -y ${debianPackage})`);
    this.name = 'EngineMissing';
  }
}

export function requireBinary(engine: EngineName, path: string, debianPackage: string): void {
  if (!existsSync(path)) throw new EngineMissing(engine, path, debianPackage);
}
