import { describe, expect, it } from 'vitest';
import { parseOrderDocument, ValidationError } from '../../core/order-document';
import { renderEmail } from '../../emails';
import { americanOrderData, chineseOrderData, koreanOrderData } from '../../emails/_samples';
import { variant } from '../support';

function problems(input: unknown): string[] {
  try {
    parseOrderDocument(input);
  } catch (error) {
    if (error instanceof ValidationError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('order document schema', () => {
  it('accepts the three samples', () => {
    for (const doc of [koreanOrderData, americanOrderData, chineseOrderData])
      expect(problems(doc)).toEqual([]);
  });

  it('names the field path of every problem, one line each', () => {
    const bad = variant(koreanOrderData, (doc) => {
      (doc.order.items[0] as { unitPrice: number }).unitPrice = 19.99;
      (doc.customer as { locale: string }).locale = 'fr';
      doc.order.currency = 'XYZ';
      doc.shop.url = 'http://shop.example.com';
      doc.order.items[1]!.url = 'javascript:alert(1)';
      doc.order.placedAt = '2026-11-20 09:30';
    });
    expect(problems(bad)).toEqual(
      expect.arrayContaining([
        'order.items[0].unitPrice: expected an integer',
        'customer.locale: expected one of en, ko, zh-CN',
        'order.currency: expected an ISO 4217 currency code, e.g. USD',
        'shop.url: expected an absolute https: URL',
        'order.items[1].url: expected an https: or mailto: URL',
        'order.placedAt: expected an ISO 8601 time with an offset, e.g. 2026-11-20T09:30:00+09:00',
      ]),
    );
  });

  it('keeps what reaches a header to one line: names, the order number, item names', () => {
    const bad = variant(koreanOrderData, (doc) => {
      doc.customer.firstName = 'Jisoo\r\nBcc: everyone@example.com';
      doc.customer.lastName = 'Kim\u0000';
      doc.shop.name = 'Hanok\nGoods';
      doc.order.number = '1001\t';
      doc.order.items[0]!.name = 'Tea\u007f';
    });
    const oneLine = 'must be one line, without control characters';
    expect(problems(bad)).toEqual(
      expect.arrayContaining([
        `customer.firstName: ${oneLine}`,
        `customer.lastName: ${oneLine}`,
        `shop.name: ${oneLine}`,
        `order.items[0].name: ${oneLine}`,
      ]),
    );
    // Surrounding whitespace is trimmed, as everywhere (the tab after the order number is not kept).
    expect(problems(bad)).not.toContain(`order.number: ${oneLine}`);
    const fancy = variant(koreanOrderData, (doc) => {
      doc.customer.firstName = '지수 (Jisoo) — VIP ✨';
    });
    expect(problems(fancy)).toEqual([]);
  });

  it('knows the unsubscribe URL’s placeholders, {email} and {token}, and refuses any other', () => {
    const typo = variant(koreanOrderData, (doc) => {
      doc.shop.unsubscribeUrl = 'https://shop.example.com/unsubscribe?e={email}&t={tokn}';
    });
    expect(problems(typo)).toEqual([
      'shop.unsubscribeUrl: a placeholder other than {email} or {token}: it would reach the customer as written',
    ]);
    const fine = variant(koreanOrderData, (doc) => {
      doc.shop.unsubscribeUrl = 'https://shop.example.com/u/{token}?e={email}';
    });
    expect(problems(fine)).toEqual([]);
  });

  it('takes discount codes as an optional list of non-empty strings', () => {
    const withCodes = variant(americanOrderData, (doc) => {
      doc.order.discountCodes = ['WELCOME10'];
    });
    expect(parseOrderDocument(withCodes).order.discountCodes).toEqual(['WELCOME10']);
    expect(parseOrderDocument(americanOrderData).order.discountCodes).toBeUndefined();
    const bad = (codes: unknown) =>
      problems(variant(americanOrderData, (doc) => Object.assign(doc.order, { discountCodes: codes })));
    expect(bad('WELCOME10')).toEqual(['order.discountCodes: expected a list']);
    expect(bad(['WELCOME10', ' '])).toEqual(['order.discountCodes[1]: must not be empty']);
    expect(bad([10])).toEqual(['order.discountCodes[0]: expected a string']);
  });

  it('says "required" for missing fields and rejects non-objects', () => {
    expect(problems({})).toEqual(['shop: required', 'customer: required', 'order: required']);
    expect(problems(null)).toEqual(['(document): expected an object']);
  });

  it('rejects a shipment naming an item the order does not hold, and duplicate item ids', () => {
    const bad = variant(koreanOrderData, (doc) => {
      doc.shipment.itemIds = ['sku-nope'];
      doc.order.items[1]!.id = doc.order.items[0]!.id;
    });
    expect(problems(bad)).toEqual(
      expect.arrayContaining([
        'shipment.itemIds[0]: "sku-nope" is not the id of an item in order.items',
        'order.items[1].id: duplicate item id "sku-tea-01"',
      ]),
    );
  });

  it('rejects days the calendar does not have, and accepts the ones it does', () => {
    const at = (placedAt: string, estimatedDelivery: string) =>
      problems(
        variant(koreanOrderData, (doc) => {
          doc.order.placedAt = placedAt;
          doc.shipment.estimatedDelivery = estimatedDelivery;
        }),
      );
    expect(at('2026-02-30T09:30:00+09:00', '2026-13-01')).toEqual([
      'order.placedAt: expected an ISO 8601 time with an offset, e.g. 2026-11-20T09:30:00+09:00',
      'shipment.estimatedDelivery: expected a date (YYYY-MM-DD) or an ISO 8601 time with an offset',
    ]);
    expect(at('2028-02-29T23:59:59.123Z', '2028-02-29')).toEqual([]);
    expect(at('2026-11-20T24:00:00+09:00', '2026-11-24')).toHaveLength(1);
  });

  it('accepts a minimal document with only the required fields', () => {
    const { shop, customer, order } = koreanOrderData;
    const minimal = {
      shop: {
        name: shop.name,
        url: shop.url,
        logoUrl: shop.logoUrl,
        supportEmail: shop.supportEmail,
        address: shop.address,
        timeZone: 'UTC',
      },
      customer: {
        firstName: 'Ana',
        email: 'ana@example.com',
        locale: 'en',
        timeZone: 'Europe/Lisbon',
        ordersCount: 1,
      },
      order: {
        id: 'o1',
        number: '1',
        placedAt: '2026-01-01T00:00:00Z',
        currency: 'JPY',
        items: [
          {
            id: 'a',
            name: 'Cup',
            quantity: 1,
            unitPrice: 500,
            imageUrl: order.items[0]!.imageUrl,
            url: order.items[0]!.url,
          },
        ],
        subtotal: 500,
        shipping: 0,
        total: 500,
        shippingAddress: { name: 'Ana', line1: '1 Rua', city: 'Lisboa', country: 'PT' },
        statusUrl: order.statusUrl,
      },
    };
    expect(problems(minimal)).toEqual([]);
    expect(customer.locale).toBe('ko');
  });

  it('refuses to render an invalid document, and a template whose part is missing', async () => {
    const bad = variant(koreanOrderData, (doc) => {
      doc.order.total = -1;
    });
    await expect(renderEmail('order-confirmation', bad)).rejects.toThrow('order.total: must not be negative');
    const noShipment = variant(koreanOrderData, (doc) => {
      delete (doc as { shipment?: unknown }).shipment;
    });
    await expect(renderEmail('shipping-update', noShipment)).rejects.toThrow(
      'shipment: required by the shipping-update template',
    );
    await expect(
      renderEmail('order-confirmation', koreanOrderData, { locale: 'fr' as 'en' }),
    ).rejects.toThrow('locale: expected one of en, ko, zh-CN');
    // A misspelt id fails to compile (TemplateId); at run time, from plain JavaScript, it rejects naming the ids.
    // @ts-expect-error 'no-such-template' is not a TemplateId
    await expect(renderEmail('no-such-template', koreanOrderData)).rejects.toThrow(
      'unknown template "no-such-template"',
    );
  });
});
