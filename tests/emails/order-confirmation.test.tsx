import { render } from 'react-email';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../components/i18n';
import { OrderConfirmationEmail, renderEmail } from '../../emails';
import { americanOrderData, chineseOrderData, koreanOrderData } from '../../emails/_samples';
import { checkCompliance } from '../../quality/compliance';
import { manyItems, variant } from '../support';

describe('<OrderConfirmationEmail>', () => {
  it('says the order is confirmed, in each language', async () => {
    const subjects = await Promise.all(
      LOCALES.map(
        async (locale) => (await renderEmail('order-confirmation', koreanOrderData, { locale })).subject,
      ),
    );
    expect(subjects).toEqual(['Order #1001 confirmed', '주문(#1001)이 완료되었습니다', '订单 #1001 已确认']);
  });

  it('shows every line, the totals and the order link', async () => {
    const { html, text } = await renderEmail('order-confirmation', americanOrderData, { locale: 'en' });
    for (const item of americanOrderData.order.items) expect(text).toContain(item.name);
    expect(text).toMatch(/Subtotal\s+\$171\.00/);
    expect(text).toMatch(/Discount\s+−\$17\.10/);
    expect(text).toMatch(/Tax\s+\$13\.66/);
    expect(text).toMatch(/Total\s+\$167\.56/);
    expect(text).toContain('$70.00 →\u00a0$58.00');
    expect(html).toContain(
      'href="https://northwind.example.com/account/orders/2002?utm_source=email&amp;utm_medium=post-purchase&amp;utm_campaign=order-confirmation"',
    );
  });

  it('formats money in the currency’s own minor unit', async () => {
    expect((await renderEmail('order-confirmation', koreanOrderData, { locale: 'ko' })).text).toMatch(
      /총 결제 금액\s+₩81,000/,
    );
    expect((await renderEmail('order-confirmation', chineseOrderData)).text).toMatch(/实付金额\s+¥1,532\.00/);
  });

  it('renders the same HTML through react-email render() as through renderEmail()', async () => {
    const viaRender = await render(<OrderConfirmationEmail {...koreanOrderData} locale="ko" />);
    const { html } = await renderEmail('order-confirmation', koreanOrderData, { locale: 'ko' });
    expect(viaRender).toBe(html);
  });
});

describe('<OrderConfirmationEmail> edge cases', () => {
  it('escapes markup in names instead of injecting it', async () => {
    const doc = variant(koreanOrderData, (d) => {
      d.order.items[0]!.name = '<script>alert("x")</script><b>Tea</b>';
      d.customer.firstName = '<img src=x onerror=alert(1)>';
    });
    const { html, text } = await renderEmail('order-confirmation', doc, { locale: 'en' });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;Tea&lt;/b&gt;');
    expect(text).toContain('<script>alert("x")</script><b>Tea</b>');
  });

  it('shows the first lines of a long order and links the rest', async () => {
    const { html, text } = await renderEmail('order-confirmation', manyItems(60), { locale: 'en' });
    expect(text).toContain('+52 more items — view your order');
    expect(text).not.toContain('no. 9 ');
    expect(Buffer.byteLength(html)).toBeLessThan(60 * 1024);
  });

  it('omits what the order does not have: no discount, no tax, free shipping', async () => {
    const doc = variant(americanOrderData, (d) => {
      d.order.discount = 0;
      d.order.tax = undefined;
      d.order.payment = undefined;
    });
    const { text } = await renderEmail('order-confirmation', doc);
    expect(text).not.toContain('Discount');
    expect(text).not.toContain('Tax');
    expect(text).not.toContain('Paid with');
    expect(text).toMatch(/Shipping\s+Free/);
  });

  it('names the discount codes on the discount line, in the HTML and the plain text, in every locale', async () => {
    const doc = variant(americanOrderData, (d) => {
      d.order.discountCodes = ['WELCOME10'];
    });
    const expected = {
      en: [/Discount \(WELCOME10\)\s+−\$17\.10/, 'Discount (WELCOME10)'],
      ko: [/할인 \(WELCOME10\)\s+−\$17\.10/, '할인 (WELCOME10)'],
      'zh-CN': [/优惠（WELCOME10）\s+−\$17\.10/, '优惠（WELCOME10）'],
    } as const;
    for (const locale of LOCALES) {
      const { html, text, headers } = await renderEmail('order-confirmation', doc, { locale });
      const [line, label] = expected[locale];
      expect(text, locale).toMatch(line);
      expect(html, locale).toMatch(new RegExp(`>${label.replace(/[()]/g, '\\$&')}</td>`));
      // The customer's own code on the receipt is the order, not a promotion: the gate's compliance check agrees.
      const email = {
        template: 'order-confirmation',
        locale,
        state: 'discount-codes',
        kind: 'transactional',
      } as const;
      expect(checkCompliance({ ...email, html, headers }), locale).toEqual([]);
    }
    const two = variant(doc, (d) => {
      d.order.discountCodes = ['WELCOME10', 'FREESHIP', 'WELCOME10'];
    });
    expect((await renderEmail('order-confirmation', two)).text).toMatch(
      /Discount \(WELCOME10, FREESHIP\)\s+−\$17\.10/,
    );
  });

  it('shows no codes without a discount, and no parentheses without codes', async () => {
    const noDiscount = variant(americanOrderData, (d) => {
      d.order.discount = 0;
      d.order.discountCodes = ['WELCOME10'];
    });
    expect((await renderEmail('order-confirmation', noDiscount)).text).not.toContain('WELCOME10');
    const noCodes = variant(americanOrderData, (d) => {
      d.order.discountCodes = [];
    });
    expect((await renderEmail('order-confirmation', noCodes)).text).toMatch(/Discount\s+−\$17\.10/);
  });

  it('formats a three-decimal currency', async () => {
    const doc = variant(americanOrderData, (d) => {
      d.order.currency = 'BHD';
    });
    const { text } = await renderEmail('order-confirmation', doc);
    expect(text.replace(/\u00a0/g, ' ')).toMatch(/Total\s+BHD 16\.756/);
  });

  it('matches the approved rendering per locale', async () => {
    for (const locale of LOCALES) {
      const { html, text } = await renderEmail('order-confirmation', koreanOrderData, { locale });
      await expect(html).toMatchFileSnapshot(`./__snapshots__/order-confirmation.${locale}.html`);
      await expect(text).toMatchFileSnapshot(`./__snapshots__/order-confirmation.${locale}.txt`);
    }
  });
});
