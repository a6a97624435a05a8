import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../components/i18n';
import { mailtoHref } from '../../components/mailto';
import { renderEmail } from '../../emails';
import { americanOrderData, chineseOrderData, koreanOrderData } from '../../emails/_samples';
import { SECRET, variant } from '../support';

const samples = { ko: koreanOrderData, en: americanOrderData, 'zh-CN': chineseOrderData } as const;
const options = { unsubscribeSecret: SECRET } as const;

/** The prefilled share email, decoded from the rendered mailto: link. */
function sharedEmail(html: string) {
  // The attribute as a browser reads it: React escapes & and ' (which encodeURIComponent leaves alone).
  const href = html
    .match(/href="(mailto:\?[^"]+)"/)?.[1]
    ?.replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');
  expect(href).toBeDefined();
  const raw = href!;
  const query = new URLSearchParams(raw.slice('mailto:?'.length).replace(/\+/g, '%2B'));
  return { raw, subject: query.get('subject'), body: query.get('body') };
}

describe('mailtoHref()', () => {
  it('percent-encodes subject and body as UTF-8, with CRLF line breaks', () => {
    expect(mailtoHref('A & B?', 'Line 1\nLine 2 = 50% + more #1')).toBe(
      'mailto:?subject=A%20%26%20B%3F&body=Line%201%0D%0ALine%202%20%3D%2050%25%20%2B%20more%20%231',
    );
    expect(mailtoHref('추천', '你好')).toBe('mailto:?subject=%EC%B6%94%EC%B2%9C&body=%E4%BD%A0%E5%A5%BD');
  });
});

describe('<ReferralEmail>', () => {
  it('puts the friend’s reward in the subject, in each language', async () => {
    const subjects = await Promise.all(
      LOCALES.map(
        async (locale) => (await renderEmail('referral', koreanOrderData, { ...options, locale })).subject,
      ),
    );
    expect(subjects).toEqual([
      '지수, give a friend 1만 원 할인',
      '(광고) 지수님, 친구에게 1만 원 할인 혜택을 선물하세요',
      '【广告】지수，送好友一份1만 원 할인',
    ]);
  });

  it('states what the friend gets and what the customer gets, and shows the code in a box marked as marketing', async () => {
    const { html, text } = await renderEmail('referral', americanOrderData, options);
    expect(text).toMatch(/Your friend gets\n\n\$20 off their first order/);
    expect(text).toMatch(/You get\n\na \$20 credit/);
    expect(text).toMatch(/Your code\n\nALEX20\n/);
    const block = html.slice(html.indexOf('data-marketing="true"'));
    expect(block).toContain('>ALEX20</p>');
    expect(html.match(/data-marketing="true"/g)).toHaveLength(1);
  });

  it('shares the link exactly as given: no campaign parameters, it is for friends', async () => {
    const { html, text } = await renderEmail('referral', koreanOrderData, options);
    expect(html).toContain('href="https://shop.example.com/r/JISOO10"');
    expect(html).not.toMatch(/r\/JISOO10[^"\s]*utm_/);
    expect(text).toContain('추천 링크 공유하기 https://shop.example.com/r/JISOO10\n');
    const { body } = sharedEmail(html);
    expect(body).not.toContain('utm_');
  });

  it('offers a mailto: link with a prefilled subject and body in the customer’s language, properly encoded', async () => {
    const ko = sharedEmail((await renderEmail('referral', koreanOrderData, options)).html);
    expect(ko.raw).toMatch(/^mailto:\?subject=[^&]+&body=[^&]+$/);
    expect(ko.raw).toMatch(/^[\x21-\x7e]+$/); // nothing left unencoded: no spaces, no raw Hangul
    expect(ko.subject).toBe('지수님이 Hanok Goods 1만 원 할인 혜택을 보냈어요');
    expect(ko.body).toContain('추천 코드: JISOO10\r\nhttps://shop.example.com/r/JISOO10');
    expect(ko.body).not.toMatch(/[^\r]\n/);

    const en = sharedEmail((await renderEmail('referral', americanOrderData, options)).html);
    expect(en.subject).toBe('Alex sent you $20 off their first order at Northwind Supply');
    expect(en.body).toContain('Use my code ALEX20');
    expect(en.body).toContain('https://northwind.example.com/invite/ALEX20');

    const zh = sharedEmail((await renderEmail('referral', chineseOrderData, options)).html);
    expect(zh.subject).toBe('伟送你一份青瓷生活的¥50 新人礼金');
    expect(zh.body).toContain('使用我的邀请码 WANGWEI88');
  });

  it('keeps the unreadable mailto: URL out of the plain text', async () => {
    const { text } = await renderEmail('referral', koreanOrderData, options);
    expect(text).not.toContain('mailto:?');
  });

  it('carries a visible unsubscribe link, the postal address and the List-Unsubscribe headers', async () => {
    const { html, text, headers, kind } = await renderEmail('referral', koreanOrderData, {
      ...options,
      recipient: 'qa+test@example.org',
    });
    expect(kind).toBe('marketing');
    expect(html).toMatch(
      /<a href="https:\/\/shop\.example\.com\/unsubscribe\?e=qa%2Btest%40example\.org&amp;t=[\w-]+" data-unsubscribe="true"/,
    );
    expect(text).toContain('서울특별시 종로구 북촌로 12 (03052)');
    expect(headers['List-Unsubscribe']).toMatch(
      /^<https:\/\/shop\.example\.com\/unsubscribe\?e=qa%2Btest%40example\.org&t=[\w-]+>, <mailto:/,
    );
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it.each(LOCALES)('matches the approved rendering in %s', async (locale) => {
    const { html, text } = await renderEmail('referral', samples[locale], { ...options, locale });
    await expect(html).toMatchFileSnapshot(`./__snapshots__/referral.${locale}.html`);
    await expect(text).toMatchFileSnapshot(`./__snapshots__/referral.${locale}.txt`);
  });
});

describe('<ReferralEmail> with an awkward name', () => {
  it('still builds the mailto share link when the name holds a lone surrogate', async () => {
    const doc = variant(koreanOrderData, (d) => {
      d.customer.firstName = 'Ji\uD800soo';
    });
    const { html } = await renderEmail('referral', doc, { locale: 'en', unsubscribeSecret: 'test-secret' });
    expect(html).toMatch(/href="mailto:\?subject=[^"]*%EF%BF%BD/);
  });
});
