/**
 * Shipment events through the library (`sequencer.event({ type: 'shipment', document })`): the shipping update
 * at once and once per status; a delivery anchors the review request, and never sends a step a second time.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../core/order-document';
import { POST_PURCHASE } from '../../../sending/plan/sequence';
import { toLocalIso } from '../../../sending/plan/zoned-time';
import type { Sequencer } from '../../../sending/sequencer';
import { useLiveEngine } from '../../support/databases';
import type { FakeResend } from '../../support/fake-resend';
import { seoulAnyHour, shipmentNews, withoutFrequencyRules } from '../../support/send-fixtures';

const KEY = 're_shipment_event_key_1a2b';
let fake: FakeResend;
let sequencer: Sequencer;

useLiveEngine(
  'shipment_event',
  {
    apiKey: KEY,
    unsubscribeSecret: 'unsubscribe-secret',
    // The default sequence's timing without the frequency rules: an old order's overdue steps go at once,
    // whatever the hour the tests run at (tests/sending/sequencer.frequency.test.ts holds the rules).
    sequence: withoutFrequencyRules(POST_PURCHASE.name, POST_PURCHASE.steps),
  },
  (engine) => {
    ({ fake, sequencer } = engine);
  },
);

/**
 * The Seoul sample, placed `daysAgo` days ago, with its own order id and customer (one customer's newer order
 * would supersede the marketing of their older ones).
 */
function order(id: string, daysAgo: number) {
  const { shipment: _none, ...rest } = seoulAnyHour;
  return {
    ...rest,
    customer: { ...rest.customer, email: `${id}@example.com` },
    order: { ...rest.order, id, placedAt: toLocalIso(Date.now() - daysAgo * 86_400_000, 'Asia/Seoul') },
  };
}
const shipment = (status: string) => shipmentNews(status);
const sent = (orderId: string, template: string) =>
  fake.emails.filter((e) => {
    const tags = e.body.tags as { name: string; value: string }[];
    return (
      tags.some((t) => t.name === 'order' && t.value === orderId) &&
      tags.some((t) => t.name === 'template' && t.value === template)
    );
  });

describe('shipment events', () => {
  it('send the shipping update at once, once per status of a parcel', async () => {
    const doc = order('ship-1', 1);
    await sequencer.enqueue(doc);
    const first = await sequencer.event({
      type: 'shipment',
      document: { ...doc, shipment: shipment('shipped') },
    });
    expect(first).toMatchObject({ applied: true });
    expect(sent('ship-1', 'shipping-update')).toHaveLength(1);
    const repeat = await sequencer.event({
      type: 'shipment',
      document: { ...doc, shipment: shipment('shipped') },
    });
    expect(repeat.applied).toBe(false);
    expect(sent('ship-1', 'shipping-update')).toHaveLength(1);
    await sequencer.event({ type: 'shipment', document: { ...doc, shipment: shipment('delayed') } });
    expect(sent('ship-1', 'shipping-update')).toHaveLength(2);
    const [, delayed] = sent('ship-1', 'shipping-update');
    expect(delayed?.body.scheduled_at).toBeUndefined(); // transactional: never deferred
  });

  it('refuses a document that cannot carry a shipping update, before recording anything', async () => {
    const doc = order('ship-2', 1);
    const before = (await sequencer.status({ order: 'ship-2' })).steps;
    await expect(
      sequencer.event({
        type: 'shipment',
        document: { ...doc, shipment: { ...shipment('lost'), carrier: '' } },
      }),
    ).rejects.toThrow(ValidationError);
    await expect(sequencer.event({ type: 'shipment', document: doc })).rejects.toThrow(
      /shipment: required by the shipping-update template/,
    );
    expect((await sequencer.status({ order: 'ship-2' })).steps).toEqual(before);
  });

  it('a delivery after the fallback already sent the review request sends nothing twice', async () => {
    // Placed 16 days ago: the review request's fallback (day 14) has passed, so it goes when the order is planned.
    const doc = order('ship-3', 16);
    await sequencer.enqueue(doc);
    expect(sent('ship-3', 'review-request')).toHaveLength(1);
    const result = await sequencer.event({
      type: 'shipment',
      document: { ...doc, shipment: shipment('delivered') },
    });
    expect(result.applied).toBe(true);
    expect(sent('ship-3', 'review-request')).toHaveLength(1);
    const reviews = (await sequencer.status({ order: 'ship-3' })).steps.filter(
      (s) => s.template === 'review-request',
    );
    expect(reviews).toHaveLength(1);
    expect(reviews[0]?.state).toBe('sent');
  });

  it('a delivery before the fallback moves the review request to 5 days after it', async () => {
    const doc = order('ship-4', 2);
    await sequencer.enqueue(doc);
    const before = (await sequencer.status({ order: 'ship-4' })).steps.find(
      (s) => s.template === 'review-request',
    );
    expect(before?.anchor).toBe('fallback: day 14 (5 days after delivery once known)');
    await sequencer.event({ type: 'shipment', document: { ...doc, shipment: shipment('delivered') } });
    const after = (await sequencer.status({ order: 'ship-4' })).steps.filter(
      (s) => s.template === 'review-request',
    );
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ state: 'planned', anchor: '5 days after delivery' });
    expect(Date.parse(after[0]?.sendAt ?? '')).toBeLessThan(Date.parse(before?.sendAt ?? ''));
    expect(sent('ship-4', 'review-request')).toHaveLength(0);
  });
});
