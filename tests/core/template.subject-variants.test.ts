import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../components/i18n';
import { renderEmail, SUBJECT_VARIANTS, TEMPLATE_IDS, type TemplateId, ValidationError } from '../../emails';
import {
  americanOrderData,
  chineseOrderData,
  digitalOrderData,
  koreanOrderData,
} from '../../emails/_samples';
import { SECRET } from '../support';

const samples = { ko: koreanOrderData, en: americanOrderData, 'zh-CN': chineseOrderData } as const;
const options = { unsubscribeSecret: SECRET } as const;

describe('subject variants', () => {
  it('offers at least two subject lines per template per locale, each distinct, with the same body text', async () => {
    expect(SUBJECT_VARIANTS.length).toBeGreaterThanOrEqual(2);
    for (const id of TEMPLATE_IDS)
      for (const locale of LOCALES) {
        const rendered = await Promise.all(
          SUBJECT_VARIANTS.map((subjectVariant) =>
            renderEmail(id, samples[locale], { ...options, locale, subjectVariant }),
          ),
        );
        const subjects = rendered.map((r) => r.subject);
        expect(new Set(subjects).size, `${id} in ${locale}: ${subjects.join(' | ')}`).toBe(subjects.length);
        for (const r of rendered) {
          expect(r.subject.trim().length).toBeGreaterThan(3);
          expect(r.text).toBe(rendered[0]?.text);
        }
      }
  });

  it('keeps variant a as the default subject', async () => {
    const plain = await renderEmail('order-confirmation', koreanOrderData, { locale: 'en' });
    const a = await renderEmail('order-confirmation', koreanOrderData, { locale: 'en', subjectVariant: 'a' });
    expect(plain.subject).toBe('Order #1001 confirmed');
    expect(a.subject).toBe(plain.subject);
  });

  it('words variant b for each template in each locale', async () => {
    const b = async (id: TemplateId, doc: unknown, locale: (typeof LOCALES)[number]) =>
      (await renderEmail(id, doc, { ...options, locale, subjectVariant: 'b' })).subject;
    expect(await b('order-confirmation', koreanOrderData, 'en')).toBe("Thanks, 지수! We've got order #1001");
    expect(await b('order-confirmation', koreanOrderData, 'ko')).toBe('지수님, 주문(#1001)을 잘 받았어요');
    expect(await b('order-confirmation', koreanOrderData, 'zh-CN')).toBe('지수，谢谢！我们已收到订单 #1001');
    expect(await b('order-confirmation', digitalOrderData, 'en')).toBe(
      'Your Hanok Goods order is ready to use',
    );
    expect(await b('win-back', koreanOrderData, 'en')).toBe('A little something for your next order');
    expect(await b('win-back', americanOrderData, 'ko')).toBe(
      '(광고) Alex님, Northwind Supply에 새로 들어왔어요',
    );
    expect(await b('replenishment', koreanOrderData, 'zh-CN')).toBe('【广告】지수，该补货啦');
    expect(await b('review-request', americanOrderData, 'en')).toBe(
      'Got a minute? Tell Northwind Supply what you think',
    );
  });

  it('refuses a variant that does not exist, naming the choices', async () => {
    const error = await renderEmail('thank-you', koreanOrderData, {
      ...options,
      subjectVariant: 'z' as 'a',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual(['subjectVariant: expected one of a, b']);
  });
});
