import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../components/i18n';
import { isAllDigital } from '../../core/fulfilment';
import { parseOrderDocument, renderEmail, ValidationError } from '../../emails';
import { digitalOrderData, koreanOrderData, mixedOrderData } from '../../emails/_samples';

const welcome = {
  en: 'Thanks — welcome!',
  ko: '감사합니다, 환영해요!',
  'zh-CN': '感谢您，欢迎加入！',
} as const;

describe('an all-digital order', () => {
  it('needs no shipping address, but an order with something to ship does', () => {
    expect(isAllDigital(digitalOrderData.order)).toBe(true);
    expect(digitalOrderData.order.shippingAddress).toBeUndefined();
    const shipped = structuredClone(digitalOrderData);
    shipped.order.items[1] = { ...shipped.order.items[1]!, access: undefined };
    const error = (() => {
      try {
        parseOrderDocument(shipped);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([
      'order.shippingAddress: required: order.items[1] has no access and ships (only an order whose every item has access may leave the address out)',
    ]);
  });

  it('refuses an access link that is not https', () => {
    const bad = structuredClone(digitalOrderData);
    bad.order.items[0]!.access = { url: 'http://shop.example.com/dl' };
    expect(() => parseOrderDocument(bad)).toThrow(
      /order\.items\[0\]\.access\.url: expected an absolute https: URL/,
    );
  });

  it.each(LOCALES)('is confirmed with a welcome that leads with the access buttons (%s)', async (locale) => {
    const { subject, html, text, kind } = await renderEmail('order-confirmation', digitalOrderData, {
      locale,
    });
    expect(kind).toBe('transactional');
    expect(subject).toBe(welcome[locale]);
    expect(text.startsWith(welcome[locale])).toBe(true);
    // Access links are passed through untouched (often signed), before the receipt.
    const access = html.indexOf('href="https://shop.example.com/account/classes/brewing-basics"');
    expect(access).toBeGreaterThan(-1);
    expect(html).toContain('href="https://downloads.example.com/steep-timer/latest"');
    expect(html).toContain('href="https://downloads.example.com/books/korean-tea?order=ord_1002"');
    expect(access).toBeLessThan(html.indexOf('온라인 다도 클래스: 차 우리기 기초</a>'));
    // The licence key, alone in its copyable box.
    expect(html).toMatch(/border:2px dashed[^"]*"[^>]*>[\s\S]*?STEEP-7Q4M-K2XD-91HA/);
    expect(text).toContain('STEEP-7Q4M-K2XD-91HA');
    // No parcel: no address, no shipping line, no promise to email when it ships.
    expect(text).not.toContain('Seoul 04524');
    expect(text).not.toMatch(/Shipping|배송비|运费/);
  });

  it('shows access expiry on the customer’s clock, and the document’s own button labels', async () => {
    const { text } = await renderEmail('order-confirmation', digitalOrderData, { locale: 'en' });
    expect(text).toContain('클래스 시작하기 https://shop.example.com/account/classes/brewing-basics');
    expect(text).toContain('Available until Sun, November 21, 2027 at 11:59 PM');
    expect(text).toContain('Open 한국 차 이야기 전자책');
    const la = structuredClone(digitalOrderData);
    la.customer.timeZone = 'America/Los_Angeles';
    expect((await renderEmail('order-confirmation', la, { locale: 'en' })).text).toContain(
      'Available until Sun, November 21, 2027 at 6:59 AM',
    );
  });

  it('shows a free item as the locale’s word for free, never a zero amount', async () => {
    const free = { en: 'Free', ko: '무료', 'zh-CN': '免费' } as const;
    for (const locale of LOCALES) {
      const { text } = await renderEmail('order-confirmation', digitalOrderData, { locale });
      const ebook = text.slice(text.lastIndexOf('한국 차 이야기 전자책'));
      expect(ebook).toMatch(
        new RegExp(`^한국 차 이야기 전자책[^\\n]*\\n\\nPDF \\+ EPUB\\n\\n[^\\n]+\\n\\n${free[locale]}\\n`),
      );
      expect(text).not.toMatch(/₩0(?![\d,])/);
    }
  });

  it('matches the approved rendering', async () => {
    const { html, text } = await renderEmail('order-confirmation', digitalOrderData, { locale: 'en' });
    await expect(text).toMatchFileSnapshot('./__snapshots__/order-confirmation.digital.en.txt');
    await expect(html).toMatchFileSnapshot('./__snapshots__/order-confirmation.digital.en.html');
  });
});

describe('a mixed order', () => {
  it('shows what is ready now, then the receipt and where the rest ships', async () => {
    const { subject, text } = await renderEmail('order-confirmation', mixedOrderData, { locale: 'en' });
    expect(subject).toBe('Order #1001 confirmed');
    const ready = text.indexOf('Ready now');
    expect(ready).toBeGreaterThan(-1);
    expect(text.indexOf('클래스 시작하기')).toBeGreaterThan(ready);
    expect(text.indexOf('STEEP-7Q4M-K2XD-91HA')).toBeGreaterThan(ready);
    expect(text.indexOf('Shipping to')).toBeGreaterThan(text.indexOf('STEEP-7Q4M-K2XD-91HA'));
    expect(text).toContain('제주 녹차 세트');
    expect(text).toContain("we're getting the rest ready to ship");
    await expect(text).toMatchFileSnapshot('./__snapshots__/order-confirmation.mixed.en.txt');
  });

  it('keeps the usual confirmation for an order with nothing digital', async () => {
    const { subject, text } = await renderEmail('order-confirmation', koreanOrderData, { locale: 'en' });
    expect(subject).toBe('Order #1001 confirmed');
    expect(text).not.toContain('Ready now');
  });
});
