import { describe, expect, it } from 'vitest';
import { koreanOrderData } from '../../../emails/_samples';
import { holdoutGroups } from '../../../sending/engine/holdout-report';
import {
  addressPoint,
  compareHoldout,
  type HoldoutGroup,
  isHeldOut,
  newcombe,
  welch,
} from '../../../sending/plan/holdout';
import { seededRandom } from '../../../sending/plan/random';
import { plan } from '../../../sending/plan/schedule';
import { parseSequence } from '../../../sending/plan/sequence';

const now = new Date('2026-11-20T00:00:00Z');

describe('holdout membership', () => {
  it('holds back about the share asked for, the same addresses every time, whatever their case', () => {
    const addresses = Array.from({ length: 20_000 }, (_, i) => `customer${i}@example.com`);
    const held = addresses.filter((a) => isHeldOut(a, 0.1));
    expect(held.length / addresses.length).toBeGreaterThan(0.09);
    expect(held.length / addresses.length).toBeLessThan(0.11);
    expect(addresses.filter((a) => isHeldOut(a.toUpperCase(), 0.1))).toEqual(held);
    expect(addresses.filter((a) => isHeldOut(a, 0))).toEqual([]);
    // A larger share holds back everyone a smaller one does.
    expect(held.every((a) => isHeldOut(a, 0.2))).toBe(true);
    expect(addressPoint(' Jisoo@Example.com')).toBe(addressPoint('jisoo@example.com'));
  });

  it('sends a held-out customer only the transactional steps, marketing skipped with the reason holdout', () => {
    const held = Array.from({ length: 200 }, (_, i) => `held${i}@example.com`).find((a) => isHeldOut(a, 0.1));
    if (!held) throw new Error('no held-out address among 200');
    const doc = { ...koreanOrderData, customer: { ...koreanOrderData.customer, email: held } };
    const sequence = parseSequence({
      holdout: 0.1,
      steps: [
        { template: 'order-confirmation', day: 0 },
        { template: 'thank-you', day: 3, at: '10:00' },
        { template: 'cross-sell', day: 21, at: '10:00' },
      ],
    });
    const p = plan(doc, sequence, { now });
    expect(p.steps.map((s) => s.template)).toEqual(['order-confirmation']);
    expect(p.skipped.map((s) => [s.template, s.reason])).toEqual([
      ['thank-you', 'holdout'],
      ['cross-sell', 'holdout'],
    ]);
    // A test send to the marketer shows every step.
    expect(plan(doc, sequence, { now, testSend: true }).steps).toHaveLength(3);
  });

  it('refuses a share outside 0–0.5, naming the field', () => {
    expect(() => parseSequence({ holdout: 0.9, steps: [{ template: 'thank-you', day: 3 }] })).toThrow(
      /holdout/,
    );
  });
});

describe('holdout intervals', () => {
  it("Newcombe's interval matches the published example (56/70 vs 48/80: 0.0524 to 0.3339)", () => {
    const [lo, hi] = newcombe(56, 70, 48, 80);
    expect(lo).toBeCloseTo(0.0524, 3);
    expect(hi).toBeCloseTo(0.3339, 3);
  });

  it('covers a known lift in at least 93 % of 1,000 simulated holdout experiments (seeded)', () => {
    const random = seededRandom(1207);
    const [customers, share, heldRate, lift] = [3000, 0.1, 0.15, 0.05];
    let rateCovered = 0;
    let moneyCovered = 0;
    // Revenue per customer: a repeat order with probability p, of a log-normal size (median 40,000, heavy tail).
    const meanOrder = 40_000 * Math.exp(0.8 ** 2 / 2);
    for (let run = 0; run < 1000; run++) {
      const group = (n: number, p: number): HoldoutGroup => {
        let repeaters = 0;
        let sum = 0;
        let sumSquares = 0;
        for (let i = 0; i < n; i++) {
          if (random.next() >= p) continue;
          repeaters++;
          const spent = Math.round(40_000 * Math.exp(0.8 * random.normal()));
          sum += spent;
          sumSquares += spent * spent;
        }
        return { customers: n, repeaters, revenue: { KRW: { sum, sumSquares } } };
      };
      const held = group(customers * share, heldRate);
      const treated = group(customers * (1 - share), heldRate + lift);
      const c = compareHoldout(share, held, treated);
      const [lo, hi] = c.lift.interval95;
      if (lo <= lift && lift <= hi) rateCovered++;
      const money = c.lift.revenuePerCustomer.KRW;
      const trueMoney = lift * meanOrder;
      if (money && money.interval95[0] <= trueMoney && trueMoney <= money.interval95[1]) moneyCovered++;
    }
    expect(rateCovered / 1000).toBeGreaterThanOrEqual(0.93);
    expect(moneyCovered / 1000).toBeGreaterThanOrEqual(0.93);
  });

  it("Welch's interval is symmetric about the difference and widens with the spread", () => {
    const narrow = welch(
      { customers: 100, sum: 1000, sumSquares: 10_100 },
      { customers: 100, sum: 800, sumSquares: 6_500 },
    );
    const wide = welch(
      { customers: 100, sum: 1000, sumSquares: 40_000 },
      { customers: 100, sum: 800, sumSquares: 30_000 },
    );
    expect((narrow[0] + narrow[1]) / 2).toBeCloseTo(2, 6);
    expect(wide[1] - wide[0]).toBeGreaterThan(narrow[1] - narrow[0]);
  });
});

describe('the report’s holdout groups', () => {
  it('puts each customer in one group by address, counts repeat orders and their revenue per currency', () => {
    const addresses = Array.from({ length: 400 }, (_, i) => `c${i}@example.com`);
    const heldOne = addresses.find((a) => isHeldOut(a, 0.1)) ?? '';
    const treatedOne = addresses.find((a) => !isHeldOut(a, 0.1)) ?? '';
    const orders = [
      { address: heldOne, placedAt: '2026-11-01T00:00:00Z', currency: 'KRW', total: 50_000 },
      { address: heldOne.toUpperCase(), placedAt: '2026-11-10T00:00:00Z', currency: 'KRW', total: 30_000 },
      { address: treatedOne, placedAt: '2026-11-02T00:00:00Z', currency: 'USD', total: 2_000 },
      { address: treatedOne, placedAt: '2026-11-01T00:00:00Z', currency: 'KRW', total: 9_000 },
      { address: 'x@example.com', placedAt: '2026-11-03T00:00:00Z', currency: 'USD', total: 1_000 },
    ];
    const { held, treated } = holdoutGroups(orders, 0.1);
    const xHeld = isHeldOut('x@example.com', 0.1);
    expect(held).toEqual({
      customers: 1 + (xHeld ? 1 : 0),
      repeaters: 1,
      revenue: { KRW: { sum: 30_000, sumSquares: 30_000 ** 2 } },
    });
    // The treated customer's first order (KRW, 1 Nov) started it; the USD order of 2 Nov is the repeat.
    expect(treated).toEqual({
      customers: 1 + (xHeld ? 0 : 1),
      repeaters: 1,
      revenue: { USD: { sum: 2_000, sumSquares: 2_000 ** 2 } },
    });
  });
});
