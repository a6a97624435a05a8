import { describe, expect, it } from 'vitest';
import { messages } from '../../components/i18n';
import { COPY_PLACEHOLDERS, type CopyOverrides, fillPlaceholders, placeholdersIn } from '../../core/copy';
import { ValidationError } from '../../core/order-document';
import { renderEmail, TEMPLATE_IDS } from '../../emails';
import { koreanOrderData } from '../../emails/_samples';
import { variant } from '../support';

const SECRET = 'copy-test';

function withCopy(copy: unknown) {
  return variant(koreanOrderData, (doc) => Object.assign(doc.shop, { copy }));
}

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ValidationError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('shop.copy', () => {
  it('puts an override in the HTML, the plain text, the subject and the preview', async () => {
    const doc = withCopy({
      en: {
        'thankYou.title.first': 'Welcome to the family, {firstName}!',
        'thankYou.subject.a.first': '{firstName}, welcome to {shop}',
        'thankYou.preview.first': 'A note from everyone at {shop}.',
        'common.questions': 'Anything at all? Write back.',
      },
    });
    const email = await renderEmail('thank-you', doc, { locale: 'en', unsubscribeSecret: SECRET });
    expect(email.subject).toBe('지수, welcome to Hanok Goods');
    expect(email.preview).toBe('A note from everyone at Hanok Goods.');
    expect(email.html).toContain('>Welcome to the family, 지수!</h1>');
    expect(email.html).toContain('Anything at all? Write back.');
    expect(email.html).toContain('<title>지수, welcome to Hanok Goods</title>');
    expect(email.html).toContain('>A note from everyone at Hanok Goods.<');
    expect(email.text).toContain('Welcome to the family, 지수!');
    expect(email.text).toContain('Anything at all? Write back.');
    expect(email.html).not.toContain('Welcome, 지수!');
  });

  it('leaves other locales and other messages as they were', async () => {
    const doc = withCopy({ ko: { 'thankYou.title.first': '{firstName}님, 가족이 되신 걸 환영해요!' } });
    const en = await renderEmail('thank-you', doc, { locale: 'en', unsubscribeSecret: SECRET });
    expect(en.html).toContain('>Welcome, 지수!</h1>');
    const ko = await renderEmail('thank-you', doc, { locale: 'ko', unsubscribeSecret: SECRET });
    expect(ko.html).toContain('>지수님, 가족이 되신 걸 환영해요!</h1>');
    // The stock subject, with the advertising mark Korean marketing mail carries (core/advertising.ts).
    expect(ko.subject).toBe(
      `(광고) ${messages('ko').thankYou.subject.a['first-order']('지수', 'Hanok Goods')}`,
    );
  });

  it("reaches every template's subject and preview", async () => {
    const subjects: Record<string, string> = {};
    for (const [key, names] of COPY_PLACEHOLDERS)
      if (/\.(subject|preview)(\.|$)/.test(key))
        subjects[key] = `${key.includes('subject') ? 'S' : 'P'} ${names.map((n) => `{${n}}`).join(' ')}`;
    const doc = withCopy({ en: subjects });
    for (const id of TEMPLATE_IDS) {
      const { subject, preview, html } = await renderEmail(id, doc, {
        locale: 'en',
        unsubscribeSecret: SECRET,
      });
      expect(subject, id).toMatch(/^S /);
      expect(preview, id).toMatch(/^P /);
      // The subject is the document's title; the preview lives in the hidden preheader.
      expect(html, id).toContain(`<title>${subject}</title>`);
      expect(html, id).toContain(`>${preview}<`);
    }
  });

  it('escapes an override like any other text', async () => {
    const doc = withCopy({ en: { 'confirmation.title': '<b>Thanks</b> & welcome' } });
    const { html, text } = await renderEmail('order-confirmation', doc, { locale: 'en' });
    expect(html).toContain('&lt;b&gt;Thanks&lt;/b&gt; &amp; welcome');
    expect(text).toContain('<b>Thanks</b> & welcome');
  });

  it('refuses an unknown key, placeholder or locale with its path, before rendering', async () => {
    const doc = withCopy({
      en: {
        'thankYou.title.first': 'Welcome, {name}!',
        'thankYou.titel.first': 'Welcome!',
        'common.viewOrder': 'Order {orderNumber}',
        'confirmation.title': '   ',
      },
      fr: { 'confirmation.title': 'Merci' },
      'zh-CN': { nope: 'x' },
    });
    expect(await problemsOf(renderEmail('thank-you', doc, { unsubscribeSecret: SECRET }))).toEqual([
      'shop.copy.en["thankYou.title.first"]: unknown placeholder {name}; expected {firstName}',
      'shop.copy.en["thankYou.titel.first"]: unknown message key; did you mean thankYou.title.first?',
      'shop.copy.en["common.viewOrder"]: unknown placeholder {orderNumber}; this message takes none',
      'shop.copy.en["confirmation.title"]: must not be empty',
      'shop.copy.fr: unknown locale; expected en, ko or zh-CN',
      'shop.copy["zh-CN"].nope: unknown message key',
    ]);
    expect(await problemsOf(renderEmail('thank-you', withCopy({ en: { 'common.items': 3 } })))).toEqual([
      'shop.copy.en["common.items"]: expected a string',
    ]);
    expect(await problemsOf(renderEmail('thank-you', withCopy(['x'])))).toEqual([
      'shop.copy: expected an object of locales',
    ]);
  });

  it('names the placeholders of messages with several', async () => {
    const doc = withCopy({ en: { 'referral.body': '{friend} gets {give}' } });
    expect(await problemsOf(renderEmail('referral', doc, { unsubscribeSecret: SECRET }))).toEqual([
      'shop.copy.en["referral.body"]: unknown placeholder {friend}; expected {firstName}, {shop}, {give} or {get}',
    ]);
  });

  it('types key paths for TypeScript users', () => {
    const copy: CopyOverrides = {
      en: { 'thankYou.title.first': 'Hi {firstName}', 'shipping.subject.a.delayed': 'Late: #{orderNumber}' },
      // @ts-expect-error a locale outside en, ko, zh-CN
      fr: {},
    };
    const typo: CopyOverrides = {
      // @ts-expect-error a mistyped key path fails the type check
      en: { 'thankYou.titel.first': 'Hi' },
    };
    expect(Object.keys(copy.en ?? {})).toHaveLength(2);
    expect(typo.en).toBeDefined();
  });

  it('fills placeholders by name, repeated or absent', () => {
    expect(placeholdersIn('{a} and {b}, {a} again {not a placeholder}')).toEqual(['a', 'b']);
    expect(fillPlaceholders('{name}, {role}! {name}', ['name', 'role'], ['Mina'])).toBe('Mina, ! Mina');
    expect(fillPlaceholders('{count} items', ['count'], [3])).toBe('3 items');
  });
});
