/**
 * Waits for what a running server or worker does in its own time: polls `condition` until it holds, and past the
 * deadline fails naming what did not happen, with the tail of the server's log when there is one.
 */
export async function until(
  what: string,
  condition: () => boolean | Promise<boolean>,
  options: Readonly<{ timeoutMs?: number; intervalMs?: number; log?: () => string }> = {},
): Promise<void> {
  const { timeoutMs = 20_000, intervalMs = 100, log } = options;
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end)
      throw new Error(`${what}: not reached within ${timeoutMs} ms${log ? `\n${log().slice(-3000)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
