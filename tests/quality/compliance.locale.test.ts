/**
 * The law by locale (docs/compliance.md): the advertising mark on every `ko` / `zh-CN` marketing subject,
 * every variant and after any copy override, never on transactional mail; the footer's sender, contact
 * and refusal link in the reader's language; the preferences link; and the gate failing an email that
 * breaks any of it.
 */
import { describe, expect, it } from 'vitest';
import { type Locale, messages } from '../../components/i18n';
import { ADVERTISING_MARKS, markedSubject } from '../../core/advertising';
import { COPY_PLACEHOLDERS } from '../../core/copy';
import { renderEmail, SUBJECT_VARIANTS, TEMPLATE_IDS, templates } from '../../emails';
import {
  americanOrderData,
  type CompleteDocument,
  chineseOrderData,
  koreanOrderData,
} from '../../emails/_samples';
import { checkCompliance } from '../../quality/compliance';
import { combinations, renderCombination } from '../../quality/states';
import { SECRET, variant } from '../support';

const MARKETING = TEMPLATE_IDS.filter((id) => templates[id].kind === 'marketing');
const TRANSACTIONAL = TEMPLATE_IDS.filter((id) => templates[id].kind === 'transactional');
const samples = { ko: koreanOrderData, 'zh-CN': chineseOrderData, en: americanOrderData } as const;
const LAW_LOCALES = ['ko', 'zh-CN'] as const;
const options = { unsubscribeSecret: SECRET } as const;

/** Every subject key of the copy overridden, in one locale, with one text. */
function subjectsOverridden(doc: CompleteDocument, locale: Locale, text: string): CompleteDocument {
  const keys = [...COPY_PLACEHOLDERS.keys()].filter((key) => /\.subject\./.test(key));
  return variant(doc, (d) =>
    Object.assign(d.shop, { copy: { [locale]: Object.fromEntries(keys.map((k) => [k, text])) } }),
  );
}

describe('the advertising mark', () => {
  it('is the law’s mark per locale, applied once and kept off transactional mail', () => {
    expect(ADVERTISING_MARKS).toEqual({ ko: '(광고)', 'zh-CN': '【广告】' });
    expect(markedSubject('감사합니다', 'ko', 'marketing')).toBe('(광고) 감사합니다');
    expect(markedSubject('(광고) 감사합니다', 'ko', 'marketing')).toBe('(광고) 감사합니다');
    expect(markedSubject('  (광고)감사합니다', 'ko', 'marketing')).toBe('(광고)감사합니다');
    expect(markedSubject('谢谢', 'zh-CN', 'marketing')).toBe('【广告】谢谢');
    expect(markedSubject('Thanks', 'en', 'marketing')).toBe('Thanks');
    expect(markedSubject('감사합니다', 'ko', 'transactional')).toBe('감사합니다');
  });

  for (const locale of LAW_LOCALES) {
    const mark = ADVERTISING_MARKS[locale] as string;

    it.each(MARKETING)(
      `%s in ${locale}: every subject variant starts with ${mark}, also in the <title>`,
      async (id) => {
        for (const subjectVariant of SUBJECT_VARIANTS) {
          const email = await renderEmail(id, samples[locale], { ...options, locale, subjectVariant });
          expect(email.subject.startsWith(mark), email.subject).toBe(true);
          expect(email.subject.indexOf(mark, 1)).toBe(-1);
          expect(email.html).toContain(`<title>${mark}`);
        }
      },
    );

    it.each(MARKETING)(
      `%s in ${locale}: a copy override cannot remove ${mark}, nor doubles it`,
      async (id) => {
        const plain = subjectsOverridden(samples[locale], locale, '우리 가게 새 소식');
        const marked = subjectsOverridden(samples[locale], locale, `${mark} 우리 가게 새 소식`);
        for (const subjectVariant of SUBJECT_VARIANTS) {
          const a = await renderEmail(id, plain, { ...options, locale, subjectVariant });
          expect(a.subject).toBe(`${mark}${locale === 'ko' ? ' ' : ''}우리 가게 새 소식`);
          const b = await renderEmail(id, marked, { ...options, locale, subjectVariant });
          expect(b.subject).toBe(`${mark} 우리 가게 새 소식`);
        }
      },
    );

    it.each(TRANSACTIONAL)(`%s in ${locale}: no advertising mark`, async (id) => {
      for (const subjectVariant of SUBJECT_VARIANTS) {
        const email = await renderEmail(id, samples[locale], { ...options, locale, subjectVariant });
        for (const m of Object.values(ADVERTISING_MARKS)) expect(email.subject).not.toContain(m);
      }
    });
  }

  it.each(MARKETING)('%s in en: no mark (English needs none)', async (id) => {
    const email = await renderEmail(id, americanOrderData, { ...options, locale: 'en' });
    expect(email.subject).not.toMatch(/광고|广告/);
  });
});

describe('the footer of ko and zh-CN marketing mail', () => {
  const words = {
    ko: { refuse: '수신거부', preferences: '수신 설정', sender: '발신자: Hanok Goods' },
    'zh-CN': { refuse: '退订', preferences: '偏好设置', sender: '发件人：青瓷生活' },
  } as const;

  for (const locale of LAW_LOCALES) {
    it.each(MARKETING)(
      `%s in ${locale}: names the sender and a contact, and links refusal and preferences`,
      async (id) => {
        const doc = samples[locale];
        const { html, text } = await renderEmail(id, doc, { ...options, locale });
        expect(text).toContain(words[locale].sender);
        expect(text).toContain(doc.shop.supportEmail);
        expect(html).toMatch(
          new RegExp(`<a href="https://[^"]+"[^>]*data-unsubscribe="true"[^>]*>${words[locale].refuse}</a>`),
        );
        expect(html).toMatch(
          new RegExp(
            `<a href="https://[^"]+"[^>]*data-preferences="true"[^>]*>${words[locale].preferences}</a>`,
          ),
        );
      },
    );
  }

  it('keeps the legal words when the shop overrides them', async () => {
    const doc = variant(koreanOrderData, (d) =>
      Object.assign(d.shop, {
        copy: {
          ko: { 'common.unsubscribe': '그만 받기', 'common.sender': '{shop}', 'common.refusal': '안녕' },
        },
      }),
    );
    const { text, html } = await renderEmail('cross-sell', doc, { ...options, locale: 'ko' });
    expect(html).toContain('>수신거부</a>');
    expect(text).toContain('발신자: Hanok Goods');
    expect(text).not.toContain('그만 받기');
  });
});

describe('the preferences link', () => {
  it('sits beside the unsubscribe link in every locale, signed for the recipient like it', async () => {
    for (const [locale, word] of [
      ['en', 'Manage preferences'],
      ['ko', '수신 설정'],
      ['zh-CN', '偏好设置'],
    ] as const) {
      const { html } = await renderEmail('win-back', koreanOrderData, {
        ...options,
        locale,
        recipient: 'me@hanok.example',
      });
      const link = html.match(/<a href="([^"]+)"[^>]*data-preferences="true"[^>]*>([^<]+)<\/a>/);
      expect(link?.[2]).toBe(word);
      expect(link?.[1]).toMatch(
        /^https:\/\/shop\.example\.com\/preferences\?e=me%40hanok\.example&amp;t=[A-Za-z0-9_-]{43}$/,
      );
    }
  });

  it('is left out when shop.preferencesUrl is not set, and never reaches transactional mail', async () => {
    const without = variant(koreanOrderData, (d) => {
      delete (d.shop as { preferencesUrl?: string }).preferencesUrl;
    });
    expect((await renderEmail('cross-sell', without, options)).html).not.toContain('data-preferences');
    for (const id of TRANSACTIONAL)
      expect((await renderEmail(id, koreanOrderData, options)).html).not.toContain('data-preferences');
  });

  it('is validated like unsubscribeUrl: https, and no placeholder but {email} and {token}', async () => {
    const bad = (url: string) =>
      variant(koreanOrderData, (d) => Object.assign(d.shop, { preferencesUrl: url }));
    await expect(renderEmail('cross-sell', bad('http://shop.example.com/p'), options)).rejects.toThrow(
      'shop.preferencesUrl: expected an absolute https: URL',
    );
    await expect(
      renderEmail('cross-sell', bad('https://shop.example.com/p?x={name}'), options),
    ).rejects.toThrow(/shop\.preferencesUrl: a placeholder other than \{email\} or \{token\}/);
  });
});

describe('npm run check (quality/compliance.ts) on ko and zh-CN mail', () => {
  const rendered = async (template: string, locale: Locale) => {
    const combination = combinations([template], undefined, [locale]).find(
      (c) => c.state.document.customer.locale === locale,
    );
    if (!combination) throw new Error(`no state for ${template} in ${locale}`);
    return (await renderCombination(combination)).email;
  };

  it('passes every template as rendered, in every locale', async () => {
    for (const combination of combinations(undefined, undefined, ['ko', 'zh-CN']).filter(
      (c) => !c.state.name.includes('@'),
    )) {
      const { email } = await renderCombination(combination);
      expect(
        checkCompliance(email),
        `${combination.template} ${combination.locale} ${combination.state.name}`,
      ).toEqual([]);
    }
  });

  it('fails a tampered email: the mark gone, the refusal word gone, the sender or the contact gone', async () => {
    const ko = await rendered('review-request', 'ko');
    const rules = (email: typeof ko) => checkCompliance(email).map((f) => f.rule);
    expect(rules({ ...ko, subject: (ko.subject ?? '').replace('(광고) ', '') })).toEqual([
      'advertising-mark',
    ]);
    expect(rules({ ...ko, subject: `${ko.subject?.replace('(광고) ', '')} (광고)` })).toEqual([
      'advertising-mark',
    ]);
    expect(rules({ ...ko, html: ko.html.replace('>수신거부</a>', '>Unsubscribe</a>') })).toEqual([
      'refusal-in-locale',
    ]);
    expect(rules({ ...ko, html: ko.html.replaceAll('Hanok Goods', 'Shop') })).toEqual(['sender-named']);
    expect(
      rules({
        ...ko,
        html: ko.html.replaceAll('help@shop.example.com', 'x').replaceAll('+82 2 555 0100', 'y'),
      }),
    ).toEqual(['sender-contact']);
    const zh = await rendered('win-back', 'zh-CN');
    expect(rules({ ...zh, subject: (zh.subject ?? '').replace('【广告】', '') })).toEqual([
      'advertising-mark',
    ]);
    expect(rules({ ...zh, html: zh.html.replace('>退订</a>', '>取消</a>') })).toEqual(['refusal-in-locale']);
  });

  it('fails a transactional email that carries the mark', async () => {
    const email = await rendered('shipping-update', 'ko');
    expect(checkCompliance(email)).toEqual([]);
    expect(checkCompliance({ ...email, subject: `(광고) ${email.subject}` }).map((f) => f.rule)).toEqual([
      'no-advertising-mark-in-transactional',
    ]);
  });
});

describe('the copy behind the marks', () => {
  it('says 수신거부 and 退订 on the refusal links', () => {
    expect(messages('ko').common.unsubscribe).toBe('수신거부');
    expect(messages('zh-CN').common.unsubscribe).toBe('退订');
  });
});
