import { render } from 'react-email';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../components/i18n';
import { customerVoice } from '../../core/customer-voice';
import { renderEmail, ThankYouEmail } from '../../emails';
import { americanOrderData, chineseOrderData, koreanOrderData } from '../../emails/_samples';
import { SECRET, variant } from '../support';

const samples = { ko: koreanOrderData, en: americanOrderData, 'zh-CN': chineseOrderData } as const;
const options = { unsubscribeSecret: SECRET } as const;

describe('customerVoice()', () => {
  it('takes the first that applies: VIP, then returning, then first order', () => {
    expect(customerVoice(koreanOrderData)).toBe('first-order'); // 1 order, ₩81,000 < ₩300,000
    expect(customerVoice(americanOrderData)).toBe('returning'); // 3 orders, $167.56 < $500
    expect(customerVoice(chineseOrderData)).toBe('vip'); // 6 orders, but ¥1,532 ≥ ¥1,000 wins
  });

  it('counts an order exactly at the threshold as VIP, and nobody as VIP without a threshold', () => {
    const atThreshold = variant(koreanOrderData, (doc) => {
      doc.shop.vipThreshold = doc.order.total;
    });
    expect(customerVoice(atThreshold)).toBe('vip');
    const noThreshold = variant(chineseOrderData, (doc) => {
      doc.shop.vipThreshold = undefined;
    });
    expect(customerVoice(noThreshold)).toBe('returning');
    const secondOrder = variant(koreanOrderData, (doc) => {
      doc.customer.ordersCount = 2;
    });
    expect(customerVoice(secondOrder)).toBe('returning');
  });
});

describe('<ThankYouEmail>', () => {
  it('welcomes a first order by name, in each language', async () => {
    const subjects = await Promise.all(
      LOCALES.map(
        async (locale) => (await renderEmail('thank-you', koreanOrderData, { ...options, locale })).subject,
      ),
    );
    expect(subjects).toEqual([
      'Welcome to Hanok Goods, 지수',
      '(광고) 지수님, Hanok Goods에 오신 것을 환영해요',
      '【广告】지수，欢迎来到Hanok Goods',
    ]);
  });

  it('speaks in the voice the document calls for', async () => {
    const first = await renderEmail('thank-you', koreanOrderData, { ...options, locale: 'en' });
    expect(first.text).toContain('Welcome, 지수!');
    expect(first.text).toContain('Become a member');

    const returning = await renderEmail('thank-you', americanOrderData, options);
    expect(returning.subject).toBe('Thanks for coming back, Alex');
    expect(returning.text).toContain('Good to see you again, Alex');
    expect(returning.text).not.toContain('Become a member');

    const vip = await renderEmail('thank-you', chineseOrderData, { ...options, locale: 'en' });
    expect(vip.subject).toBe("伟, thank you — you're one of our VIPs");
    expect(vip.text).toContain('Your VIP perks');
    expect(vip.text).not.toContain('For our regulars');
  });

  it('marks the perks block as marketing and links it into the shop with campaign parameters', async () => {
    const { html } = await renderEmail('thank-you', koreanOrderData, options);
    expect(html.match(/data-marketing="true"/g)).toHaveLength(1);
    expect(html).toContain(
      'href="https://shop.example.com?utm_source=email&amp;utm_medium=post-purchase&amp;utm_campaign=thank-you"',
    );
  });

  it('tells the brand story only when the shop has one', async () => {
    const withStory = await renderEmail('thank-you', americanOrderData, options);
    expect(withStory.text).toContain('Our story');
    expect(withStory.text).toContain('We started Northwind in a Brooklyn garage');
    const without = variant(americanOrderData, (doc) => {
      doc.shop.story = undefined;
    });
    expect((await renderEmail('thank-you', without, options)).text).not.toContain('Our story');
  });

  it('gives a real person to write to, or signs from the team when there is none', async () => {
    const { text, html } = await renderEmail('thank-you', americanOrderData, options);
    expect(text).toContain('write to Sam Rivera');
    expect(text).toMatch(/Warmly,\nSam Rivera\nHead of customer happiness · Northwind Supply/);
    expect(html).toContain('href="mailto:support@northwind.example.com"');

    const ownAddress = variant(americanOrderData, (doc) => {
      doc.shop.contact = { name: 'Sam Rivera', email: 'sam@northwind.example.com' };
    });
    expect((await renderEmail('thank-you', ownAddress, options)).html).toContain(
      'href="mailto:sam@northwind.example.com"',
    );

    const noContact = variant(americanOrderData, (doc) => {
      doc.shop.contact = undefined;
    });
    const team = await renderEmail('thank-you', noContact, options);
    expect(team.text).toMatch(/Warmly,\nThe Northwind Supply team/);
    expect(team.text).not.toContain('write to');
  });

  it('carries a visible unsubscribe link, the postal address and the List-Unsubscribe headers', async () => {
    const { html, text, headers, kind } = await renderEmail('thank-you', koreanOrderData, options);
    expect(kind).toBe('marketing');
    expect(html).toMatch(
      /<a href="https:\/\/shop\.example\.com\/unsubscribe\?e=jisoo%40example\.com&amp;t=[\w-]+" data-unsubscribe="true"/,
    );
    expect(text).toContain('서울특별시 종로구 북촌로 12 (03052)');
    expect(headers['List-Unsubscribe']).toMatch(
      /^<https:\/\/shop\.example\.com\/unsubscribe\?e=jisoo%40example\.com&t=[\w-]+>, <mailto:unsubscribe@shop\.example\.com\?subject=unsubscribe>$/,
    );
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('renders the same HTML through react-email render() as through renderEmail()', async () => {
    const viaRender = await render(
      <ThankYouEmail {...americanOrderData} locale="en" unsubscribeSecret={SECRET} />,
    );
    expect(viaRender).toBe(
      (await renderEmail('thank-you', americanOrderData, { ...options, locale: 'en' })).html,
    );
  });

  it.each(LOCALES)('matches the approved rendering in %s', async (locale) => {
    const { html, text } = await renderEmail('thank-you', samples[locale], { ...options, locale });
    await expect(html).toMatchFileSnapshot(`./__snapshots__/thank-you.${locale}.html`);
    await expect(text).toMatchFileSnapshot(`./__snapshots__/thank-you.${locale}.txt`);
  });
});
