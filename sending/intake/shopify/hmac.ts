/** Shopify signs each webhook: base64(HMAC-SHA256(raw body, the app's webhook secret)) in `X-Shopify-Hmac-Sha256`. */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header value Shopify would send for `rawBody` (tests and local tools sign with it). */
export function shopifyHmac(rawBody: string | Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/**
 * True when `header` is the signature of exactly these bytes. Compared in constant time; a missing or
 * malformed header, or an empty secret, never verifies.
 */
export function verifyShopifyHmac(
  rawBody: string | Uint8Array,
  header: string | null | undefined,
  secret: string,
): boolean {
  if (!header || !secret) return false;
  const expected = Buffer.from(shopifyHmac(rawBody, secret), 'base64');
  const given = Buffer.from(header.trim(), 'base64');
  // Buffer.from(…, 'base64') skips junk; require the header to be exactly the canonical encoding's length.
  if (given.length !== expected.length || header.trim().length !== 44) return false;
  return timingSafeEqual(given, expected);
}
