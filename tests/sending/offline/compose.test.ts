import { describe, expect, it } from 'vitest';
import { digitalOrderData, koreanOrderData, mixedOrderData } from '../../../emails/_samples';
import { composeSequence } from '../../../sending/offline/compose';
import { outboxRecord, timelineHtml } from '../../../sending/offline/outbox';
import { plan } from '../../../sending/plan/schedule';
import { parseSequence, type Sequence } from '../../../sending/plan/sequence';
import { secret } from '../../support/send-fixtures';

const sequence = (steps: unknown[]): Sequence => parseSequence({ name: 'flow', steps });
const now = new Date('2026-11-01T00:00:00Z');

/** The contract's full default once shipment events exist, plus a fixed-day shipping update. */
const full = sequence([
  { template: 'order-confirmation', day: 0 },
  { template: 'shipping-update', day: 2 },
  { template: 'thank-you', day: 3, at: '10:00' },
  {
    template: 'product-instructions',
    after: 'estimated-delivery',
    day: -1,
    at: '10:00',
    fallbackDay: 5,
  },
  { template: 'review-request', after: 'delivered', day: 5, at: '10:00', fallbackDay: 14 },
  { template: 'cross-sell', after: 'delivered', day: 10, at: '10:00', fallbackDay: 21 },
  { template: 'referral', day: 28, at: '10:00', when: 'returning' },
  { template: 'win-back', day: 42, at: '10:00' },
  { template: 'replenishment', day: 'lifespan', offsetDays: -5, at: '10:00' },
]);

describe('an all-digital order in a sequence', () => {
  it('skips shipping, instructions before delivery and delivery-anchored steps with that reason, and sends the rest', () => {
    const p = plan(digitalOrderData, full, { now });
    expect(p.steps.map((s) => s.template)).toEqual(['order-confirmation', 'thank-you', 'win-back']);
    expect(p.steps[0]?.subject).toBe('감사합니다, 환영해요!');
    const reasons = Object.fromEntries(p.skipped.map((s) => [s.template, s.reason]));
    for (const id of ['shipping-update', 'product-instructions', 'review-request', 'cross-sell'])
      expect(reasons[id], id).toMatch(
        /^digital order: every item is delivered by download or account access/,
      );
    expect(reasons['shipping-update']).toContain('no shipping updates');
    expect(reasons['review-request']).toContain('no delivery to count from');
    // Nothing in it runs out: replenishment is skipped for that reason, not the digital one.
    expect(reasons.replenishment).toBe('no item of the order has a lifespan (lifespanDays)');
  });

  it('skips nothing for being digital when part of the order ships', () => {
    const p = plan(mixedOrderData, full, { now });
    expect(p.skipped.every((s) => !s.reason.startsWith('digital order'))).toBe(true);
    expect(p.steps.map((s) => s.template)).toContain('shipping-update');
  });
});

describe('win-back and replenishment in a sequence', () => {
  it('sends win-back on day 42 and replenishment five days before the shortest lifespan runs out', () => {
    // The Korean sample: placed 2026-11-20 09:30 in Seoul; the tea lasts 30 days.
    const p = plan(koreanOrderData, full, { now });
    const at = Object.fromEntries(p.steps.map((s) => [s.template, s.local]));
    expect(at['win-back']).toBe('2027-01-01T10:00:00+09:00');
    expect(at.replenishment).toBe('2026-12-15T10:00:00+09:00');
    const replenishment = p.steps.find((s) => s.template === 'replenishment');
    expect(replenishment?.subject).toBe('(광고) 제주 녹차 세트, 곧 떨어지지 않으셨나요?');
  });
});

describe('subject variants in a sequence', () => {
  it('puts the chosen variant in the subject line, the Resend tags, the outbox record and the timeline', async () => {
    const fixed = sequence([
      { template: 'order-confirmation', day: 0, subject: 'b' },
      { template: 'thank-you', day: 3, at: '10:00' },
    ]);
    const composed = await composeSequence(koreanOrderData, {
      sequence: fixed,
      now,
      unsubscribeSecret: secret,
    });
    const [confirmation, thankYou] = composed.steps;
    expect(confirmation?.variant).toBe('b');
    expect(confirmation?.subject).toBe('지수님, 주문(#1001)을 잘 받았어요');
    expect(confirmation?.payload.subject).toBe(confirmation?.subject);
    expect(confirmation?.payload.tags).toContainEqual({ name: 'variant', value: 'b' });
    // No test on this step: no variant, no tag, the default subject.
    expect(thankYou?.variant).toBeUndefined();
    expect(thankYou?.payload.tags.map((t) => t.name)).toEqual(['template', 'order', 'step']);
    if (!confirmation) throw new Error('planned');
    expect(outboxRecord(composed, confirmation).variant).toBe('b');
    expect(timelineHtml(composed)).toContain('<small class="variant">variant b</small>');
  });

  it('gives each order of an A/B test the subject of its variant', async () => {
    const ab = sequence([{ template: 'order-confirmation', day: 0, abTest: ['a', 'b'] }]);
    const subjects = { a: 'Order #1001 confirmed', b: "Thanks, 지수! We've got order #1001" } as const;
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const doc = { ...koreanOrderData, customer: { ...koreanOrderData.customer, locale: 'en' as const } };
      const order = { ...doc, order: { ...doc.order, id: `ord_${i}` } };
      const [step] = (await composeSequence(order, { sequence: ab, now })).steps;
      const v = step?.variant as 'a' | 'b';
      seen.add(v);
      expect(step?.payload.subject).toBe(subjects[v]);
      expect(step?.payload.tags).toContainEqual({ name: 'variant', value: v });
    }
    expect(seen).toEqual(new Set(['a', 'b']));
  });

  it('refuses a variant no template has, naming the choices', () => {
    expect(() => sequence([{ template: 'thank-you', day: 3, subject: 'c' }])).toThrow(
      'steps[0].subject: no template has subject variant "c": every template has a, b',
    );
    expect(() => sequence([{ template: 'thank-you', day: 3, abTest: ['a', 'z'] }])).toThrow(
      'steps[0].abTest[1]: no template has subject variant "z"',
    );
  });
});

describe('the frequency rules in the offline outbox', () => {
  it('shows the time the rules give and why: the outbox record and the timeline', async () => {
    const late = {
      ...koreanOrderData,
      order: { ...koreanOrderData.order, placedAt: '2026-11-20T23:40:00+09:00' },
    };
    const composed = await composeSequence(late, {
      sequence: sequence([
        { template: 'order-confirmation', day: 0 },
        { template: 'thank-you', day: 1 },
      ]),
      now,
      unsubscribeSecret: secret,
    });
    const thankYou = composed.steps.find((s) => s.template === 'thank-you');
    if (!thankYou) throw new Error('planned');
    expect(thankYou.local).toBe('2026-11-22T08:00:00+09:00');
    expect(outboxRecord(composed, thankYou)).toMatchObject({
      scheduledLocal: '2026-11-22T08:00:00+09:00',
      deferred: 'deferred: quiet hours 21:00–08:00',
    });
    expect(timelineHtml(composed)).toContain('deferred: quiet hours 21:00–08:00');
    const confirmation = composed.steps.find((s) => s.template === 'order-confirmation');
    expect(confirmation && outboxRecord(composed, confirmation)).not.toHaveProperty('deferred');
  });
});
