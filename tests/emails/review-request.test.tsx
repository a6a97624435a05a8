import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../components/i18n';
import { ratingUrl } from '../../components/rating-links';
import { renderEmail } from '../../emails';
import { americanOrderData, chineseOrderData, koreanOrderData } from '../../emails/_samples';
import { SECRET, variant } from '../support';

const samples = { ko: koreanOrderData, en: americanOrderData, 'zh-CN': chineseOrderData } as const;
const options = { unsubscribeSecret: SECRET } as const;
const UTM = 'utm_source=email&amp;utm_medium=post-purchase&amp;utm_campaign=review-request';

/** Every href of the rating block, in order. */
function ratingHrefs(html: string): string[] {
  const block = html.slice(html.indexOf('data-marketing="true"'));
  return [...block.matchAll(/<a href="([^"]+)"[^>]*class="pp-rating"/g)].map((m) => m[1]!);
}

describe('ratingUrl()', () => {
  it('fills every {rating}, or adds a rating parameter when there is none', () => {
    expect(ratingUrl('https://s.example/r/1?rating={rating}', 4)).toBe('https://s.example/r/1?rating=4');
    expect(ratingUrl('https://s.example/r/{rating}/x?again={rating}', 2)).toBe(
      'https://s.example/r/2/x?again=2',
    );
    expect(ratingUrl('https://s.example/r/1?score=%7Brating%7D', 5)).toBe('https://s.example/r/1?score=5');
    expect(ratingUrl('https://s.example/r/1', 3)).toBe('https://s.example/r/1?rating=3');
    expect(ratingUrl('https://s.example/r?order=9', 0)).toBe('https://s.example/r?order=9&rating=0');
    expect(ratingUrl('https://s.example/r?order=9#form', 1)).toBe(
      'https://s.example/r?order=9&rating=1#form',
    );
  });
});

describe('<ReviewRequestEmail>', () => {
  it('asks how it went, by name, in each language', async () => {
    const subjects = await Promise.all(
      LOCALES.map(
        async (locale) =>
          (await renderEmail('review-request', koreanOrderData, { ...options, locale })).subject,
      ),
    );
    expect(subjects).toEqual([
      'How did we do, 지수?',
      '(광고) 지수님, 주문은 만족스러우셨나요?',
      '【广告】지수，这次购物还满意吗？',
    ]);
  });

  it('thanks first and asks second', async () => {
    const { text } = await renderEmail('review-request', koreanOrderData, { ...options, locale: 'en' });
    const thanks = text.indexOf('Thank you again for your order');
    expect(thanks).toBeGreaterThan(-1);
    expect(thanks).toBeLessThan(text.indexOf('Would you tell us how it went?'));
    expect(text.indexOf('Would you tell us how it went?')).toBeLessThan(
      text.indexOf('How would you rate your order?'),
    );
  });

  it('gives five one-click star links, each with its rating filled in and campaign parameters', async () => {
    const { html, text } = await renderEmail('review-request', koreanOrderData, { ...options, locale: 'en' });
    expect(ratingHrefs(html)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `https://shop.example.com/review/ord_1001?rating=${n}&amp;${UTM}`),
    );
    expect(html).not.toContain('{rating}');
    expect(text).toContain(
      `1 star https://shop.example.com/review/ord_1001?rating=1&${UTM.replaceAll('&amp;', '&')}`,
    );
    expect(text).toContain('5 stars https://shop.example.com/review/ord_1001?rating=5&');
  });

  it('uses stars when the scale is not given, and adds a rating parameter to a URL without {rating}', async () => {
    const doc = variant(koreanOrderData, (d) => {
      d.review.scale = undefined;
      d.review.reviewUrl = 'https://shop.example.com/review/ord_1001';
    });
    const { html } = await renderEmail('review-request', doc, options);
    expect(ratingHrefs(html)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `https://shop.example.com/review/ord_1001?rating=${n}&amp;${UTM}`),
    );
  });

  it('gives eleven NPS links, 0 to 10, with the ends labelled in each language', async () => {
    const { html, text } = await renderEmail('review-request', americanOrderData, options);
    expect(ratingHrefs(html)).toEqual(
      Array.from(
        { length: 11 },
        (_, n) => `https://northwind.example.com/reviews/new?order=2002&amp;rating=${n}&amp;${UTM}`,
      ),
    );
    expect(text).toContain('How likely are you to recommend Northwind Supply to a friend?');
    expect(text).toContain('0 = not likely');
    expect(text).toContain('10 = very likely');
    expect(html).toContain('title="7 out of 10"');

    const ko = await renderEmail('review-request', americanOrderData, { ...options, locale: 'ko' });
    expect(ko.text).toContain('0 = 전혀 추천하지 않음');
    expect(ko.text).toContain('10 = 적극 추천함');
    const zh = await renderEmail('review-request', americanOrderData, { ...options, locale: 'zh-CN' });
    expect(zh.text).toContain('0 = 完全不可能');
    expect(zh.text).toContain('10 = 非常可能');
  });

  it('links each item that has its own review page, and only those', async () => {
    const { html, text } = await renderEmail('review-request', americanOrderData, options);
    expect(text).toContain('Review what you bought');
    expect(html).toContain(`href="https://northwind.example.com/p/bottle/review?${UTM}"`);
    expect(html).toContain(`href="https://northwind.example.com/p/daypack/review?${UTM}"`);
    expect(text).not.toContain('Merino hiking socks');

    const none = variant(americanOrderData, (doc) => {
      for (const item of doc.order.items) item.reviewUrl = undefined;
    });
    expect((await renderEmail('review-request', none, options)).text).not.toContain('Review what you bought');
  });

  it('offers the survey only when there is one', async () => {
    const { html } = await renderEmail('review-request', americanOrderData, options);
    expect(html).toContain('href="https://forms.example.org/northwind-survey"');
    const zh = await renderEmail('review-request', chineseOrderData, options);
    expect(zh.text).not.toContain('问卷');
  });

  it('offers nothing in return for a review', async () => {
    for (const locale of LOCALES) {
      const { text } = await renderEmail('review-request', samples[locale], { ...options, locale });
      expect(text).not.toMatch(
        /coupon|discount|reward|credit|points|% off|free|쿠폰|할인|적립|포인트|优惠|奖励|积分|返现/i,
      );
    }
  });

  it('carries a visible unsubscribe link, the postal address and the List-Unsubscribe headers', async () => {
    const { html, text, headers, kind } = await renderEmail('review-request', chineseOrderData, options);
    expect(kind).toBe('marketing');
    expect(html).toMatch(
      /<a href="https:\/\/shop\.example\.cn\/unsubscribe\/[\w-]+\?e=wang\.wei%40example\.cn" data-unsubscribe="true"/,
    );
    expect(text).toContain('上海市静安区南京西路 1266 号 200040');
    expect(headers['List-Unsubscribe']).toMatch(
      /^<https:\/\/shop\.example\.cn\/unsubscribe\/[\w-]+\?e=wang\.wei%40example\.cn>$/,
    );
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('refuses a document without review, naming the part', async () => {
    const without = variant(koreanOrderData, (doc) => {
      (doc as { review?: unknown }).review = undefined;
    });
    await expect(renderEmail('review-request', without, options)).rejects.toThrow(
      /review: required by the review-request template/,
    );
  });

  it.each(LOCALES)('matches the approved rendering in %s', async (locale) => {
    const { html, text } = await renderEmail('review-request', samples[locale], { ...options, locale });
    await expect(html).toMatchFileSnapshot(`./__snapshots__/review-request.${locale}.html`);
    await expect(text).toMatchFileSnapshot(`./__snapshots__/review-request.${locale}.txt`);
  });
});

describe('no review gating', () => {
  /** A rating link with the score taken out: where the reader lands, whatever they answered. */
  function destination(href: string, score: number): string {
    const url = new URL(href.replaceAll('&amp;', '&'));
    for (const [key, value] of [...url.searchParams])
      if (value === String(score)) url.searchParams.delete(key);
    url.pathname = url.pathname
      .split('/')
      .map((segment) => (segment === String(score) ? '{score}' : segment))
      .join('/');
    return url.toString();
  }

  it.each([
    ['stars', 1, 5, 'https://shop.example.com/review/ord_1001?rating={rating}'],
    ['stars', 1, 5, 'https://shop.example.com/review/ord_1001'],
    ['nps', 0, 10, 'https://shop.example.com/review/ord_1001?rating={rating}'],
    ['nps', 0, 10, 'https://shop.example.com/review/{rating}/ord_1001'],
  ] as const)(
    '%s: scores %i and %i lead to the same review page apart from the rating (%s)',
    async (scale, low, high, reviewUrl) => {
      const doc = variant(koreanOrderData, (d) => Object.assign(d.review, { scale, reviewUrl }));
      for (const locale of LOCALES) {
        const hrefs = ratingHrefs((await renderEmail('review-request', doc, { ...options, locale })).html);
        const ratings = scale === 'nps' ? 11 : 5;
        expect(hrefs).toHaveLength(ratings);
        const first = scale === 'nps' ? 0 : 1;
        const lowHref = hrefs[low - first] as string;
        const highHref = hrefs[high - first] as string;
        expect(lowHref).not.toBe(highHref);
        expect(destination(lowHref, low)).toBe(destination(highHref, high));
        // Every score, not only the ends: one destination for all.
        expect(new Set(hrefs.map((href, i) => destination(href, i + first))).size).toBe(1);
      }
    },
  );
});

describe('<ReviewRequestEmail> with shop.feedbackUrl', () => {
  const doc = {
    ...koreanOrderData,
    shop: { ...koreanOrderData.shop, feedbackUrl: 'https://hooks.example.com/feedback' },
  };

  it('signs each rating link for the step and score when the email is a stored step', async () => {
    const { feedbackToken } = await import('../../core/links');
    const { html } = await renderEmail('review-request', doc, {
      ...options,
      feedbackStep: 'pp/ord_1001/d14',
    });
    const hrefs = ratingHrefs(html).map((h) => new URL(h.replaceAll('&amp;', '&')));
    expect(hrefs.map((u) => `${u.origin}${u.pathname}`)).toEqual(
      Array(5).fill('https://hooks.example.com/feedback'),
    );
    expect(hrefs.map((u) => u.searchParams.get('r'))).toEqual(['1', '2', '3', '4', '5']);
    for (const u of hrefs) {
      expect(u.searchParams.get('s')).toBe('pp/ord_1001/d14');
      expect(u.searchParams.get('t')).toBe(
        feedbackToken('pp/ord_1001/d14', Number(u.searchParams.get('r')), SECRET),
      );
    }
  });

  it('links to the review page itself in a preview (no step to sign for)', async () => {
    const { html } = await renderEmail('review-request', doc, options);
    expect(ratingHrefs(html)[0]).toContain(
      ratingUrl(koreanOrderData.review.reviewUrl, 1).replaceAll('&', '&amp;'),
    );
  });
});
