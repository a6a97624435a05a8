import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../components/i18n';
import { unsubscribeToken } from '../../core/links';
import { ValidationError } from '../../core/order-document';
import { renderEmail, SUBJECT_VARIANTS, templates } from '../../emails';
import { americanOrderData, chineseOrderData, koreanOrderData } from '../../emails/_samples';
import { SECRET, variant } from '../support';

const samples = { ko: koreanOrderData, en: americanOrderData, 'zh-CN': chineseOrderData } as const;
const options = { unsubscribeSecret: SECRET } as const;

/** The one button's link. */
const buttonHref = (html: string) =>
  html.match(/<a href="([^"]+)" class="pp-button"/)?.[1]?.replaceAll('&amp;', '&');

describe('<PreferencesLinkEmail>', () => {
  it('is transactional, and needs the preferences part', () => {
    expect(templates['preferences-link'].kind).toBe('transactional');
    expect(templates['preferences-link'].requires).toEqual(['preferences']);
  });

  it('names the shop in every subject variant, in each language, with no advertising mark', async () => {
    const subjects = await Promise.all(
      LOCALES.flatMap((locale) =>
        SUBJECT_VARIANTS.map(
          async (subjectVariant) =>
            (await renderEmail('preferences-link', samples[locale], { ...options, locale, subjectVariant }))
              .subject,
        ),
      ),
    );
    expect(subjects).toEqual([
      'Your email preferences at Northwind Supply',
      'Here is your link to choose the emails Northwind Supply sends you',
      'Hanok Goods 이메일 수신 설정 링크를 보내 드려요',
      '요청하신 Hanok Goods 메일 수신 설정 안내',
      '您在青瓷生活的邮件偏好设置',
      '这是您管理青瓷生活邮件的链接',
    ]);
  });

  it('links to the preference centre, signed for the address it is sent to, without campaign parameters', async () => {
    const { html, text } = await renderEmail('preferences-link', koreanOrderData, {
      ...options,
      recipient: 'me@hanok.example',
    });
    const href = buttonHref(html);
    expect(href).toBe(
      `https://shop.example.com/preferences?e=me%40hanok.example&t=${unsubscribeToken('me@hanok.example', SECRET)}`,
    );
    expect(href).not.toContain('utm_');
    expect(text).toContain('수신 설정 열기');
    expect(text).toContain('직접 요청하지 않으셨다면');
  });

  it('takes a link without placeholders as it is', async () => {
    const doc = variant(koreanOrderData, (d) => {
      d.preferences = { url: 'https://shop.example.com/preferences/one-time-abc' };
    });
    expect(buttonHref((await renderEmail('preferences-link', doc)).html)).toBe(
      'https://shop.example.com/preferences/one-time-abc',
    );
  });

  it('carries no unsubscribe, no marketing, no List-Unsubscribe', async () => {
    for (const locale of LOCALES) {
      const { html, headers, kind } = await renderEmail('preferences-link', samples[locale], {
        ...options,
        locale,
      });
      expect(kind).toBe('transactional');
      expect(headers).toEqual({});
      expect(html).not.toContain('data-unsubscribe');
      expect(html).not.toContain('data-marketing');
    }
  });

  it('refuses a document without preferences, or with a bad link, naming the field', async () => {
    const without = variant(koreanOrderData, (d) => {
      delete (d as { preferences?: unknown }).preferences;
    });
    await expect(renderEmail('preferences-link', without)).rejects.toThrow(
      'preferences: required by the preferences-link template',
    );
    const bad = variant(koreanOrderData, (d) => {
      d.preferences = { url: 'https://shop.example.com/p?x={name}' };
    });
    const error = await renderEmail('preferences-link', bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([
      'preferences.url: a placeholder other than {email} or {token}: it would reach the customer as written',
    ]);
  });

  it.each(LOCALES)('matches the approved rendering in %s', async (locale) => {
    const { html, text } = await renderEmail('preferences-link', samples[locale], { ...options, locale });
    await expect(html).toMatchFileSnapshot(`./__snapshots__/preferences-link.${locale}.html`);
    await expect(text).toMatchFileSnapshot(`./__snapshots__/preferences-link.${locale}.txt`);
  });
});
