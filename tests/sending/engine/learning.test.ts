/**
 * Learning in the live engine (sending/engine/learning.ts through enqueue): an A/B test judged before orders are
 * planned, its decision recorded once, later orders given the winner while earlier ones keep their variant;
 * segment facts (the customer's held orders) read from the store. The arms' figures come through the port the
 * outcomes fill; here a test port hands them over.
 */
import type PgBoss from 'pg-boss';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrderDocument } from '../../../core/order-document';
import { koreanOrderData } from '../../../emails/_samples';
import { enqueueOrders, type PlanRequest } from '../../../sending/engine/enqueue';
import { holdoutReport } from '../../../sending/engine/holdout-report';
import type { AbFigures } from '../../../sending/engine/learning';
import { abTestStatus } from '../../../sending/engine/status-report';
import type { ArmFigures } from '../../../sending/plan/ab-decision';
import { isHeldOut } from '../../../sending/plan/holdout';
import { parseSequence } from '../../../sending/plan/sequence';
import { allAbTests } from '../../../sending/store/ab-tests';
import { openQueue } from '../../../sending/store/queue';
import type { Store } from '../../../sending/store/store';
import { embeddedStore } from '../../support/databases';
import { secret } from '../../support/send-fixtures';

let store: Store;
let boss: PgBoss;

beforeAll(async () => {
  store = await embeddedStore();
  boss = await openQueue(store.pool);
}, 120_000);

const order = (id: string, email = `${id}@example.com`): OrderDocument => ({
  ...koreanOrderData,
  customer: { ...koreanOrderData.customer, email, ordersCount: 1 },
  order: { ...koreanOrderData.order, id },
});

const abSequence = parseSequence({
  name: 'ab-live',
  steps: [
    { template: 'order-confirmation', day: 0 },
    { template: 'thank-you', day: 3, at: '10:00', abTest: { variants: ['a', 'b'], minPerArm: 100 } },
  ],
});

let arms: Record<string, ArmFigures> = {};
const figures: AbFigures = async (_db, query) => {
  expect(query).toMatchObject({ sequence: 'ab-live', test: 'thank-you@d3', key: 'd3', metric: 'click' });
  return arms;
};

const request = (now: string, sequence = abSequence): PlanRequest => ({
  sequence,
  from: 'Hanok Goods <orders@hanok.example>',
  releaseWindowMs: 0,
  unsubscribeSecret: secret,
  now: new Date(now),
  abFigures: figures,
});

const variantsOf = async (ids: readonly string[]) =>
  Object.fromEntries(
    (
      await store.db
        .selectFrom('steps')
        .select(['order_id', 'variant'])
        .where('template', '=', 'thank-you')
        .where('order_id', 'in', [...ids])
        .execute()
    ).map((r) => [r.order_id, r.variant]),
  );

describe('A/B decisions in the live engine', () => {
  it('splits until the figures decide, records the decision once, then gives only later orders the winner', async () => {
    const early = Array.from({ length: 12 }, (_, i) => `ab-early-${i}`);
    arms = { a: { recipients: 60, successes: 5 }, b: { recipients: 60, successes: 30 } };
    await enqueueOrders(
      store.db,
      boss,
      early.map((id) => order(id)),
      request('2026-11-20T00:00:00Z'),
    );
    const before = await variantsOf(early);
    expect(new Set(Object.values(before))).toEqual(new Set(['a', 'b']));
    const undecided = await store.db.selectFrom('ab_tests').selectAll().executeTakeFirstOrThrow();
    expect(undecided).toMatchObject({
      sequence: 'ab-live',
      test: 'thank-you@d3',
      decided_at: null,
      last_look: -1,
    });

    // Every arm past minPerArm, but the clicks have not come in yet: judged, undecided.
    arms = { a: { recipients: 400, successes: 2 }, b: { recipients: 410, successes: 3 } };
    await enqueueOrders(store.db, boss, [order('ab-mid')], request('2026-11-21T00:00:00Z'));
    const waiting = await store.db.selectFrom('ab_tests').selectAll().executeTakeFirstOrThrow();
    expect(waiting).toMatchObject({ decided_at: null, winner: null });
    expect(waiting.last_look).toBeGreaterThanOrEqual(0);

    // The same recipients, the clicks arrived (the successes doubled: a new look), b far ahead: the next
    // enqueue decides before planning.
    arms = { a: { recipients: 400, successes: 40 }, b: { recipients: 410, successes: 90 } };
    const late = Array.from({ length: 8 }, (_, i) => `ab-late-${i}`);
    await enqueueOrders(
      store.db,
      boss,
      late.map((id) => order(id)),
      request('2026-11-22T00:00:00Z'),
    );
    const decided = await store.db.selectFrom('ab_tests').selectAll().executeTakeFirstOrThrow();
    expect(decided.winner).toBe('b');
    expect(decided.probability).toBeGreaterThanOrEqual(0.9);
    expect(decided.reason).toMatch(
      /^b is best with probability (1|0\.9\d+) ≥ 0\.9, every arm has 100\+ recipients \(click\)$/,
    );
    expect(decided.figures).toMatchObject({ metric: 'click', arms });
    expect(Object.values(await variantsOf(late))).toEqual(late.map(() => 'b'));

    // Earlier orders keep theirs, also when re-planned (a shipment event re-enqueues the order).
    await enqueueOrders(
      store.db,
      boss,
      early.slice(0, 4).map((id) => order(id)),
      request('2026-11-23T00:00:00Z'),
    );
    expect(await variantsOf(early)).toEqual(before);

    // Recorded once: figures that now favour a, weeks later, change nothing.
    arms = { a: { recipients: 4000, successes: 900 }, b: { recipients: 4000, successes: 400 } };
    await enqueueOrders(store.db, boss, [order('ab-later')], request('2026-12-30T00:00:00Z'));
    const still = await store.db.selectFrom('ab_tests').selectAll().executeTakeFirstOrThrow();
    expect(still).toEqual(decided);
    expect(await variantsOf(['ab-later'])).toEqual({ 'ab-later': 'b' });

    // status shows the decision from the store's row.
    const [shown] = (await allAbTests(store.db)).map(abTestStatus);
    expect(shown).toEqual({
      sequence: 'ab-live',
      test: 'thank-you@d3',
      template: 'thank-you',
      metric: 'click',
      startedAt: '2026-11-20T00:00:00.000Z',
      decision: {
        winner: 'b',
        probability: decided.probability,
        reason: decided.reason,
        at: '2026-11-22T00:00:00.000Z',
      },
    });
  });
});

describe('segment facts from the store', () => {
  it("adds the customer's earlier orders in the same currency to ltv, and names the condition for a newcomer", async () => {
    const sequence = parseSequence({
      name: 'segments-live',
      steps: [
        { template: 'order-confirmation', day: 0 },
        { template: 'thank-you', day: 3, at: '10:00', when: { ltv: '>= 150000' } },
      ],
    });
    const total = koreanOrderData.order.total;
    await enqueueOrders(
      store.db,
      boss,
      [order('seg-1', 'loyal@example.com')],
      request('2026-11-20T00:00:00Z', sequence),
    );
    // Two orders of 81,000 KRW reach 150,000 together; one does not.
    expect(total).toBe(81_000);
    await enqueueOrders(
      store.db,
      boss,
      [order('seg-2', 'LOYAL@example.com'), order('seg-new', 'new@example.com')],
      request('2026-11-21T00:00:00Z', sequence),
    );
    const reasons = Object.fromEntries(
      (
        await store.db
          .selectFrom('steps')
          .select(['order_id', 'state', 'reason'])
          .where('template', '=', 'thank-you')
          .where('order_id', 'in', ['seg-1', 'seg-2', 'seg-new'])
          .execute()
      ).map((r) => [r.order_id, [r.state, r.reason]]),
    );
    expect(reasons['seg-new']).toEqual(['skipped', `when: ltv >= 150000 (ltv ${total} KRW)`]);
    expect(reasons['seg-1']).toEqual(['skipped', `when: ltv >= 150000 (ltv ${total} KRW)`]);
    expect(reasons['seg-2']?.[0]).toBe('planned');
  });
});

describe('the report’s holdout over the store', () => {
  it('splits the window’s customers by the address hash and counts their repeat orders', async () => {
    const sequence = parseSequence({
      name: 'holdout-live',
      holdout: 0.5,
      steps: [{ template: 'order-confirmation', day: 0 }],
    });
    const emails = Array.from({ length: 6 }, (_, i) => `holdout-${i}@example.com`);
    const docs = emails.map((email, i) => ({
      ...order(`h-${i}`, email),
      order: { ...order(`h-${i}`, email).order, placedAt: '2026-11-10T09:00:00+09:00' },
    }));
    // The first customer orders again.
    const again = {
      ...docs[0],
      order: { ...(docs[0] as OrderDocument).order, id: 'h-0b', placedAt: '2026-11-12T09:00:00+09:00' },
    } as OrderDocument;
    await enqueueOrders(store.db, boss, [...docs, again], request('2026-11-20T00:00:00Z', sequence));
    const report = await holdoutReport(store.db, 0.5, {
      since: new Date('2026-11-09T00:00:00Z'),
      until: new Date('2026-11-13T00:00:00Z'),
    });
    const held = emails.filter((e) => isHeldOut(e, 0.5));
    expect(report?.held.customers).toBe(held.length);
    expect(report?.treated.customers).toBe(emails.length - held.length);
    const repeater = isHeldOut(emails[0] ?? '', 0.5) ? report?.held : report?.treated;
    expect(repeater?.repeatRate).toBeCloseTo(1 / (repeater?.customers ?? 1), 4);
    expect(repeater?.revenuePerCustomer).toEqual({
      KRW: Math.round(koreanOrderData.order.total / (repeater?.customers ?? 1)),
    });
    expect(report?.lift.interval95[0]).toBeLessThanOrEqual(report?.lift.repeatRate ?? 0);
  });
});
