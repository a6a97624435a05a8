import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../components/i18n';
import { SHIPMENT_STATUSES } from '../../core/order-document';
import { renderEmail } from '../../emails';
import { americanOrderData, chineseOrderData, koreanOrderData } from '../../emails/_samples';
import { variant } from '../support';

const withStatus = (status: (typeof SHIPMENT_STATUSES)[number]) =>
  variant(americanOrderData, (doc) => {
    doc.shipment.status = status;
  });

describe('<ShippingUpdateEmail>', () => {
  it('says what happened in the subject, for each status', async () => {
    const subjects = await Promise.all(
      SHIPMENT_STATUSES.map(
        async (status) => (await renderEmail('shipping-update', withStatus(status))).subject,
      ),
    );
    expect(subjects).toEqual([
      'Your order is on its way',
      'Update: order #2002 is delayed',
      'Your order is out for delivery today',
      'Order #2002 has been delivered',
    ]);
  });

  it('writes the subject in each language', async () => {
    const subjects = await Promise.all(
      LOCALES.map(
        async (locale) => (await renderEmail('shipping-update', koreanOrderData, { locale })).subject,
      ),
    );
    expect(subjects).toEqual([
      'Your order is on its way',
      '주문하신 상품이 발송되었습니다',
      '您的订单已发货',
    ]);
  });

  it('links the carrier’s tracking page untouched (no campaign parameters on another host)', async () => {
    const { html, text } = await renderEmail('shipping-update', americanOrderData);
    expect(html).toContain('href="https://www.ups.com/track?tracknum=1Z999AA10123456784"');
    expect(html).not.toMatch(/ups\.com[^"]*utm_/);
    expect(text).toMatch(/Tracking number\s+1Z999AA10123456784/);
    expect(text).toMatch(/Estimated delivery\s+Wed, November 4, 2026/);
  });

  it('words a partial shipment and lists only the items in the parcel', async () => {
    const { text } = await renderEmail('shipping-update', americanOrderData);
    expect(text).toContain(
      'This parcel holds 2 of the 3 items in your order. The other 1 item follows in a separate parcel.',
    );
    expect(text).toContain('Insulated bottle');
    expect(text).not.toContain('Merino hiking socks');
    const zh = await renderEmail('shipping-update', chineseOrderData);
    expect(zh.text).toContain('本次包裹包含您订单中 2 件商品里的 1 件。');
  });

  it('does not call a complete shipment partial', async () => {
    const { text } = await renderEmail('shipping-update', koreanOrderData, { locale: 'en' });
    expect(text).not.toContain('This parcel holds');
  });

  it('marks the current step of the delivery progress', async () => {
    const { html } = await renderEmail('shipping-update', withStatus('out_for_delivery'));
    expect(html).toMatch(/aria-current="step"[^>]*>✓ Out for delivery/);
    const delivered = await renderEmail('shipping-update', withStatus('delivered'));
    expect(delivered.text).not.toContain('Track your parcel');
    expect(delivered.text).not.toContain('Estimated delivery');
  });

  it('matches the approved rendering per locale', async () => {
    for (const locale of LOCALES) {
      const { html, text } = await renderEmail('shipping-update', koreanOrderData, { locale });
      await expect(html).toMatchFileSnapshot(`./__snapshots__/shipping-update.${locale}.html`);
      await expect(text).toMatchFileSnapshot(`./__snapshots__/shipping-update.${locale}.txt`);
    }
  });
});
