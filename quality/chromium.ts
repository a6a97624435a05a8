/**
 * Debian's Chromium, as every browser check here launches it (the quality gate and the Storybook story tests):
 * nothing downloads a browser.
 */

/** Where Debian's package puts it; CHROMIUM_PATH overrides (e.g. another distribution's path). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Headless as root, on a machine whose network is closed: no sandbox (root), no GPU, and none of the
 * background traffic (updates, sync, QUIC probes) that would otherwise hammer refused connections.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
