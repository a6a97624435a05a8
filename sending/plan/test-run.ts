/**
 * A test send (`send --to`, or the console's form) is its own run in the store, apart from the live order: its
 * order key is `test:<order id>:<recipient>`, so the same command twice is the same run (nothing sent twice),
 * another recipient is a fresh run, and cancelling a run stops that run alone.
 */
const PREFIX = 'test:';

/** The store's order key of the test run of `orderId` to `to` (the address lower-cased and trimmed). */
export function testRunKey(orderId: string, to: string): string {
  return `${PREFIX}${orderId}:${to.trim().toLowerCase()}`;
}

export function isTestRunKey(key: string): boolean {
  return key.startsWith(PREFIX) && key.lastIndexOf(':') > PREFIX.length;
}

/** The live order a key belongs to: the order id itself, or the order a test run copies. */
export function liveOrderOf(key: string): string {
  if (!isTestRunKey(key)) return key;
  return key.slice(PREFIX.length, key.lastIndexOf(':'));
}

/** The recipient of a test run's key (undefined for a live order). */
export function testRecipientOf(key: string): string | undefined {
  return isTestRunKey(key) ? key.slice(key.lastIndexOf(':') + 1) : undefined;
}
