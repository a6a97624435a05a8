/**
 * The fast renderer against the reference on documents nobody wrote by hand: seeded variants of
 * the samples with optional parts removed, other currencies, awkward names and every shipment
 * status and review scale. Deterministic (a fixed-seed generator), so a failure reproduces.
 */
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../components/i18n';
import { SHIPMENT_STATUSES } from '../../core/order-document';
import { renderEmail, TEMPLATE_IDS } from '../../emails';
import { type CompleteDocument, sampleDocuments } from '../../emails/_samples';
import { SECRET } from '../support';
import { matrix } from '../support/matrix';

function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return {
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
  };
}

const OPTIONAL: readonly (readonly [string, string])[] = [
  ['shop', 'supportPhone'],
  ['shop', 'contact'],
  ['shop', 'social'],
  ['shop', 'story'],
  ['shop', 'vipThreshold'],
  ['shop', 'logoDarkUrl'],
  ['shop', 'unsubscribeEmail'],
  ['customer', 'lastName'],
  ['order', 'discount'],
  ['order', 'tax'],
  ['order', 'payment'],
  ['shipment', 'estimatedDelivery'],
  ['shipment', 'itemIds'],
  ['instructions', 'videoUrl'],
  ['review', 'surveyUrl'],
  ['review', 'scale'],
];
const CURRENCIES = ['USD', 'KRW', 'JPY', 'BHD', 'EUR', 'CNY', 'GBP', 'KWD'] as const;
const NAMES = ['<b>&amp;</b>', 'Ünïcödé 😀', '김지수', '王伟', `O'Brien "Q"`, 'x'.repeat(120)] as const;

function variants(count: number): CompleteDocument[] {
  const { chance, pick } = generator(42);
  const bases = Object.values(sampleDocuments);
  return Array.from({ length: count }, (_, i) => {
    const doc = structuredClone(bases[i % bases.length] as CompleteDocument);
    const loose = doc as unknown as Record<string, Record<string, unknown>>;
    for (const [part, field] of OPTIONAL) if (chance(0.4)) delete loose[part]?.[field];
    if (chance(0.2)) doc.shop.utm = false;
    doc.order.currency = pick(CURRENCIES);
    if (chance(0.5)) doc.customer.firstName = pick(NAMES);
    if (chance(0.3)) doc.order.items[0]!.name = pick(NAMES);
    doc.shipment.status = pick(SHIPMENT_STATUSES);
    if (chance(0.3)) doc.review.scale = 'nps';
    return doc;
  });
}

describe('the fast renderer on generated documents', () => {
  it.each(matrix(variants(40), (all) => all.slice(0, 1)).map((doc, i) => [i, doc] as const))(
    'variant %i: same HTML and text as the reference',
    async (_, doc) => {
      for (const [i, id] of TEMPLATE_IDS.entries())
        for (const locale of matrix(LOCALES, (all) => all.slice(i % all.length, (i % all.length) + 1))) {
          const options = { locale, unsubscribeSecret: SECRET } as const;
          const fast = await renderEmail(id, doc, options);
          const reference = await renderEmail(id, doc, { ...options, renderer: 'reference' });
          expect(fast.html, `${id} ${locale}`).toBe(reference.html);
          expect(fast.text, `${id} ${locale}`).toBe(reference.text);
        }
    },
  );
});
