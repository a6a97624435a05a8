import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../components/i18n';
import {
  type RenderedEmail,
  renderEmail,
  TEMPLATE_IDS,
  templates,
  UnsubscribeSecretMissing,
} from '../../emails';
import { americanOrderData, chineseOrderData, koreanOrderData } from '../../emails/_samples';
import { manyItems, SECRET, tags } from '../support';

/** What every template × locale must satisfy, whichever templates the registry holds. */
const cases = TEMPLATE_IDS.flatMap((id) => LOCALES.map((locale) => [id, locale] as const));
const samples = { ko: koreanOrderData, en: americanOrderData, 'zh-CN': chineseOrderData } as const;
const PROMOTIONAL =
  /coupon|promo code|% off|recommend|you might also like|refer a friend|쿠폰|할인 코드|추천|优惠券|折扣码|推荐/i;

describe.each(cases)('%s in %s', (id, locale) => {
  let email: RenderedEmail;
  const get = async () => {
    email ??= await renderEmail(id, samples[locale], { locale, unsubscribeSecret: SECRET });
    return email;
  };

  it('declares its language on <html> and <body>', async () => {
    const { html } = await get();
    expect(tags(html, 'html')[0]).toContain(`lang="${locale}"`);
    expect(tags(html, 'body')[0]).toContain(`lang="${locale}"`);
  });

  it('gives every image alt text, a width and a height, from an https URL', async () => {
    const images = tags((await get()).html, 'img');
    expect(images.length).toBeGreaterThan(0);
    for (const img of images) {
      expect(img).toMatch(/\salt="[^"]+"/);
      expect(img).toMatch(/\swidth="\d+"/);
      expect(img).toMatch(/\sheight="\d+"/);
      expect(img).toMatch(/\ssrc="https:\/\//);
    }
  });

  it('has a subject, a preheader and a readable plain-text part', async () => {
    const { subject, preview, text, html } = await get();
    expect(subject.trim().length).toBeGreaterThan(3);
    expect(preview.trim().length).toBeGreaterThan(10);
    expect(html).toContain(preview.replace(/&/g, '&amp;').replace(/'/g, '&#x27;').slice(0, 20));
    expect(text).not.toMatch(/<\/?[a-z][^>]*>/i);
    expect(text).not.toContain('&amp;');
    expect(text).toContain(samples[locale].shop.supportEmail);
    // Real sentences, not an image wall (SpamAssassin's image-ratio rules).
    expect(text.replace(/https?:\/\/\S+/g, '').replace(/\s+/g, ' ').length).toBeGreaterThan(200);
  });

  it('titles the document with its subject, once (SpamAssassin HTML_TITLE_SUBJ_DIFF), and keeps the preheader out of it', async () => {
    const { subject, preview, html } = await get();
    const titles = [...html.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);
    const escaped = subject
      .replace(/&/g, '&amp;')
      .replace(/'/g, '&#x27;')
      .replace(/"/g, '&quot;')
      .replace(/</g, '&lt;');
    expect(titles).toEqual([escaped]);
    if (preview !== subject)
      expect(titles[0]).not.toContain(preview.replace(/&/g, '&amp;').replace(/'/g, '&#x27;'));
  });

  it('stays under Gmail’s 102 KB clip, even for a 60-item order', async () => {
    const big = await renderEmail(id, manyItems(60, samples[locale]), { locale, unsubscribeSecret: SECRET });
    expect(Buffer.byteLength(big.html)).toBeLessThan(102 * 1024);
  });

  it('keeps transactional mail free of marketing, and gives marketing mail its unsubscribe link, address and headers', async () => {
    const { html, text, headers, kind } = await get();
    const shop = samples[locale].shop;
    expect(kind).toBe(templates[id].kind);
    if (kind === 'transactional') {
      expect(headers).toEqual({});
      expect(html).not.toContain('data-marketing');
      expect(html).not.toContain('data-unsubscribe');
      expect(html).not.toContain('/unsubscribe');
      expect(text).not.toMatch(PROMOTIONAL);
    } else {
      const unsubscribe = html
        .match(/<a href="([^"]+)" data-unsubscribe="true"/)?.[1]
        ?.replace(/&amp;/g, '&');
      expect(unsubscribe).toBeDefined();
      expect(unsubscribe).toMatch(/^https:\/\//);
      expect(unsubscribe).not.toContain('{token}');
      expect(unsubscribe).not.toContain('utm_');
      expect(headers['List-Unsubscribe']).toContain(`<${unsubscribe}>`);
      expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      expect(text).toContain(shop.address);
    }
  });
});

describe('the registry', () => {
  it('lists each template with its kind, required parts and sending note', () => {
    for (const id of TEMPLATE_IDS) {
      const t = templates[id];
      expect(t.id).toBe(id);
      expect(['transactional', 'marketing']).toContain(t.kind);
      expect(t.sent.length).toBeGreaterThan(10);
      expect(typeof t.component).toBe('function');
    }
  });

  it('refuses bad options with the option named: a recipient that is not an address, a locale, a renderer', async () => {
    const options = { unsubscribeSecret: SECRET };
    await expect(
      renderEmail('cross-sell', koreanOrderData, { ...options, recipient: 'not an email' }),
    ).rejects.toThrow('invalid options:\n  recipient: expected an email address');
    await expect(
      renderEmail('cross-sell', koreanOrderData, { ...options, locale: 'fr' as never }),
    ).rejects.toThrow('invalid options:\n  locale: expected one of en, ko, zh-CN');
    const signed = await renderEmail('cross-sell', koreanOrderData, {
      ...options,
      recipient: 'me@hanok.example',
    });
    expect(signed.headers['List-Unsubscribe']).toContain(encodeURIComponent('me@hanok.example'));
  });

  it('refuses a marketing render that needs a token but has no secret, naming the option (not a variable the library never reads)', async () => {
    const marketing = TEMPLATE_IDS.filter((id) => templates[id].kind === 'marketing');
    for (const id of marketing) {
      const error = await renderEmail(id, koreanOrderData).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsubscribeSecretMissing);
      expect((error as Error).message).toContain('unsubscribeSecret option');
      expect((error as Error).message).not.toContain('UNSUBSCRIBE_SECRET');
    }
  });
});
