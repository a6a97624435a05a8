import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../../../emails';
import {
  cancelledOrderId,
  fulfillmentFromShopify,
  shipmentFor,
} from '../../../../sending/intake/shopify/fulfillment';
import { parseShopifyJson } from '../../../../sending/intake/shopify/json';
import {
  orderDocumentFromShopify,
  productHandle,
  shopifyLocale,
} from '../../../../sending/intake/shopify/order';
import { parseShopConfig } from '../../../../sending/intake/shopify/shop-config';

const fixture = (name: string) =>
  parseShopifyJson(
    readFileSync(new URL(`../../../fixtures/shopify/${name}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
const config = parseShopConfig(fixture('shop-config'));

async function mapped(payload: unknown, priorOrders?: (email: string) => number) {
  const result = await orderDocumentFromShopify(payload, { config, ...(priorOrders ? { priorOrders } : {}) });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.value;
}

describe('orders/create → order document', () => {
  it('USD: two line items, a discount code, tax, a returning customer', async () => {
    const doc = await mapped(fixture('orders-create-usd'));
    expect(doc.order).toMatchObject({
      id: '5923847561234',
      number: '2041',
      placedAt: '2026-11-20T09:30:00-05:00',
      currency: 'USD',
      subtotal: 12500,
      discount: 1250,
      discountCodes: ['WELCOME10'],
      shipping: 700,
      tax: 893,
      total: 12843,
      statusUrl:
        'https://northwind.example.com/61234/orders/f3a9c1d2e4b5a6978899aabbccddeeff/authenticate?key=a1b2c3d4e5',
      shippingAddress: {
        name: 'Alex Morgan',
        line1: '350 Fifth Avenue',
        line2: 'Apt 12B',
        city: 'New York',
        region: 'NY',
        postalCode: '10118',
        country: 'US',
      },
    });
    expect(doc.order.items).toEqual([
      {
        id: '13698745612301',
        name: 'Insulated bottle',
        variant: '750 ml / Slate',
        quantity: 2,
        unitPrice: 2900,
        imageUrl: 'https://northwind.example.com/cdn/products/NW-BOTTLE-750-SL.jpg',
        url: 'https://northwind.example.com/products/insulated-bottle',
      },
      {
        id: '13698745612302',
        name: 'Daypack 22 L',
        variant: 'Forest green',
        quantity: 1,
        unitPrice: 6700,
        imageUrl: 'https://northwind.example.com/cdn/products/NW-PACK-22-FG.jpg',
        url: 'https://northwind.example.com/products/daypack-22-l',
      },
    ]);
    expect(doc.customer).toEqual({
      firstName: 'Alex',
      lastName: 'Morgan',
      email: 'alex.morgan@example.com',
      locale: 'en',
      timeZone: 'America/New_York',
      ordersCount: 3,
    });
    expect(doc.shop.name).toBe('Northwind Supply');
    expect(doc.shop).not.toHaveProperty('productUrl');
    expect(doc.review?.reviewUrl).toBe('https://northwind.example.com/reviews/5923847561234?rating={rating}');
    expect(doc.recommendations?.map((r) => r.id)).toEqual(['nw-cap']);
    const { subject, text } = await renderEmail('order-confirmation', doc, { locale: 'en' });
    expect(subject).toContain('2041');
    expect(text).toContain('$128.43');
    expect(text).toContain('−$12.50');
  });

  it('KRW: ko-KR becomes ko; without orders_count the store is asked how many orders it holds', async () => {
    const payload = fixture('orders-create-krw');
    expect(payload.customer).not.toHaveProperty('orders_count');
    const first = await mapped(payload);
    expect(first.customer).toMatchObject({ locale: 'ko', firstName: '지수', lastName: '김', ordersCount: 1 });
    expect(first.order).toMatchObject({ currency: 'KRW', subtotal: 78000, shipping: 3000, total: 81000 });
    expect(first.order.items[0]).toMatchObject({ unitPrice: 39000, quantity: 2, variant: '50 g × 3' });
    expect(first.order.items[0]?.url).toBe(
      `https://northwind.example.com/products/${encodeURIComponent('제주-녹차-세트')}`,
    );
    expect(first).not.toHaveProperty('recommendations'); // only USD products are configured
    const asked: string[] = [];
    const again = await mapped(payload, (email) => {
      asked.push(email);
      return 2;
    });
    expect(asked).toEqual(['jisoo.kim@example.com']);
    expect(again.customer.ordersCount).toBe(3);
  });

  it('JPY paid in a USD shop: amounts come from presentment_money, tax-inclusive tax is not added', async () => {
    const doc = await mapped(fixture('orders-create-jpy'));
    expect(doc.order).toMatchObject({ currency: 'JPY', subtotal: 9600, shipping: 500, total: 10100 });
    expect(doc.order.tax).toBeUndefined();
    expect(doc.order.items[0]?.unitPrice).toBe(4800);
    // customer_locale "ja" is not ours: the shop's default.
    expect(doc.customer.locale).toBe('en');
  });

  it('BHD: three decimals, several line items, zh-CN, a discount', async () => {
    const doc = await mapped(fixture('orders-create-bhd'));
    expect(doc.order.items.map((i) => [i.unitPrice, i.quantity])).toEqual([
      [11250, 1],
      [2500, 3],
      [12250, 1],
    ]);
    expect(doc.order).toMatchObject({ subtotal: 31000, discount: 3100, shipping: 1500, total: 29400 });
    expect(doc.order.discountCodes).toEqual(['VIP10']);
    expect(doc.customer).toMatchObject({ locale: 'zh-CN', firstName: '伟', ordersCount: 5 });
    const { text } = await renderEmail('order-confirmation', doc, { locale: 'en' });
    expect(text).toContain('29.400');
    expect(text).toMatch(/Discount \(VIP10\)\s+−BHD\s3\.100/);
    const { html } = await renderEmail('order-confirmation', doc);
    expect(html).toContain('>优惠（VIP10）</td>');
  });

  it('EUR: fr-FR falls back to the default locale; totals add up', async () => {
    const doc = await mapped(fixture('orders-create-eur'));
    expect(doc.customer).toMatchObject({ locale: 'en', ordersCount: 2 });
    expect(doc.order).toMatchObject({ currency: 'EUR', subtotal: 8900, shipping: 590, total: 9490 });
    expect(doc.order.discount).toBeUndefined();
    expect(doc.order.discountCodes).toBeUndefined(); // `discount_codes: []`
  });

  it('discount_codes: each code once, trimmed; entries without a code are left out', async () => {
    const payload = fixture('orders-create-usd');
    payload.discount_codes = [
      { code: ' WELCOME10 ', amount: '10.00', type: 'percentage' },
      { code: 'FREESHIP', amount: '2.50', type: 'shipping' },
      { amount: '1.00', type: 'fixed_amount' },
      { code: '', amount: '0.00', type: 'fixed_amount' },
      'not an object',
      { code: 'WELCOME10', amount: '0.00', type: 'percentage' },
    ];
    expect((await mapped(payload)).order.discountCodes).toEqual(['WELCOME10', 'FREESHIP']);
    payload.discount_codes = null;
    expect((await mapped(payload)).order.discountCodes).toBeUndefined();
  });

  it('refuses a payload without an email, naming Shopify’s field and ours', async () => {
    const payload = fixture('orders-create-usd');
    delete payload.email;
    delete payload.contact_email;
    (payload.customer as Record<string, unknown>).email = null;
    const result = await orderDocumentFromShopify(payload, { config });
    expect(result).toEqual({ ok: false, problems: ['email → customer.email: required'] });
  });

  it('refuses an unknown currency before converting anything', async () => {
    const payload = { ...fixture('orders-create-usd'), presentment_currency: 'XYZ' };
    const result = await orderDocumentFromShopify(payload, { config });
    expect(result).toEqual({
      ok: false,
      problems: ['presentment_currency: "XYZ" is not an ISO 4217 currency code'],
    });
  });

  it('refuses an amount with more decimals than the currency has, with its path', async () => {
    const payload = fixture('orders-create-krw');
    const lines = payload.line_items as Record<string, { presentment_money: { amount: string } }>[];
    lines[0]!.price_set!.presentment_money.amount = '39000.50';
    const result = await orderDocumentFromShopify(payload, { config });
    expect(result).toEqual({
      ok: false,
      problems: [
        'line_items[0].price_set.presentment_money.amount: "39000.50" has more decimals than KRW has (none)',
      ],
    });
  });

  it('refuses shop-currency amounts for an order paid in another currency', async () => {
    const payload = fixture('orders-create-jpy');
    delete payload.total_price_set;
    const result = await orderDocumentFromShopify(payload, { config });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatch(/^total_price_set\.presentment_money: required/);
  });

  it('keeps 64-bit ids digit for digit', () => {
    const payload = parseShopifyJson('{"id": 820982911946154508, "n": 1.5, "s": "x 12345678901234567"}');
    expect(payload).toEqual({ id: '820982911946154508', n: 1.5, s: 'x 12345678901234567' });
  });

  it('normalises locales and handles', () => {
    expect(
      ['en', 'en-US', 'ko-KR', 'ko', 'zh-CN', 'zh-Hans-CN', 'zh', 'zh-TW', 'ja', 'fr-FR', ''].map(
        shopifyLocale,
      ),
    ).toEqual([
      'en',
      'en',
      'ko',
      'ko',
      'zh-CN',
      'zh-CN',
      'zh-CN',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(productHandle("Men's Trail Socks — 3 pack")).toBe('mens-trail-socks-3-pack');
  });
});

describe('SHOP_CONFIG', () => {
  it('is validated like the document’s shop, with the field path', () => {
    expect(() => parseShopConfig({ ...fixture('shop-config'), timeZone: 'Mars/Olympus' })).toThrow(
      /shop\.timeZone: expected an IANA time zone/,
    );
    expect(() =>
      parseShopConfig({ ...fixture('shop-config'), productUrl: 'https://x.example.com/p/{slug}' }),
    ).toThrow(/shop\.productUrl: unknown placeholder \{slug\}/);
  });
});

describe('fulfillments → shipment', () => {
  it('maps the carrier’s states to the four the email knows', () => {
    const base = fixture('fulfillments-create-usd');
    const status = (shipment_status: unknown) => {
      const r = fulfillmentFromShopify({ ...base, shipment_status });
      return r.ok === true ? r.value.status : r.ok;
    };
    expect(
      [
        null,
        'label_printed',
        'confirmed',
        'in_transit',
        'out_for_delivery',
        'attempted_delivery',
        'failure',
        'delivered',
      ].map(status),
    ).toEqual([
      'shipped',
      'shipped',
      'shipped',
      'shipped',
      'out_for_delivery',
      'delayed',
      'delayed',
      'delivered',
    ]);
    expect(status('something_new')).toBe('ignored');
    expect(fulfillmentFromShopify({ ...base, status: 'cancelled' }).ok).toBe('ignored');
  });

  it('joins a fulfillment to its order: tracking, estimated delivery, items', async () => {
    const doc = await mapped(fixture('orders-create-usd'));
    const read = fulfillmentFromShopify(fixture('fulfillments-create-usd'));
    if (read.ok !== true) throw new Error('not read');
    expect(read.value.orderId).toBe(doc.order.id);
    const shipment = shipmentFor(read.value, doc.order, doc.shop.name);
    expect(shipment).toEqual({
      ok: true,
      value: {
        status: 'shipped',
        carrier: 'UPS',
        trackingNumber: '1Z999AA10123456784',
        trackingUrl: 'https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1Z999AA10123456784',
        estimatedDelivery: '2026-11-25T17:00:00-05:00',
        itemIds: ['13698745612301', '13698745612302'],
      },
    });
  });

  it('a fulfillment without tracking still names a carrier, a number and a link', async () => {
    const doc = await mapped(fixture('orders-create-usd'));
    const read = fulfillmentFromShopify({
      ...fixture('fulfillments-create-usd'),
      tracking_company: null,
      tracking_number: null,
      tracking_numbers: [],
      tracking_url: null,
      tracking_urls: [],
      line_items: [{ id: 13698745612302 }],
    });
    if (read.ok !== true) throw new Error('not read');
    const shipment = shipmentFor(read.value, doc.order, doc.shop.name, '#2041.1');
    expect(shipment).toMatchObject({
      ok: true,
      value: {
        carrier: 'Northwind Supply',
        trackingNumber: '#2041.1',
        trackingUrl: doc.order.statusUrl,
        itemIds: ['13698745612302'],
      },
    });
  });

  it('orders/cancelled names the order', () => {
    expect(cancelledOrderId({ id: 5923847561234 })).toEqual({ ok: true, value: '5923847561234' });
    expect(cancelledOrderId({})).toEqual({ ok: false, problems: ['id: required'] });
  });
});

describe('orders/create → what segments read', () => {
  it('maps product_type to item.category and total_spent to customer.totalSpent in the order currency', async () => {
    const payload = fixture('orders-create-usd');
    const items = (payload.line_items as Record<string, unknown>[]).map((item, i) => ({
      ...item,
      product_type: i === 0 ? ' Drinkware ' : '',
    }));
    const customer = { ...(payload.customer as Record<string, unknown>), total_spent: '245.50' };
    const doc = await mapped({ ...payload, line_items: items, customer });
    expect(doc.order.items.map((item) => item.category)).toEqual(['Drinkware', undefined]);
    expect(doc.customer.totalSpent).toBe(24550);
  });

  it('leaves totalSpent out when the order is paid in another currency than the shop’s (never converted)', async () => {
    const payload = fixture('orders-create-jpy');
    const customer = { ...(payload.customer as Record<string, unknown>), total_spent: '80.00' };
    const doc = await mapped({ ...payload, customer });
    expect(doc.order.currency).toBe('JPY');
    expect(doc.customer.totalSpent).toBeUndefined();
  });
});
