import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../components/i18n';
import { consumables, shortestLifespan } from '../../core/fulfilment';
import { renderEmail } from '../../emails';
import { americanOrderData, chineseOrderData, koreanOrderData } from '../../emails/_samples';
import { SECRET, variant } from '../support';

const options = { unsubscribeSecret: SECRET } as const;
const UTM = 'utm_source=email&amp;utm_medium=post-purchase&amp;utm_campaign=replenishment';

/** The Korean sample with a second consumable that runs out sooner than the tea. */
const twoConsumables = variant(koreanOrderData, (doc) => {
  const [tea, pot] = doc.order.items;
  if (!tea || !pot) throw new Error('the Korean sample has two items');
  doc.order.items = [tea, pot, { ...tea, id: 'sku-filter-05', name: 'Paper tea filters', lifespanDays: 14 }];
});

describe('consumables()', () => {
  it('lists only the items with a lifespan, shortest first', () => {
    expect(consumables(twoConsumables.order).map((item) => item.id)).toEqual(['sku-filter-05', 'sku-tea-01']);
    expect(shortestLifespan(twoConsumables.order)).toBe(14);
    expect(shortestLifespan({ items: [{ ...koreanOrderData.order.items[1]! }] })).toBeUndefined();
  });
});

describe('<ReplenishmentEmail>', () => {
  it('leads with what runs out first and links each item back into the shop with campaign parameters', async () => {
    const { subject, html, text, kind } = await renderEmail('replenishment', twoConsumables, {
      ...options,
      locale: 'en',
    });
    expect(kind).toBe('marketing');
    expect(subject).toBe('Running low on Paper tea filters?');
    expect(text.indexOf('Paper tea filters')).toBeLessThan(text.indexOf('제주 녹차 세트'));
    expect(html).toContain(`href="https://shop.example.com/p/tea?${UTM}"`);
    expect(text).toContain('Buy again');
    expect(text).toContain('Lasts about 14 days');
    // Placed 2026-11-20 in Seoul; 30 days on.
    expect(text).toContain('May run out around Sun, December 20, 2026');
    // The teapot does not run out: it is not listed.
    expect(text).not.toContain('옹기 찻주전자');
  });

  it('writes the subject and the button in every locale', async () => {
    const expected = {
      en: ['Running low on 제주 녹차 세트?', 'Buy again'],
      ko: ['(광고) 제주 녹차 세트, 곧 떨어지지 않으셨나요?', '다시 구매하기'],
      'zh-CN': ['【广告】제주 녹차 세트快用完了吗？', '再次购买'],
    } as const;
    for (const locale of LOCALES) {
      const { subject, text } = await renderEmail('replenishment', koreanOrderData, { ...options, locale });
      expect(subject).toBe(expected[locale][0]);
      expect(text).toContain(expected[locale][1]);
    }
  });

  it('refuses an order where nothing runs out, saying why', async () => {
    const durable = variant(koreanOrderData, (doc) => {
      for (const item of doc.order.items) item.lifespanDays = undefined;
    });
    await expect(renderEmail('replenishment', durable, options)).rejects.toThrow(
      /order\.items: no item has lifespanDays/,
    );
  });

  it('refuses a lifespan that is not a whole number of days', async () => {
    const bad = variant(koreanOrderData, (doc) => {
      doc.order.items[0]!.lifespanDays = 0.5;
    });
    await expect(renderEmail('replenishment', bad, options)).rejects.toThrow(
      /order\.items\[0\]\.lifespanDays: expected a whole number of days/,
    );
  });

  it.each(LOCALES)('matches the approved rendering in %s', async (locale) => {
    const sample = { en: americanOrderData, ko: koreanOrderData, 'zh-CN': chineseOrderData }[locale];
    const { html, text } = await renderEmail('replenishment', sample, { ...options, locale });
    await expect(text).toMatchFileSnapshot(`./__snapshots__/replenishment.${locale}.txt`);
    await expect(html).toMatchFileSnapshot(`./__snapshots__/replenishment.${locale}.html`);
  });
});
