import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../components/i18n';
import type { Recommendation } from '../../core/order-document';
import { MAX_RECOMMENDATIONS, recommendable } from '../../core/recommendable';
import { renderEmail } from '../../emails';
import { americanOrderData, chineseOrderData, koreanOrderData } from '../../emails/_samples';
import { SECRET, tags, variant } from '../support';

const samples = { ko: koreanOrderData, en: americanOrderData, 'zh-CN': chineseOrderData } as const;
const options = { unsubscribeSecret: SECRET } as const;
const UTM = 'utm_source=email&amp;utm_medium=post-purchase&amp;utm_campaign=cross-sell';

const product = (id: string, price = 1000): Recommendation => ({
  id,
  name: `Product ${id}`,
  price,
  imageUrl: `https://shop.example.com/i/${id}.jpg`,
  url: `https://shop.example.com/p/${id}`,
});

/** Everything about the tea set the Korean sample's customer just bought. */
const bought = koreanOrderData.order.items[0]!;
function expectAbsent(html: string, text: string) {
  expect(html).not.toContain(bought.name);
  expect(text).not.toContain(bought.name);
  expect(html).not.toContain(bought.imageUrl);
  expect(html).not.toContain(`href="${bought.url}?`);
}

describe('recommendable()', () => {
  it('drops what is in the order, repeats and anything past four, keeping the order', () => {
    const doc = {
      order: koreanOrderData.order,
      recommendations: [
        product('a'),
        product('sku-tea-01'),
        product('b'),
        product('a'),
        product('c'),
        product('d'),
        product('e'),
      ],
    };
    expect(recommendable(doc).map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(MAX_RECOMMENDATIONS).toBe(4);
    expect(recommendable({ order: koreanOrderData.order })).toEqual([]);
  });
});

describe('<CrossSellEmail>', () => {
  it('suggests by name, in each language', async () => {
    const subjects = await Promise.all(
      LOCALES.map(
        async (locale) => (await renderEmail('cross-sell', koreanOrderData, { ...options, locale })).subject,
      ),
    );
    expect(subjects).toEqual([
      '지수, you might also like these',
      '(광고) 지수님, 이런 상품은 어떠세요?',
      '【广告】지수，这些您可能也会喜欢',
    ]);
  });

  it('never shows an item the customer just bought', async () => {
    // The sample recommends the tea set the order already holds, among three others.
    expect(koreanOrderData.recommendations.some((p) => p.id === bought.id)).toBe(true);
    const { html, text } = await renderEmail('cross-sell', koreanOrderData, options);
    expectAbsent(html, text);
    for (const name of ['청자 찻잔', '호두나무 차판', '대나무 차선']) expect(text).toContain(name);
  });

  it('never shows it even when it is the only recommendation but one', async () => {
    const doc = variant(koreanOrderData, (d) => {
      d.recommendations = [{ ...bought, price: bought.unitPrice }, d.recommendations[0]!];
    });
    const { html, text } = await renderEmail('cross-sell', doc, options);
    expectAbsent(html, text);
    expect(text).toContain('청자 찻잔');
    expect(html.match(/class="pp-stack"/g)).toHaveLength(2); // the card and the empty half beside it
    expect(tags(html, 'img').filter((img) => img.includes('/i/cup.jpg'))).toHaveLength(1);
  });

  it('refuses, saying why, when nothing is left after filtering', async () => {
    const doc = variant(koreanOrderData, (d) => {
      d.recommendations = [{ ...bought, price: bought.unitPrice }];
    });
    await expect(renderEmail('cross-sell', doc, options)).rejects.toThrow(
      /recommendations: every recommended product is already in this order \(sku-tea-01\); nothing left to recommend/,
    );
  });

  it('shows image, name, price with the higher original struck through, and a button, linked with campaign parameters', async () => {
    const { html, text } = await renderEmail('cross-sell', koreanOrderData, { ...options, locale: 'en' });
    expect(text).toContain('₩32,000 →\u00a0₩25,000');
    // An original equal to the price is not a discount: nothing struck through.
    expect(text).toMatch(/대나무 차선\n\n₩18,000\n/);
    expect(html).not.toContain('₩18,000</s>');
    const cup = tags(html, 'img').find((img) => img.includes('/i/cup.jpg'));
    expect(cup).toContain('alt="청자 찻잔"');
    expect(cup).toMatch(/width="\d+"/);
    expect(cup).toMatch(/height="\d+"/);
    // The image, the button, and the button's VML twin for Outlook on Windows.
    expect(html.match(new RegExp(`href="https://shop\\.example\\.com/p/cup\\?${UTM}"`, 'g'))).toHaveLength(3);
    expect(text).toContain(`Take a look https://shop.example.com/p/cup?${UTM.replaceAll('&amp;', '&')}`);
  });

  it('lays out at most four cards in a grid that stacks on narrow screens, marked as marketing', async () => {
    const doc = variant(koreanOrderData, (d) => {
      d.recommendations = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => product(id));
    });
    const { html } = await renderEmail('cross-sell', doc, options);
    const cards = tags(html, 'img').filter((img) => img.includes('alt="Product '));
    expect(cards).toHaveLength(4);
    // Two rows of two: each row a card, a gutter and a card, every cell stacking on a phone.
    expect(html.match(/class="pp-stack"/g)).toHaveLength(6);
    expect(html).toContain('Product d');
    expect(html).not.toContain('Product e');
    expect(html.match(/data-marketing="true"/g)).toHaveLength(1);
    expect(html).not.toMatch(/display:\s*(flex|grid)|position:/);
  });

  it('carries a visible unsubscribe link, the postal address and the List-Unsubscribe headers', async () => {
    const { html, text, headers, kind } = await renderEmail('cross-sell', americanOrderData, options);
    expect(kind).toBe('marketing');
    expect(html).toMatch(
      /<a href="https:\/\/northwind\.example\.com\/email\/unsubscribe\?email=alex%40example\.com&amp;token=[\w-]+" data-unsubscribe="true"/,
    );
    expect(text).toContain('350 Fifth Avenue, Suite 4100, New York, NY 10118, US');
    expect(headers['List-Unsubscribe']).toContain(
      '<mailto:unsubscribe@northwind.example.com?subject=unsubscribe>',
    );
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it.each(LOCALES)('matches the approved rendering in %s', async (locale) => {
    const { html, text } = await renderEmail('cross-sell', samples[locale], { ...options, locale });
    await expect(html).toMatchFileSnapshot(`./__snapshots__/cross-sell.${locale}.html`);
    await expect(text).toMatchFileSnapshot(`./__snapshots__/cross-sell.${locale}.txt`);
  });
});
