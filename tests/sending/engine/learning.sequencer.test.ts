/**
 * A/B decisions through the sequencer: the arms counted from what the store records (steps that went out to
 * Resend, human clicks), and a test judged when outcomes arrive between orders — by `report()` and `status()` —
 * not only when the next order is planned. One where the figures must not decide, one where they must.
 */
import { describe, expect, it } from 'vitest';
import { americanOrderData } from '../../../emails/_samples';
import { parseSequence } from '../../../sending/plan/sequence';
import type { Store } from '../../../sending/store/store';
import { type LiveEngine, useLiveEngine } from '../../support/databases';
import { withoutFrequencyRules } from '../../support/send-fixtures';

const KEY = 're_learning_test_key';
const sequence = parseSequence(
  withoutFrequencyRules('learning', [
    { template: 'order-confirmation', day: 0 },
    { template: 'thank-you', day: 0, abTest: { variants: ['a', 'b'], minPerArm: 10 } },
  ]),
);

let engine: LiveEngine;
let store: Store;
useLiveEngine(
  'learning',
  {
    apiKey: KEY,
    from: 'Northwind <orders@northwind.example>',
    sequence,
    unsubscribeSecret: 'learning-secret',
  },
  async (opened) => {
    engine = opened;
    store = await opened.sequencer.store();
  },
);

// The engine's clock: steps count once they went out, by the real time they were handed to Resend.
const now = new Date();
const order = (i: number) => ({
  ...americanOrderData,
  customer: { ...americanOrderData.customer, email: `shopper${i}@example.com` },
  order: {
    ...americanOrderData.order,
    id: `learn-${i}`,
    placedAt: new Date(now.getTime() - 3_600_000).toISOString(),
  },
});

/** A human click on each of these thank-you steps (as /webhooks/resend records one). */
async function humanClicks(stepIds: readonly string[]) {
  if (stepIds.length === 0) return;
  await store.db
    .insertInto('interactions')
    .values(
      stepIds.map((id, i) => ({
        id: `click-${id}`,
        step_id: id,
        email_id: `email-${i}`,
        type: 'click' as const,
        link: 'https://northwind.example.com/p/1',
        at: new Date(now.getTime() + 3_600_000),
        verdict: 'human' as const,
        rule: 'test',
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

describe('A/B decisions judged on the store’s outcomes', () => {
  it('does not decide on a few clicks each, decides once b’s clicks come in, and gives only later orders b', async () => {
    const { sequencer } = engine;
    await sequencer.enqueue(Array.from({ length: 60 }, (_, i) => order(i)));
    const steps = await store.db
      .selectFrom('steps')
      .select(['id', 'variant', 'state'])
      .where('template', '=', 'thank-you')
      .execute();
    expect(steps.every((s) => s.state === 'sent' || s.state === 'scheduled')).toBe(true);
    const arm = (v: string) => steps.filter((s) => s.variant === v).map((s) => s.id);
    expect(arm('a').length).toBeGreaterThanOrEqual(10);
    expect(arm('b').length).toBeGreaterThanOrEqual(10);

    // Two clicks per arm: nothing to choose between.
    await humanClicks([...arm('a').slice(0, 2), ...arm('b').slice(0, 2)]);
    const quiet = await sequencer.report();
    expect(quiet.abTests).toHaveLength(1);
    expect(quiet.abTests[0]?.decision).toBeNull();
    expect(quiet.abTests[0]?.arms.a?.successes).toBe(2);

    // Every b recipient clicks, a stays at two: the next look (the clicks doubled) decides, seen by status.
    await humanClicks(arm('b'));
    const status = await sequencer.status();
    const test = status.abTests?.find((t) => t.test === 'thank-you@d0');
    expect(test?.decision?.winner).toBe('b');
    expect(test?.decision?.reason).toMatch(/^b is best with probability (1|0\.9\d*) ≥ 0\.9/);
    const report = await sequencer.report();
    expect(report.abTests[0]?.decision).toEqual(test?.decision);

    // Orders planned after the decision get b; the first sixty keep their split.
    await sequencer.enqueue([order(100), order(101), order(102)], {
      now: new Date(now.getTime() + 3 * 86_400_000),
    });
    const later = await store.db
      .selectFrom('steps')
      .select(['order_id', 'variant'])
      .where('template', '=', 'thank-you')
      .where('order_id', 'in', ['learn-100', 'learn-101', 'learn-102'])
      .execute();
    expect(later.map((s) => s.variant)).toEqual(['b', 'b', 'b']);
    const earlier = await store.db
      .selectFrom('steps')
      .select(['id', 'variant'])
      .where('template', '=', 'thank-you')
      .where('order_id', 'not in', ['learn-100', 'learn-101', 'learn-102'])
      .execute();
    expect(
      earlier
        .filter((s) => s.variant === 'a')
        .map((s) => s.id)
        .sort(),
    ).toEqual([...arm('a')].sort());
  });
});
