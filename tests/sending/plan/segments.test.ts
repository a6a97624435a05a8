import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderDocument } from '../../../core/order-document';
import { americanOrderData, koreanOrderData } from '../../../emails/_samples';
import { plan } from '../../../sending/plan/schedule';
import { type HeldOrder, segmentFigures } from '../../../sending/plan/segments';
import { parseSequence, type WhenEntry } from '../../../sending/plan/sequence';
import { whenReason } from '../../../sending/plan/when';

const now = new Date('2026-11-20T00:00:00Z');
const whenOf = (when: unknown): readonly WhenEntry[] =>
  parseSequence({ steps: [{ template: 'thank-you', day: 3, when }] }).steps[0]?.when ?? [];

const withCustomer = (doc: OrderDocument, customer: Partial<OrderDocument['customer']>): OrderDocument => ({
  ...doc,
  customer: { ...doc.customer, ...customer },
});

describe('segments: the object form of when', () => {
  it('names the condition that failed, with the money in the order currency', () => {
    const doc = withCustomer(koreanOrderData, { totalSpent: undefined });
    const total = doc.order.total;
    expect(whenReason(whenOf({ ltv: '>= 100000' }), doc)).toBe(
      total >= 100000 ? undefined : `when: ltv >= 100000 (ltv ${total} KRW)`,
    );
    expect(
      whenReason(whenOf({ orderCount: '>= 2', ltv: '>= 1' }), withCustomer(doc, { ordersCount: 1 })),
    ).toBe('when: orderCount >= 2 (orderCount 1)');
  });

  it('adds customer.totalSpent and the orders the store holds in the same currency to ltv; aov divides by the orders', () => {
    const doc = withCustomer(koreanOrderData, { totalSpent: 50_000, ordersCount: 3 });
    const held: HeldOrder[] = [
      { id: 'old-1', currency: 'KRW', total: 20_000 },
      { id: 'old-usd', currency: 'USD', total: 99_999 },
      { id: doc.order.id, currency: 'KRW', total: doc.order.total },
    ];
    const f = segmentFigures(doc, { orders: held });
    expect(f.ltv).toBe(50_000 + 20_000 + doc.order.total);
    expect(f.orderCount).toBe(3);
    // Three orders held (one in USD), none outside them: the two KRW orders cover the KRW sum with totalSpent.
    expect(f.aov).toBe(Math.round(f.ltv / 2));
  });

  it('groups NPS answers and matches categories case-insensitively', () => {
    const doc: OrderDocument = {
      ...koreanOrderData,
      order: {
        ...koreanOrderData.order,
        items: koreanOrderData.order.items.map((item, i) => ({
          ...item,
          category: i === 0 ? 'Tea' : 'teaware',
        })),
      },
    };
    expect(whenReason(whenOf({ category: ['tea'] }), doc)).toBeUndefined();
    expect(whenReason(whenOf({ category: 'soap' }), doc)).toBe(
      'when: category soap (categories Tea, teaware)',
    );
    expect(whenReason(whenOf({ nps: ['promoter', 'passive'] }), doc, { npsScore: 6 })).toBe(
      'when: nps promoter|passive (nps detractor)',
    );
    expect(whenReason(whenOf({ nps: 'none' }), doc)).toBeUndefined();
    expect(whenReason(whenOf({ nps: 'promoter' }), doc, { npsScore: 9 })).toBeUndefined();
  });

  it('skips a referral for a detractor in a plan, naming the condition; a list entry of names still matches', () => {
    const sequence = parseSequence({
      steps: [
        { template: 'order-confirmation', day: 0 },
        { template: 'thank-you', day: 3, when: ['vip', { orderCount: '>= 1' }] },
        { template: 'referral', day: 28, when: { nps: ['promoter', 'none'] } },
      ],
    });
    const p = plan(koreanOrderData, sequence, { now, facts: { npsScore: 3 } });
    expect(p.steps.map((s) => s.template)).toContain('thank-you');
    expect(p.skipped.find((s) => s.template === 'referral')?.reason).toBe(
      'when: nps promoter|none (nps detractor)',
    );
  });

  it('refuses bad conditions, naming the field', () => {
    const bad = (when: unknown) => () => parseSequence({ steps: [{ template: 'thank-you', day: 3, when }] });
    expect(bad({ ltv: '>= 10.5' })).toThrow('steps[0].when.ltv: expected <, <=, >, >= or = and an integer');
    expect(bad({ nps: ['happy'] })).toThrow(
      'steps[0].when.nps[0]: expected one of promoter, passive, detractor, none',
    );
    expect(bad({})).toThrow('steps[0].when: name at least one condition');
    expect(bad({ age: '> 3' })).toThrow('steps[0].when: unknown condition "age"');
    expect(bad(['vip', { aov: '<' }])).toThrow('steps[0].when[1].aov:');
  });
});

const heldOrders = fc.array(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 6 }),
    currency: fc.constantFrom('KRW', 'USD', 'CNY'),
    total: fc.integer({ min: 0, max: 10_000_000 }),
  }),
  { maxLength: 8 },
);

describe('segments: properties', () => {
  it('an exhaustive split (ltv below / at or above a threshold, by NPS group) puts every customer on exactly one branch', () => {
    fc.assert(
      fc.property(
        heldOrders,
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: undefined }),
        fc.integer({ min: 0, max: 20 }),
        (orders, threshold, npsScore, totalSpent, ordersCount) => {
          const doc = withCustomer(koreanOrderData, { totalSpent, ordersCount });
          const facts = { orders, ...(npsScore === undefined ? {} : { npsScore }) };
          const branches = [
            { ltv: `< ${threshold}`, nps: ['promoter'] },
            { ltv: `< ${threshold}`, nps: ['passive', 'detractor', 'none'] },
            { ltv: `>= ${threshold}`, nps: ['promoter', 'passive'] },
            { ltv: `>= ${threshold}`, nps: ['detractor', 'none'] },
          ];
          const matched = branches.filter((b) => whenReason(whenOf(b), doc, facts) === undefined);
          expect(matched).toHaveLength(1);
        },
      ),
      { seed: 25, numRuns: 300 },
    );
  });

  it('currencies never mix: orders in other currencies change neither ltv nor aov', () => {
    fc.assert(
      fc.property(heldOrders, heldOrders, (orders, noise) => {
        const doc = americanOrderData;
        const base = orders.filter((o) => o.currency === 'USD' && o.id !== doc.order.id);
        const foreign = noise.filter((o) => o.currency !== 'USD').map((o) => ({ ...o, id: `x-${o.id}` }));
        const plain = segmentFigures(doc, { orders: base });
        const mixed = segmentFigures(doc, { orders: [...base, ...foreign] });
        expect(mixed.ltv).toBe(plain.ltv);
        expect(mixed.aov).toBe(plain.aov);
        expect(mixed.currency).toBe('USD');
        // Only same-currency totals (and this order) make up ltv.
        const unique = new Map(base.map((o) => [o.id, o.total]));
        expect(plain.ltv).toBe([...unique.values()].reduce((s, t) => s + t, 0) + doc.order.total);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
