import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unsubscribeHeaders, unsubscribeToken, unsubscribeUrl, withCampaign } from '../../core/links';

const shop = { url: 'https://shop.example.com' };

describe('withCampaign', () => {
  it('tags links into the shop', () => {
    expect(withCampaign('https://shop.example.com/p/tea', shop, 'cross-sell')).toBe(
      'https://shop.example.com/p/tea?utm_source=email&utm_medium=post-purchase&utm_campaign=cross-sell',
    );
    expect(withCampaign('https://shop.example.com/p?a=1#top', shop, 'x')).toBe(
      'https://shop.example.com/p?a=1&utm_source=email&utm_medium=post-purchase&utm_campaign=x#top',
    );
  });
  it('keeps a link that already has its own utm_*', () => {
    expect(withCampaign('https://shop.example.com/p?utm_source=ig', shop, 'x')).toBe(
      'https://shop.example.com/p?utm_source=ig',
    );
  });
  it('leaves other hosts, mailto: and shop.utm=false alone', () => {
    expect(withCampaign('https://tracker.example.com/1', shop, 'x')).toBe('https://tracker.example.com/1');
    expect(withCampaign('mailto:a@b.c', shop, 'x')).toBe('mailto:a@b.c');
    expect(withCampaign('https://shop.example.com/p', { ...shop, utm: false }, 'x')).toBe(
      'https://shop.example.com/p',
    );
  });
  it('keeps placeholders intact', () => {
    expect(withCampaign('https://shop.example.com/r?rating={rating}', shop, 'x')).toContain(
      'rating={rating}&utm_source',
    );
  });
});

describe('unsubscribe', () => {
  it('signs the recipient address with HMAC-SHA256, base64url', () => {
    const expected = createHmac('sha256', 's3cret').update('jisoo@example.com').digest('base64url');
    expect(unsubscribeToken('jisoo@example.com', 's3cret')).toBe(expected);
  });
  it('fills {email} URL-encoded and {token} for the address the email goes to', () => {
    const url = unsubscribeUrl('https://shop.example.com/u?e={email}&t={token}', 'me+test@example.com', 'k');
    const token = createHmac('sha256', 'k').update('me+test@example.com').digest('base64url');
    expect(url).toBe(`https://shop.example.com/u?e=me%2Btest%40example.com&t=${token}`);
  });
  it('refuses a {token} URL without a secret, naming the option (the library reads no environment)', () => {
    expect(() => unsubscribeUrl('https://x.example/u/{token}', 'a@b.c', undefined)).toThrow(
      /no unsubscribe secret was given: pass the unsubscribeSecret option/,
    );
    expect(unsubscribeUrl('https://x.example/u?e={email}', 'a@b.c', undefined)).toBe(
      'https://x.example/u?e=a%40b.c',
    );
  });
  it('builds RFC 8058 headers, with the mailto form when there is one', () => {
    expect(unsubscribeHeaders('https://x.example/u')).toEqual({
      'List-Unsubscribe': '<https://x.example/u>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribeHeaders('https://x.example/u', 'u@x.example')['List-Unsubscribe']).toBe(
      '<https://x.example/u>, <mailto:u@x.example?subject=unsubscribe>',
    );
  });
});
