import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../components/i18n';
import { formatAverage, starGlyphs } from '../../components/star-rating';
import { renderEmail } from '../../emails';
import { americanOrderData, koreanOrderData } from '../../emails/_samples';
import { SECRET, variant } from '../support';

const options = { unsubscribeSecret: SECRET } as const;

describe('star ratings on cross-sell cards', () => {
  it('draws five glyphs, the average rounded to whole stars', () => {
    expect(starGlyphs(4.7)).toBe('★★★★★');
    expect(starGlyphs(4.2)).toBe('★★★★☆');
    expect(starGlyphs(0)).toBe('☆☆☆☆☆');
    expect(formatAverage(4, 'en')).toBe('4.0');
  });

  it('gives the rating in words for screen readers and the plain text, in every locale', async () => {
    const words = {
      en: '4.8 out of 5, 132 reviews',
      ko: '5점 만점에 4.8점, 리뷰 132개',
      'zh-CN': '4.8 分（满分 5 分），132 条评价',
    } as const;
    for (const locale of LOCALES) {
      const { html, text } = await renderEmail('cross-sell', koreanOrderData, { ...options, locale });
      expect(text).toContain(words[locale]);
      expect(html).toContain(words[locale]);
      // The glyphs are hidden from screen readers and left out of the plain text.
      expect(html).toMatch(/<span aria-hidden="true" data-skip-in-text="true"[^>]*>★★★★★<\/span>/);
      expect(text).not.toContain('★');
    }
  });

  it('says "1 review" in the singular', async () => {
    const one = variant(americanOrderData, (doc) => {
      doc.recommendations[0]!.rating = { average: 5, count: 1 };
    });
    expect((await renderEmail('cross-sell', one, options)).text).toContain('5.0 out of 5, 1 review');
  });

  it('shows no stars for a product without a rating', async () => {
    const { html, text } = await renderEmail('cross-sell', koreanOrderData, { ...options, locale: 'en' });
    const whisk = text.slice(text.indexOf('대나무 차선'));
    expect(whisk.split('\n\n')[1]).toMatch(/^₩/);
    expect(html.match(/aria-hidden="true" data-skip-in-text="true"/g)).toHaveLength(2);
    const none = variant(koreanOrderData, (doc) => {
      for (const r of doc.recommendations) r.rating = undefined;
    });
    const plain = await renderEmail('cross-sell', none, options);
    expect(plain.html).not.toContain('★');
    expect(plain.text).not.toMatch(/out of 5|만점/);
  });

  it('refuses an average outside 0–5 and a fractional count', async () => {
    const bad = variant(koreanOrderData, (doc) => {
      doc.recommendations[0]!.rating = { average: 7, count: 1.5 };
    });
    const error = await renderEmail('cross-sell', bad, options).catch((e: unknown) => e);
    expect(String(error)).toContain('recommendations[0].rating.average: expected a number from 0 to 5');
    expect(String(error)).toContain('recommendations[0].rating.count: expected a whole number of reviews');
  });
});
