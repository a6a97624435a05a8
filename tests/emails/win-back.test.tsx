import { render } from 'react-email';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../components/i18n';
import { renderEmail, ValidationError } from '../../emails';
import { americanOrderData, chineseOrderData, koreanOrderData } from '../../emails/_samples';
import WinBackEmail from '../../emails/win-back';
import { SECRET, variant } from '../support';

const options = { unsubscribeSecret: SECRET } as const;
const UTM = 'utm_source=email&amp;utm_medium=post-purchase&amp;utm_campaign=win-back';
/** The Korean sample's customer has one order: the coupon voice. */
const firstOrder = koreanOrderData;
/** The American sample's customer has three: the news voice. */
const returning = americanOrderData;

describe('<WinBackEmail>', () => {
  it('gives a first-order customer the coupon: code in its box, expiry on their clock, a shop link with campaign parameters', async () => {
    const { subject, html, text, kind, headers } = await renderEmail('win-back', firstOrder, {
      ...options,
      locale: 'en',
    });
    expect(kind).toBe('marketing');
    expect(subject).toBe('We miss you, 지수');
    expect(text).toContain('HELLO-AGAIN-5000');
    expect(html).toMatch(/border:2px dashed[^"]*"[^>]*>[\s\S]*?HELLO-AGAIN-5000/);
    // 2027-01-31T23:59 in Seoul, shown in Seoul.
    expect(text).toContain('Valid until Sun, January 31, 2027 at 11:59 PM');
    expect(text).toContain('5,000원 할인');
    expect(html).toContain(`href="https://shop.example.com?${UTM}"`);
    expect(text).not.toContain('Winter harvest from Jeju');
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('shows the coupon expiry in the customer’s own time zone', async () => {
    const inLosAngeles = variant(firstOrder, (doc) => {
      doc.customer.timeZone = 'America/Los_Angeles';
    });
    const { text } = await renderEmail('win-back', inLosAngeles, { ...options, locale: 'en' });
    // 23:59 in Seoul is 06:59 the same morning in Los Angeles.
    expect(text).toContain('Valid until Sun, January 31, 2027 at 6:59 AM');
  });

  it('gives a returning customer the news: every story, its link with campaign parameters, no coupon', async () => {
    const { subject, html, text } = await renderEmail('win-back', returning, options);
    expect(subject).toBe("What's new at Northwind Supply");
    expect(text).toContain('The winter layering guide');
    expect(text).toContain('Free repairs, for life');
    expect(html).toContain(
      `href="https://northwind.example.com/journal/winter-layering?utm_source=email&amp;utm_medium=post-purchase&amp;utm_campaign=win-back"`,
    );
    expect(html).toContain('alt="The winter layering guide"');
    expect(text).not.toContain('COMEBACK15');
  });

  it('writes each voice in every locale', async () => {
    const expected = {
      en: ['We miss you, 지수', 'Your code', 'Valid until', "What's new at Northwind Supply"],
      ko: [
        '(광고) 지수님, 다시 만나고 싶어요',
        '쿠폰 코드',
        '까지 사용 가능',
        '(광고) Northwind Supply의 새로운 소식',
      ],
      'zh-CN': ['【广告】지수，我们想您了', '您的优惠码', '有效期至', '【广告】Northwind Supply上新啦'],
    } as const;
    for (const locale of LOCALES) {
      const [couponSubject, codeLabel, validUntil, newsSubject] = expected[locale];
      const coupon = await renderEmail('win-back', firstOrder, { ...options, locale });
      expect(coupon.subject).toBe(couponSubject);
      expect(coupon.text).toContain(codeLabel);
      expect(coupon.text).toContain(validUntil);
      expect(coupon.text).toContain('HELLO-AGAIN-5000');
      const news = await renderEmail('win-back', returning, { ...options, locale });
      expect(news.subject).toBe(newsSubject);
    }
    const zh = await renderEmail('win-back', chineseOrderData, options);
    expect(zh.text).toContain('冬季新品：雪青釉系列');
    expect(zh.text).not.toContain('HUANYING30');
  });

  it('refuses a first-order customer without a coupon, and a returning one without news, naming the field', async () => {
    const noCoupon = variant(firstOrder, (doc) => {
      doc.winBack = { news: doc.winBack.news };
    });
    await expect(renderEmail('win-back', noCoupon, options)).rejects.toThrow(
      /winBack\.coupon: required for a first-order customer/,
    );
    const noNews = variant(returning, (doc) => {
      doc.winBack = { coupon: doc.winBack.coupon };
    });
    await expect(renderEmail('win-back', noNews, options)).rejects.toThrow(
      /winBack\.news: required for a returning customer/,
    );
    const none = variant(firstOrder, (doc) => {
      Reflect.deleteProperty(doc, 'winBack');
    });
    await expect(renderEmail('win-back', none, options)).rejects.toThrow(/winBack: required by the win-back/);
    const empty = variant(firstOrder, (doc) => {
      doc.winBack = {};
    });
    const error = await renderEmail('win-back', empty, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems.join('\n')).toMatch(/^winBack: give a coupon/m);
  });

  it('renders the same email as react-email’s render() of the component', async () => {
    const html = await render(<WinBackEmail {...firstOrder} locale="ko" unsubscribeSecret={SECRET} />);
    expect((await renderEmail('win-back', firstOrder, { ...options, locale: 'ko' })).html).toBe(html);
  });

  it.each(LOCALES)('matches the approved rendering in %s, both voices', async (locale) => {
    const coupon = await renderEmail('win-back', firstOrder, { ...options, locale });
    const news = await renderEmail('win-back', returning, { ...options, locale });
    await expect(coupon.text).toMatchFileSnapshot(`./__snapshots__/win-back.coupon.${locale}.txt`);
    await expect(news.text).toMatchFileSnapshot(`./__snapshots__/win-back.news.${locale}.txt`);
    await expect(coupon.html).toMatchFileSnapshot(`./__snapshots__/win-back.coupon.${locale}.html`);
  });
});
