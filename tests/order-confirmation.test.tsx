import { render } from 'react-email';
import { describe, expect, it } from 'vitest';
import { americanOrderData, chineseOrderData, koreanOrderData } from '../emails/_samples';
import { OrderConfirmationEmail, renderEmail } from '../emails';
import { LOCALES } from '../components/i18n';

describe('<OrderConfirmationEmail>', () => {
  it('says the order is confirmed, in each language', async () => {
    const subjects = await Promise.all(
      LOCALES.map(async (locale) => (await renderEmail('order-confirmation', koreanOrderData, { locale })).subject),
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
    expect(text).toContain('$70.00 → $58.00');
    expect(html).toContain(
      'href="https://northwind.example.com/account/orders/2002?utm_source=email&amp;utm_medium=post-purchase&amp;utm_campaign=order-confirmation"',
    );
  });

  it('formats money in the currency’s own minor unit', async () => {
    expect((await renderEmail('order-confirmation', koreanOrderData, { locale: 'ko' })).text).toMatch(/총 결제 금액\s+₩81,000/);
    expect((await renderEmail('order-confirmation', chineseOrderData)).text).toMatch(/实付金额\s+¥1,532\.00/);
  });

  it('renders the same HTML through react-email render() as through renderEmail()', async () => {
    const viaRender = await render(<OrderConfirmationEmail {...koreanOrderData} locale="ko" />);
    const { html } = await renderEmail('order-confirmation', koreanOrderData, { locale: 'ko' });
    expect(viaRender).toBe(html);
  });
});
