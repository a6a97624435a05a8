/**
 * The complaint guardrail (sending/engine/guardrail.ts) in the live engine: marketing's complaint rate over
 * 24 h, from the delivered and complained events the Resend webhook records (the same rows here, written
 * straight into the store: a thousand signed webhooks would test the webhook, which has its own tests). At
 * 0.3 % with 1,000 delivered the worker stops releasing marketing and transactional mail goes on, until
 * `resumeMarketing()` (`send resume-marketing`) lifts it; at 0.1 % it warns.
 */
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OrderDocument } from '../../../core/order-document';
import { runSendCommand } from '../../../sending/cli/send-command';
import { judge } from '../../../sending/engine/guardrail';
import { toLocalIso } from '../../../sending/plan/zoned-time';
import type { Sequencer } from '../../../sending/sequencer';
import type { Store } from '../../../sending/store/store';
import { BACKEND, useLiveEngine } from '../../support/databases';
import type { FakeResend } from '../../support/fake-resend';
import { newYork, withoutFrequencyRules } from '../../support/send-fixtures';

const KEY = 're_guardrail_key';
const DAY = 86_400_000;
const ZONE = 'America/New_York';

/** No gap, no quiet hours: only the guardrail may hold the thank-you back. */
const SEQUENCE = withoutFrequencyRules('guardrail', [
  { template: 'order-confirmation', day: 0 },
  { template: 'thank-you', day: 1 },
]);

let fake: FakeResend;
let sequencer: Sequencer;
let store: Store;
const logged: string[] = [];

useLiveEngine(
  'guardrail',
  {
    apiKey: KEY,
    from: 'Goods <orders@goods.example>',
    sequence: SEQUENCE,
    log: (line) => logged.push(line),
  },
  async (engine) => {
    ({ fake, sequencer } = engine);
    store = await sequencer.store();
  },
);

beforeEach(async () => {
  // Each test its own 24 hours: no events, no trip, no resume, no steps of the previous test.
  await sql`DELETE FROM events`.execute(store.db);
  await sql`DELETE FROM store_meta WHERE key LIKE 'guardrail.%'`.execute(store.db);
  await sql`UPDATE steps SET state = 'cancelled' WHERE state = 'planned'`.execute(store.db);
  logged.length = 0;
});

/**
 * `delivered` marketing emails delivered in the last hours, `complaints` of them complained about, as the
 * webhook records them (`events.payload.data.email_id` → `steps.resend_id`). `kind` of the steps they went as.
 */
async function history(delivered: number, complaints: number, kind = 'marketing', tag = kind): Promise<void> {
  const order = `bulk-${tag}-${delivered}-${complaints}`;
  await sql`INSERT INTO orders (id, customer_email, sequence) VALUES (${order}, 'bulk@example.com', 'guardrail')
    ON CONFLICT DO NOTHING`.execute(store.db);
  await sql`
    INSERT INTO steps (id, order_id, step, template, kind, day, state, send_at, local_time, release_at,
                       recipient, sender, idempotency_key, resend_id, sent_at)
    SELECT ${order} || '/' || i, ${order}, i, 'cross-sell', ${kind}, 0, 'sent', now() - interval '3 hours', '',
           now() - interval '4 hours', 'bulk' || i || '@example.com', 'Goods <orders@goods.example>',
           ${order} || '/' || i, ${order} || '-em-' || i, now() - interval '3 hours'
    FROM generate_series(1, ${delivered}::int) AS i
    ON CONFLICT DO NOTHING`.execute(store.db);
  await sql`
    INSERT INTO events (id, source, type, payload)
    SELECT 'resend:' || ${order} || '-d-' || i, 'resend', 'email.delivered',
           jsonb_build_object('type', 'email.delivered', 'data', jsonb_build_object('email_id', ${order} || '-em-' || i))
    FROM generate_series(1, ${delivered}::int) AS i`.execute(store.db);
  await sql`
    INSERT INTO events (id, source, type, payload)
    SELECT 'resend:' || ${order} || '-c-' || i, 'resend', 'email.complained',
           jsonb_build_object('type', 'email.complained', 'data', jsonb_build_object('email_id', ${order} || '-em-' || i))
    FROM generate_series(1, ${complaints}::int) AS i`.execute(store.db);
}

function order(id: string): OrderDocument {
  const { shipment: _none, ...rest } = newYork;
  return {
    ...rest,
    customer: { ...rest.customer, email: `${id}@example.com`, timeZone: ZONE },
    order: { ...rest.order, id, placedAt: toLocalIso(Date.now() - 3 * DAY, ZONE) },
  } as OrderDocument;
}

const sentTo = (orderId: string) =>
  fake.emails
    .map((e) => e.body.tags as { name: string; value: string }[])
    .filter((tags) => tags.some((t) => t.value === orderId))
    .map((tags) => tags.find((t) => t.name === 'template')?.value);

/** An order whose confirmation and thank-you are both overdue, released by one worker pass. */
async function releaseOrder(id: string) {
  await sequencer.enqueue(order(id), { release: false, now: new Date(Date.now() - 3 * DAY + 60_000) });
  const report = await sequencer.work({ once: true });
  return { report, sent: sentTo(id) };
}

describe('judge (the thresholds)', () => {
  it('trips at 0.3 % with at least 1,000 delivered, warns at 0.1 %', () => {
    expect(judge(1000, 3)).toBe('trip');
    expect(judge(10_000, 29)).toBe('warning');
    expect(judge(10_000, 30)).toBe('trip');
    expect(judge(999, 3)).toBe('ok');
    expect(judge(999, 999)).toBe('ok');
    expect(judge(1000, 1)).toBe('warning');
    expect(judge(1000, 0)).toBe('ok');
  });
});

describe(`the complaint guardrail on ${BACKEND}`, () => {
  it('trips at 0.3 % with 1,000 delivered: marketing is held, transactional goes on, status says so', async () => {
    await history(1000, 3);
    expect(await sequencer.guardrailState()).toMatchObject({
      delivered: 1000,
      complaints: 3,
      state: 'tripped',
    });
    const { report, sent } = await releaseOrder('gr-trip');
    expect(report.marketingHeld).toBe(true);
    expect(sent).toEqual(['order-confirmation']);
    const thankYou = (await sequencer.status({ order: 'gr-trip' })).steps.find(
      (s) => s.template === 'thank-you',
    );
    expect(thankYou?.state).toBe('planned');
    const state = await sequencer.guardrailState();
    expect(state.state).toBe('tripped');
    expect(state.trippedAt).toBeDefined();
    expect(state.message).toContain('resume-marketing');
    expect(logged.some((l) => l.startsWith('error: complaint guardrail tripped'))).toBe(true);

    // Recorded in the store: another pass (any worker) holds marketing without recounting a trip.
    const again = await sequencer.work({ once: true });
    expect(again.marketingHeld).toBe(true);
    expect(sentTo('gr-trip')).toEqual(['order-confirmation']);

    // `send status --json` carries it; the table starts with it.
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: () => {}, env: {}, sequencer };
    await runSendCommand(['status', '--order', 'gr-trip', '--json'], io);
    expect(JSON.parse(out.join('')).guardrail).toMatchObject({
      state: 'tripped',
      delivered: 1000,
      complaints: 3,
    });
    out.length = 0;
    await runSendCommand(['status', '--order', 'gr-trip'], io);
    expect(out.join('')).toMatch(/^GUARDRAIL: marketing paused by the complaint guardrail/);

    // `send resume-marketing` lifts it; the next pass sends the held thank-you.
    out.length = 0;
    expect(await runSendCommand(['resume-marketing'], io)).toBe(0);
    expect(out.join('')).toContain('Marketing resumed');
    expect((await sequencer.guardrailState()).state).toBe('ok');
    const resumed = await sequencer.work({ once: true });
    expect(resumed.marketingHeld).toBeUndefined();
    expect(sentTo('gr-trip')).toEqual(['order-confirmation', 'thank-you']);
    expect(await sequencer.resumeMarketing()).toBe(false);
  });

  it('does not trip at 0.29 % (3 of 1,035): a warning, and marketing goes', async () => {
    await history(1035, 3);
    const state = await sequencer.guardrailState();
    expect(state).toMatchObject({ state: 'warning', delivered: 1035, complaints: 3 });
    expect(state.rate).toBeCloseTo(0.0029, 4);
    const { report, sent } = await releaseOrder('gr-029');
    expect(report.marketingHeld).toBeUndefined();
    expect(sent).toEqual(['order-confirmation', 'thank-you']);
    expect(logged.some((l) => l.startsWith('warn: complaint rate warning'))).toBe(true);
  });

  it('does not trip below 1,000 delivered, whatever the rate (3 of 999)', async () => {
    await history(999, 3);
    expect((await sequencer.guardrailState()).state).toBe('ok');
    const { sent } = await releaseOrder('gr-999');
    expect(sent).toEqual(['order-confirmation', 'thank-you']);
  });

  it('counts marketing only: complaints about transactional mail do not trip it', async () => {
    await history(1000, 0);
    await history(1000, 50, 'transactional');
    expect(await sequencer.guardrailState()).toMatchObject({ state: 'ok', delivered: 1000, complaints: 0 });
  });

  it('counts the last 24 hours only', async () => {
    await history(1000, 3);
    await sql`UPDATE events SET received_at = now() - interval '25 hours'`.execute(store.db);
    expect(await sequencer.guardrailState()).toMatchObject({ state: 'ok', delivered: 0 });
  });
});
