import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { Shop } from './order-document';

/**
 * Campaign parameters for links into the shop (CONTRACT.md): same host as `shop.url`,
 * `utm_*` kept when the URL already has its own, nothing added when `shop.utm` is false.
 * Unsubscribe and referral-share links never pass through here; other hosts are left alone.
 */
export function withCampaign(href: string, shop: Pick<Shop, 'url' | 'utm'>, campaign: string): string {
  if (shop.utm === false) return href;
  let url: URL;
  let shopHost: string;
  try {
    url = new URL(href);
    shopHost = new URL(shop.url).host;
  } catch {
    return href;
  }
  if (url.protocol !== 'https:' || url.host !== shopHost) return href;
  for (const key of url.searchParams.keys()) if (key.startsWith('utm_')) return href;
  const params = `utm_source=email&utm_medium=post-purchase&utm_campaign=${encodeURIComponent(campaign)}`;
  // Append to the original string rather than re-serialising the URL, so placeholders such
  // as {rating} and the author's own encoding survive untouched.
  const hashAt = href.indexOf('#');
  const base = hashAt === -1 ? href : href.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : href.slice(hashAt);
  const sep = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return `${base}${sep}${params}${hash}`;
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The last token signed: one email signs its recipient's three or four times (links and headers). */
let lastToken: Readonly<{ address: string; secret: string; token: string }> | undefined;

/** base64url(HMAC-SHA256(secret, address)): proves the link was minted for that address. */
export function unsubscribeToken(address: string, secret: string): string {
  if (lastToken?.address === address && lastToken.secret === secret) return lastToken.token;
  const enc = new TextEncoder();
  const token = base64url(hmac(sha256, enc.encode(secret), enc.encode(address)));
  lastToken = { address, secret, token };
  return token;
}

/**
 * A marketing email whose unsubscribe link needs a signed `{token}`, with no secret to sign it. The library reads
 * no environment: the message names the option; the commands add the variable they read it from.
 */
export class UnsubscribeSecretMissing extends Error {
  constructor() {
    super(
      'shop.unsubscribeUrl contains {token}, but no unsubscribe secret was given: pass the unsubscribeSecret option (renderEmail, createSequencer)',
    );
    this.name = 'UnsubscribeSecretMissing';
  }
}

/** Fills `{email}` (URL-encoded) and `{token}` in `shop.unsubscribeUrl` for the address the email goes to. */
export function unsubscribeUrl(template: string, recipient: string, secret: string | undefined): string {
  let url = template.replaceAll('{email}', encodeURIComponent(recipient));
  if (url.includes('{token}')) {
    if (!secret) throw new UnsubscribeSecretMissing();
    url = url.replaceAll('{token}', unsubscribeToken(recipient, secret));
  }
  return url;
}

/** RFC 2369 + RFC 8058 headers for one-click unsubscribe. */
export function unsubscribeHeaders(httpsUrl: string, mailto?: string): Record<string, string> {
  const parts = [`<${httpsUrl}>`];
  if (mailto) parts.push(`<mailto:${mailto}?subject=unsubscribe>`);
  return { 'List-Unsubscribe': parts.join(', '), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/**
 * The token of one rating link: base64url(HMAC-SHA256(secret, "feedback\n<step>\n<score>")). Bound to the step
 * and the score, so neither can be edited; the prefix keeps it apart from an unsubscribe token (an address never
 * holds a line break).
 */
export function feedbackToken(step: string, score: number, secret: string): string {
  const enc = new TextEncoder();
  return base64url(hmac(sha256, enc.encode(secret), enc.encode(`feedback\n${step}\n${score}`)));
}

/** `<shop.feedbackUrl>?s=<step>&r=<score>&t=<token>`: a review request's rating link when answers come back to us. */
export function feedbackLink(feedbackUrl: string, step: string, score: number, secret: string): string {
  const url = new URL(feedbackUrl);
  url.searchParams.set('s', step);
  url.searchParams.set('r', String(score));
  url.searchParams.set('t', feedbackToken(step, score, secret));
  return url.toString();
}

/**
 * The shop's public review page, the same whatever the score (no review gating): `review.reviewUrl` with its
 * `{rating}` placeholder taken out (a query parameter holding only the placeholder is dropped).
 */
export function publicReviewLink(reviewUrl: string): string {
  const placeholder = /\{rating\}|%7Brating%7D/gi;
  if (!placeholder.test(reviewUrl)) return reviewUrl;
  try {
    const url = new URL(reviewUrl.replace(placeholder, '__rating__'));
    for (const [key, value] of [...url.searchParams.entries()])
      if (value === '__rating__') url.searchParams.delete(key);
    return url.toString().replaceAll('__rating__', '');
  } catch {
    return reviewUrl.replace(placeholder, '');
  }
}
