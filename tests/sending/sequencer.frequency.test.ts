/**
 * The frequency rules, cancellations and newer orders in the live engine (issue 12): the planner spaces an
 * order's marketing when it is planned, and the worker applies the same rules again when it releases a step —
 * the gap between marketing emails to one address across orders, quiet hours on the customer's clock, a newer
 * order superseding an older one (cancelling at Resend what was already scheduled there), a cancelled order
 * stopping even a step a worker has claimed. Transactional mail is never held back.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { OrderDocument } from '../../core/order-document';
import { toLocalIso, wallTimeAt } from '../../sending/plan/zoned-time';
import { createSequencer, type Sequencer, type StepStatus } from '../../sending/sequencer';
import { BACKEND, type LiveEngine, QUICK_SENDER, SERVER_URL, useLiveEngine } from '../support/databases';
import type { FakeResend } from '../support/fake-resend';
import { FUTURE_YEAR, secret, seoul, shipmentNews } from '../support/send-fixtures';

const KEY = 're_frequency_test_key';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Default rules (72 h apart, quiet 21:00–08:00). The thank-you has no time of day (it keeps the order's), the
 * review request counts from the delivery with a fallback, the cross-sell has a morning slot.
 */
const SEQUENCE = {
  name: 'frequency',
  steps: [
    { template: 'order-confirmation', day: 0 },
    { template: 'thank-you', day: 1 },
    { template: 'review-request', after: 'delivered', day: 1, at: '10:00', fallbackDay: 2 },
    { template: 'cross-sell', day: 3, at: '10:00' },
  ],
};

let engine: LiveEngine;
let fake: FakeResend;
let sequencer: Sequencer;

useLiveEngine(
  'send_frequency',
  {
    apiKey: KEY,
    sequence: SEQUENCE,
  },
  (opened) => {
    engine = opened;
    ({ fake, sequencer } = opened);
  },
);

/** A fixed-offset zone whose clock now shows one of these hours: the rules depend on the customer's hour. */
function zoneAt(hours: readonly number[]): string {
  for (let offset = -12; offset <= 14; offset++) {
    // POSIX sign: Etc/GMT-9 is nine hours ahead of UTC.
    const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    if (hours.includes(wallTimeAt(Date.now(), zone).hour)) return zone;
  }
  throw new Error(`no zone shows one of the hours ${hours.join(', ')}`);
}
/** Daytime with room on both sides (a test takes seconds, not hours). */
const daytime = () => zoneAt([11, 12, 13, 14, 15, 16]);
/** Deep in the default quiet hours. */
const night = () => zoneAt([22, 23, 0, 1, 2, 3, 4, 5]);

function order(id: string, placedAtMs: number, timeZone: string, email = `${id}@example.com`): OrderDocument {
  const { shipment: _none, ...rest } = seoul;
  return {
    ...rest,
    customer: { ...rest.customer, email, timeZone },
    order: { ...rest.order, id, placedAt: toLocalIso(placedAtMs, timeZone) },
  } as OrderDocument;
}

const stepOf = (steps: readonly StepStatus[], template: string) => {
  const s = steps.find((x) => x.template === template);
  if (!s) throw new Error(`no ${template} step in ${steps.map((x) => x.template).join(', ')}`);
  return s;
};
const localHour = (s: StepStatus) => Number(s.local.slice(11, 13));
const sentTo = (orderId: string) =>
  fake.emails
    .filter((e) => (e.body.tags as { name: string; value: string }[]).some((t) => t.value === orderId))
    .map((e) => ({
      template: (e.body.tags as { name: string; value: string }[]).find((t) => t.name === 'template')?.value,
      status: e.status,
    }));

describe(`minGapHours and quiet hours on ${BACKEND}`, () => {
  it('an order placed at 23:40 local gets no marketing between 21:00 and 08:00, and its marketing 72 h apart', async () => {
    const doc = {
      ...order('quiet-1', 0, 'Asia/Seoul'),
      order: { ...seoul.order, id: 'quiet-1', placedAt: `${FUTURE_YEAR}-06-01T23:40:00+09:00` },
    } as OrderDocument;
    await sequencer.enqueue(doc);
    const steps = (await sequencer.status({ order: 'quiet-1' })).steps;
    // Transactional: at once, quiet hours or not.
    expect(stepOf(steps, 'order-confirmation').local).toBe(`${FUTURE_YEAR}-06-01T23:40:00+09:00`);
    const thankYou = stepOf(steps, 'thank-you');
    expect(thankYou.local).toBe(`${FUTURE_YEAR}-06-03T08:00:00+09:00`);
    expect(thankYou.reason).toBe('deferred: quiet hours 21:00–08:00');
    const marketing = steps
      .filter((s) => s.kind === 'marketing')
      .sort((a, b) => (a.sendAt < b.sendAt ? -1 : 1));
    expect(marketing.map((s) => s.template)).toEqual(['thank-you', 'review-request', 'cross-sell']);
    for (const s of marketing) {
      expect(localHour(s), s.local).toBeGreaterThanOrEqual(8);
      expect(localHour(s), s.local).toBeLessThan(21);
    }
    for (let i = 1; i < marketing.length; i++) {
      const gap = Date.parse(marketing[i]?.sendAt ?? '') - Date.parse(marketing[i - 1]?.sendAt ?? '');
      expect(gap).toBeGreaterThanOrEqual(72 * HOUR);
    }
    // The review request keeps its morning slot when it moves.
    expect(stepOf(steps, 'review-request').local).toBe(`${FUTURE_YEAR}-06-06T10:00:00+09:00`);
    expect(stepOf(steps, 'review-request').reason).toBe(
      'deferred: 72 h since the thank-you of order quiet-1',
    );
  });

  it('overdue marketing: one email now, the rest 72 h apart, and the plan says so at once', async () => {
    const zone = daytime();
    const doc = order('catchup-1', Date.now() - 30 * DAY, zone);
    const result = await sequencer.enqueue(doc);
    // The plan already spaces the overdue steps from now, so the worker has nothing to defer.
    expect(result.released?.deferred).toBe(0);
    expect(sentTo('catchup-1').map((e) => e.template)).toEqual(['order-confirmation', 'thank-you']);
    const steps = (await sequencer.status({ order: 'catchup-1' })).steps;
    const review = stepOf(steps, 'review-request');
    const crossSell = stepOf(steps, 'cross-sell');
    expect(review).toMatchObject({
      state: 'planned',
      reason: 'deferred: 72 h since the thank-you of order catchup-1',
    });
    expect(Date.parse(review.sendAt)).toBeGreaterThanOrEqual(Date.now() + 72 * HOUR - 60_000);
    expect(review.local.slice(11, 16)).toBe('10:00');
    expect(crossSell.state).toBe('planned');
    expect(Date.parse(crossSell.sendAt) - Date.parse(review.sendAt)).toBeGreaterThanOrEqual(72 * HOUR);
    // Every marketing email of the order, sent or planned, is 72 h from the others at the times it really goes.
    const { db } = await sequencer.store();
    const rows = await db
      .selectFrom('steps')
      .select(['id', 'template', 'sent_at', 'send_at'])
      .where('order_id', '=', 'catchup-1')
      .where('kind', '=', 'marketing')
      .where('state', 'in', ['planned', 'sent', 'scheduled'])
      .execute();
    const times = rows.map((r) => new Date(r.sent_at ?? r.send_at).getTime()).sort((a, b) => a - b);
    expect(times.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < times.length; i++)
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(72 * HOUR - 60_000);
    // A second pass sends nothing early.
    const again = await sequencer.work({ once: true });
    expect(again.sent + again.scheduled).toBe(0);
    expect(sentTo('catchup-1')).toHaveLength(2);

    // The worker holds the line too: the review made due now (as if the plan were older than the thank-you) is
    // deferred at release, not sent.
    const reviewId = rows.find((r) => r.template === 'review-request')?.id ?? '';
    await db
      .updateTable('steps')
      .set({ send_at: sql`now() - interval '1 minute'`, release_at: sql`now() - interval '1 minute'` })
      .where('id', '=', reviewId)
      .execute();
    await sql`UPDATE post_purchase_emails_queue.job SET start_after = now() - interval '1 minute'
      WHERE data->>'step' = ${reviewId} AND state < 'active'`.execute(db);
    const release = await sequencer.work({ once: true });
    expect(release).toMatchObject({ sent: 0, deferred: 1 });
    expect(stepOf((await sequencer.status({ order: 'catchup-1' })).steps, 'review-request')).toMatchObject({
      state: 'planned',
      reason: 'deferred: 72 h since the thank-you of order catchup-1',
    });
    expect(sentTo('catchup-1')).toHaveLength(2);
  });

  it('quiet hours hold at release: an overdue marketing step waits for its morning slot on the customer’s clock', async () => {
    const zone = night();
    // The cross-sell (day 3, 10:00) was planned in daylight and is overdue; the worker meets it at night.
    // With night consent: Korea's night rule would otherwise move it at planning already (tests/night-rule.test.ts).
    const planned = order('night-1', Date.now() - 4 * DAY, zone);
    const doc = { ...planned, customer: { ...planned.customer, consents: { night: true } } };
    await sequencer.enqueue(doc, { only: ['order-confirmation', 'cross-sell'] });
    expect(sentTo('night-1').map((e) => e.template)).toEqual(['order-confirmation']);
    const crossSell = stepOf((await sequencer.status({ order: 'night-1' })).steps, 'cross-sell');
    expect(crossSell).toMatchObject({ state: 'planned', reason: 'deferred: quiet hours 21:00–08:00' });
    expect(crossSell.local.slice(11, 16)).toBe('10:00');
    expect(Date.parse(crossSell.sendAt)).toBeGreaterThan(Date.now());
    expect(Date.parse(crossSell.sendAt)).toBeLessThanOrEqual(Date.now() + 13 * HOUR);
  });
});

describe('a newer order from the same customer', () => {
  it('two orders three days apart: the first’s unsent marketing is superseded, the second’s waits 72 h after the last email', async () => {
    const zone = daytime();
    const email = 'repeat@example.com';
    await sequencer.enqueue(order('repeat-a', Date.now() - 3 * DAY, zone, email));
    expect(sentTo('repeat-a').map((e) => e.template)).toEqual(['order-confirmation', 'thank-you']);
    await sequencer.enqueue(order('repeat-b', Date.now(), zone, email));
    const a = (await sequencer.status({ order: 'repeat-a' })).steps;
    for (const s of a.filter((x) => x.kind === 'marketing' && x.template !== 'thank-you'))
      expect(s, s.template).toMatchObject({ state: 'skipped', reason: 'superseded by order repeat-b' });
    const b = (await sequencer.status({ order: 'repeat-b' })).steps;
    expect(stepOf(b, 'order-confirmation').state).toBe('sent');
    const thankYou = stepOf(b, 'thank-you');
    expect(thankYou).toMatchObject({
      state: 'planned',
      reason: 'deferred: 72 h since the thank-you of order repeat-a',
    });
    expect(Date.parse(thankYou.sendAt)).toBeGreaterThanOrEqual(Date.now() + 72 * HOUR - 60_000);
    expect(sentTo('repeat-b').map((e) => e.template)).toEqual(['order-confirmation']);
  });

  it('cancels at Resend the older order’s marketing that was already scheduled there', async () => {
    const zone = daytime();
    const email = 'scheduled@example.com';
    // The thank-you (a day after the order, no time of day) is due in 40 minutes: within the release window.
    await sequencer.enqueue(order('sched-a', Date.now() - DAY + 40 * 60_000, zone, email));
    const before = stepOf((await sequencer.status({ order: 'sched-a' })).steps, 'thank-you');
    expect(before.state).toBe('scheduled');
    await sequencer.enqueue(order('sched-b', Date.now(), zone, email));
    const after = stepOf((await sequencer.status({ order: 'sched-a' })).steps, 'thank-you');
    expect(after).toMatchObject({
      state: 'skipped',
      reason: 'superseded by order sched-b (cancelled at Resend)',
    });
    expect(fake.emails.find((e) => e.id === before.resendId)?.status).toBe('cancelled');
  });
});

describe('cancelled orders', () => {
  it('order-cancelled after the shipping update: nothing more goes out, scheduled steps cancelled at Resend', async () => {
    const zone = daytime();
    const doc = order('cancel-1', Date.now() - DAY + 40 * 60_000, zone);
    await sequencer.enqueue(doc);
    const scheduled = stepOf((await sequencer.status({ order: 'cancel-1' })).steps, 'thank-you');
    expect(scheduled.state).toBe('scheduled');
    await sequencer.event({
      type: 'shipment',
      document: {
        ...doc,
        shipment: shipmentNews('shipped', '1234567890'),
      },
    });
    expect(
      sentTo('cancel-1')
        .map((e) => e.template)
        .sort(),
    ).toEqual(['order-confirmation', 'shipping-update', 'thank-you']);
    const result = await sequencer.event({ type: 'order-cancelled', orderId: 'cancel-1' });
    expect(result.cancelled).toBeGreaterThanOrEqual(3);
    const steps = (await sequencer.status({ order: 'cancel-1' })).steps;
    expect(stepOf(steps, 'thank-you')).toMatchObject({
      state: 'cancelled',
      reason: 'order cancelled (cancelled at Resend)',
    });
    for (const t of ['review-request', 'cross-sell']) expect(stepOf(steps, t).state).toBe('cancelled');
    expect(fake.emails.find((e) => e.id === scheduled.resendId)?.status).toBe('cancelled');
    const emailsBefore = fake.emails.length;
    await sequencer.work({ once: true });
    expect(fake.emails.length).toBe(emailsBefore);
  });

  it('a step a worker has claimed but not yet handed over is stopped by a cancellation, and never leaves', async () => {
    const zone = daytime();
    await sequencer.enqueue(order('claimed-1', Date.now() - 2 * DAY, zone), { release: false });
    const { db } = await sequencer.store();
    // A worker's claim (planned → sending), as release() makes it, caught before it records its request.
    await db
      .updateTable('steps')
      .set({ state: 'sending', lease_until: sql`now() + interval '5 minutes'`, attempts: sql`attempts + 1` })
      .where('order_id', '=', 'claimed-1')
      .where('template', '=', 'order-confirmation')
      .execute();
    await sequencer.event({ type: 'order-cancelled', orderId: 'claimed-1' });
    const steps = (await sequencer.status({ order: 'claimed-1' })).steps;
    expect(steps.every((s) => s.state === 'cancelled' || s.state === 'skipped')).toBe(true);
    await sequencer.work({ once: true });
    expect(sentTo('claimed-1')).toEqual([]);
  });
});

describe('a compressed test send', () => {
  it('keeps its compressed calendar when a shipment event re-plans it, with the gap compressed too', async () => {
    const zone = night(); // quiet hours do not apply to a compressed test
    const doc = order('compressed-1', Date.now(), zone);
    const compressMs = 2000;
    await sequencer.enqueue(doc, { compressMs, to: 'marketer@example.com', release: false });
    const { db } = await sequencer.store();
    const stored = await db
      .selectFrom('orders')
      .select('rules')
      // A test send is its own run: `test:<order id>:<recipient>`.
      .where('id', '=', 'test:compressed-1:marketer@example.com')
      .executeTakeFirst();
    expect(stored?.rules).toMatchObject({ compressMs, minGapHours: 72 });
    const soon = (s: StepStatus) => Date.parse(s.sendAt) - Date.now();
    const planned = (await sequencer.status({ order: 'compressed-1' })).steps;
    for (const s of planned) expect(soon(s), s.template).toBeLessThan(60_000);
    // 72 h is three compressed days: 6 s.
    const [thankYou, review] = [stepOf(planned, 'thank-you'), stepOf(planned, 'review-request')];
    expect(Date.parse(review.sendAt) - Date.parse(thankYou.sendAt)).toBeGreaterThanOrEqual(3 * compressMs);
    await sequencer.event(
      {
        type: 'shipment',
        document: {
          ...doc,
          shipment: shipmentNews('delivered', '555'),
        },
      },
      { release: false },
    );
    const replanned = (await sequencer.status({ order: 'compressed-1' })).steps;
    const after = stepOf(replanned, 'review-request');
    expect(after.anchor).toBe('1 day after delivery');
    expect(soon(after)).toBeLessThan(60_000);
    for (const s of replanned) expect(soon(s), s.template).toBeLessThan(60_000);
  });
});

describe('deferred within the release window', () => {
  it('a step the rules move to a time still inside the window is handed to Resend for that time, not re-queued', async () => {
    const zone = daytime();
    const compressMs = 2000;
    // A compressed test sequence whose day 0 was a minute ago: every step is overdue at once, and the gap
    // (three compressed days, 6 s) moves each marketing step to a time inside the one-hour release window.
    const doc = order('window-1', Date.now() - 60_000, zone);
    const result = await sequencer.enqueue(doc, {
      compressMs,
      start: new Date(Date.now() - 60_000).toISOString(),
      to: 'window-tester@example.com',
    });
    expect(result.released?.deferred).toBe(2);
    const steps = (await sequencer.status({ order: 'window-1' })).steps;
    const marketing = steps
      .filter((s) => s.kind === 'marketing')
      .sort((a, b) => (a.sendAt < b.sendAt ? -1 : 1));
    expect(marketing.map((s) => s.state)).toEqual(['sent', 'scheduled', 'scheduled']);
    for (let i = 1; i < marketing.length; i++) {
      const gap = Date.parse(marketing[i]?.sendAt ?? '') - Date.parse(marketing[i - 1]?.sendAt ?? '');
      expect(gap).toBeGreaterThanOrEqual(3 * compressMs - 1000);
      expect(marketing[i]?.reason).toMatch(/^deferred: 72 h since the /);
    }
    const scheduledAt = fake.emails
      .filter((e) => (e.body.tags as { value: string }[]).some((t) => t.value === 'window-1'))
      .map((e) => e.body.scheduled_at)
      .filter(Boolean);
    expect(scheduledAt).toHaveLength(2);
  });
});

describe.runIf(SERVER_URL)('several workers on one Postgres', () => {
  it('release marketing to one address one at a time: never two inside the gap, whoever claims what', async () => {
    const zone = daytime();
    const customers = 60;
    // Two overdue orders per customer, kept in parallel: every marketing step of both is due at once.
    const parallel = { ...SEQUENCE, name: 'frequency-parallel', onNewOrder: 'parallel' as const };
    const planner = createSequencer({
      databaseUrl: engine.databaseUrl ?? '',
      apiKey: KEY,
      from: 'Hanok Goods <orders@hanok.example>',
      sequence: parallel,
      unsubscribeSecret: secret,
    });
    // Every first order, then every second one: the queue hands one customer's two orders to different workers.
    const first = Array.from({ length: customers }, (_, i) =>
      order(`race-${i}-a`, Date.now() - 30 * DAY, zone, `race-${i}@example.com`),
    );
    const second = Array.from({ length: customers }, (_, i) =>
      order(`race-${i}-b`, Date.now() - 29 * DAY, zone, `race-${i}@example.com`),
    );
    await planner.enqueue(first, { release: false });
    await planner.enqueue(second, { release: false });
    await planner.close();
    const workers = Array.from({ length: 4 }, () =>
      createSequencer({
        databaseUrl: engine.databaseUrl ?? '',
        apiKey: KEY,
        from: 'Hanok Goods <orders@hanok.example>',
        sequence: parallel,
        unsubscribeSecret: secret,
        sender: QUICK_SENDER,
        lanes: 1,
      }),
    );
    try {
      await Promise.all(workers.map((w) => w.store()));
      const reports = await Promise.all(workers.map((w) => w.work({ once: true })));
      expect(reports.reduce((n, r) => n + r.deferred, 0)).toBeGreaterThan(0);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
    for (let i = 0; i < customers; i++) {
      const mail = [...sentTo(`race-${i}-a`), ...sentTo(`race-${i}-b`)];
      expect(
        mail.filter((m) => m.template === 'order-confirmation'),
        `race-${i}`,
      ).toHaveLength(2);
      expect(
        mail.filter((m) => m.template !== 'order-confirmation'),
        `race-${i}: marketing released together`,
      ).toHaveLength(1);
    }
  }, 120_000);
});
