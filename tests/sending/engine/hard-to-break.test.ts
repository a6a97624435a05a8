/**
 * Issue 28 against a real store (the embedded PGlite, or Postgres with DATABASE_URL) and the fake Resend: an
 * order id stays one order when re-posted with another address; poison strings and hostile shapes are refused
 * naming their field, at every entry, and nothing is recorded; the queue keeps one job per step through a long
 * deferral; a 409 on a repeated request means Resend already has the email.
 */
import { sql } from 'kysely';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDocument } from '../../../core/order-document';
import { shopifyHmac } from '../../../sending/intake/shopify/hmac';
import { parseSequence } from '../../../sending/plan/sequence';
import { resendApi } from '../../../sending/provider/resend/api';
import { createSequencer, InvalidOrdersError, type Sequencer } from '../../../sending/sequencer';
import { ALREADY_AT_RESEND } from '../../../sending/store/already-at-resend';
import { openQueue, STEP_QUEUE, scheduleStepJobs } from '../../../sending/store/queue';
import { REPLACED_REASON, WENT_BEFORE_REASON } from '../../../sending/store/replaced';
import type { Store } from '../../../sending/store/store';
import { BACKEND, type LiveEngine, openLiveEngine } from '../../support/databases';
import type { FakeResend } from '../../support/fake-resend';
import { dayOffsetSequence, secret, seoulAnyHour } from '../../support/send-fixtures';
import { resendEvent, signWebhook, WEBHOOK_SECRET } from '../../support/svix';

const KEY = 're_hard_to_break_key';
/** Marketing templates the Seoul sample has every part for. */
const MARKETING = ['thank-you', 'review-request', 'cross-sell'];
const SHOPIFY_SECRET = 'shpss_hard_to_break';

let engine: LiveEngine;
let fake: FakeResend;
let sequencer: Sequencer;
let store: Store;
let boss: PgBoss | undefined;

beforeAll(async () => {
  engine = await openLiveEngine('hard_to_break', {
    apiKey: KEY,
    from: 'Hanok Goods <orders@hanok.example>',
    sequence: dayOffsetSequence,
    unsubscribeSecret: secret,
    webhookSecret: WEBHOOK_SECRET,
    shopifyWebhookSecret: SHOPIFY_SECRET,
    shopConfig: new URL('../../fixtures/shopify/shop-config.json', import.meta.url).pathname,
    sender: { ratePerSecond: 0, timeoutMs: 15_000, baseDelayMs: 2, maxDelayMs: 10, maxAttempts: 3 },
  });
  ({ fake, sequencer } = engine);
  store = await sequencer.store();
  boss = await openQueue(store.pool);
}, 120_000);

afterAll(async () => {
  await boss?.stop({ graceful: false, close: false, wait: true });
  await engine?.close();
});

/** The Seoul sample placed now, to `email`. */
function order(id: string, email: string): OrderDocument {
  return {
    ...seoulAnyHour,
    customer: { ...seoulAnyHour.customer, email },
    order: { ...seoulAnyHour.order, id, placedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z') },
  } as OrderDocument;
}

const confirmationsTo = (address: string, orderId: string) =>
  fake.emails.filter(
    (e) =>
      String(e.body.to) === address &&
      (e.body.tags as { name: string; value: string }[]).some(
        (t) => t.name === 'order' && t.value === orderId,
      ) &&
      (e.body.tags as { name: string; value: string }[]).some(
        (t) => t.name === 'template' && t.value === 'order-confirmation',
      ),
  ).length;

const countOf = async (table: 'orders' | 'steps' | 'suppressions' | 'events') =>
  Number(
    (
      await store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );

describe(`an order id is the order's identity (${BACKEND})`, () => {
  it('the same document again changes nothing', async () => {
    const doc = order('same-1', 'same-1@example.com');
    await sequencer.enqueue(doc, { release: false });
    const before = await sequencer.status({ order: 'same-1' });
    const again = await sequencer.enqueue(doc, { release: false });
    expect(again.orders[0]?.written).toBe(0);
    expect(await sequencer.status({ order: 'same-1' })).toEqual(before);
  });

  it('another address after the confirmation went: the newer document replaces the older, the confirmation is not sent twice', async () => {
    const first = order('moved-1', 'first@example.com');
    await sequencer.enqueue(first);
    expect(confirmationsTo('first@example.com', 'moved-1')).toBe(1);
    const corrected = { ...first, customer: { ...first.customer, email: 'second@example.com' } };
    await sequencer.enqueue(corrected);
    await sequencer.work({ once: true });
    expect(confirmationsTo('first@example.com', 'moved-1')).toBe(1);
    expect(confirmationsTo('second@example.com', 'moved-1')).toBe(0);
    const { steps } = await sequencer.status({ order: 'moved-1' });
    const toFirst = steps.filter((s) => s.to === 'first@example.com');
    const toSecond = steps.filter((s) => s.to === 'second@example.com');
    // Nothing is left waiting for the old address; the new one gets every later step.
    expect(toFirst.filter((s) => s.state === 'planned')).toEqual([]);
    expect(toFirst.some((s) => s.reason === REPLACED_REASON)).toBe(true);
    expect(toSecond.find((s) => s.template === 'order-confirmation')).toMatchObject({
      state: 'skipped',
      reason: WENT_BEFORE_REASON,
    });
    expect(toSecond.filter((s) => s.state === 'planned').length).toBeGreaterThan(0);
    // Each template reaches one address at most.
    const went = steps
      .filter((s) => ['sent', 'scheduled', 'sending'].includes(s.state))
      .map((s) => s.template);
    expect(new Set(went).size).toBe(went.length);
  });

  it('another address before anything went: only the newer address gets the confirmation', async () => {
    const first = order('moved-2', 'before@example.com');
    await sequencer.enqueue(first, { release: false });
    await sequencer.enqueue(
      { ...first, customer: { ...first.customer, email: 'after@example.com' } },
      {
        release: false,
      },
    );
    await sequencer.work({ once: true });
    expect(confirmationsTo('before@example.com', 'moved-2')).toBe(0);
    expect(confirmationsTo('after@example.com', 'moved-2')).toBe(1);
  });
});

describe(`poison input is refused with its field, nothing recorded (${BACKEND})`, () => {
  it('a lone surrogate or a NUL anywhere in the document, a line break in order.id', async () => {
    const before = await countOf('orders');
    const doc = order('poison-1', 'poison@example.com');
    const poisoned = {
      ...doc,
      customer: { ...doc.customer, firstName: 'Ji\ud800soo' },
      order: { ...doc.order, id: 'poison\r\n1', items: [{ ...doc.order.items[0], name: 'Cup\u0000' }] },
    };
    const error = await sequencer.enqueue(poisoned).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOrdersError);
    const problems = (error as InvalidOrdersError).invalid.flatMap((i) => i.problems);
    expect(problems).toEqual(
      expect.arrayContaining([
        'customer.firstName: holds a character that cannot be stored (NUL or an unpaired surrogate)',
        'order.items[0].name: holds a character that cannot be stored (NUL or an unpaired surrogate)',
        'order.id: must be one line, without control characters',
      ]),
    );
    expect(await countOf('orders')).toBe(before);
  });

  it('a signed Shopify orders/create with a lone surrogate: rejected (200) with the field, recorded as rejected', async () => {
    const payload = JSON.parse(
      await import('node:fs/promises').then((fs) =>
        fs.readFile(new URL('../../fixtures/shopify/orders-create-usd.json', import.meta.url), 'utf8'),
      ),
    ) as Record<string, unknown>;
    const customer = payload.customer as Record<string, unknown>;
    const raw = JSON.stringify({ ...payload, customer: { ...customer, first_name: 'Ji\ud800' } });
    const response = await sequencer.handleShopifyWebhook(
      new Request('http://local/webhooks/shopify', {
        method: 'POST',
        body: raw,
        headers: {
          'x-shopify-hmac-sha256': shopifyHmac(raw, SHOPIFY_SECRET),
          'x-shopify-topic': 'orders/create',
          'x-shopify-webhook-id': 'poison-shopify-1',
        },
      }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { rejected: boolean; problems: string[] };
    expect(body.rejected).toBe(true);
    expect(body.problems.join('\n')).toMatch(/customer\.firstName: holds a character that cannot be stored/);
    const row = await store.db
      .selectFrom('events')
      .select('type')
      .where('id', '=', 'shopify:poison-shopify-1')
      .executeTakeFirst();
    expect(row?.type).toBe('shopify/rejected');
  });

  it('a signed Shopify delivery with a NUL in the address or the order id: rejected (200), never a 500', async () => {
    const deliver = (topic: string, id: string, body: unknown) => {
      const raw = JSON.stringify(body);
      return sequencer.handleShopifyWebhook(
        new Request('http://local/webhooks/shopify', {
          method: 'POST',
          body: raw,
          headers: {
            'x-shopify-hmac-sha256': shopifyHmac(raw, SHOPIFY_SECRET),
            'x-shopify-topic': topic,
            'x-shopify-webhook-id': id,
          },
        }),
      );
    };
    const payload = JSON.parse(
      await import('node:fs/promises').then((fs) =>
        fs.readFile(new URL('../../fixtures/shopify/orders-create-usd.json', import.meta.url), 'utf8'),
      ),
    ) as Record<string, unknown>;
    const { orders_count: _dropped, ...customer } = payload.customer as Record<string, unknown>;
    const cases = [
      await deliver('orders/create', 'poison-shopify-2', {
        ...payload,
        email: 'a\u0000@example.com',
        customer,
      }),
      await deliver('orders/cancelled', 'poison-shopify-3', { id: 'ord\u0000' }),
      await deliver('fulfillments/create', 'poison-shopify-4', {
        id: 1,
        order_id: 'ord\u0000',
        status: 'success',
        tracking_company: 'UPS',
        tracking_number: '1Z',
        tracking_url: 'https://ups.example/1Z',
      }),
    ];
    for (const response of cases) {
      expect(response.status).toBe(200);
      expect(((await response.json()) as { rejected?: boolean }).rejected).toBe(true);
    }
  });

  it('a signed Resend webhook: nested 100,000 deep, holding a NUL, or bouncing a non-address is a 400, nothing recorded', async () => {
    const events = await countOf('events');
    const suppressions = await countOf('suppressions');
    const post = (body: string) =>
      sequencer.handleResendWebhook(
        new Request('http://local/webhooks/resend', { method: 'POST', body, headers: signWebhook(body) }),
      );
    const deep = `{"type":"email.bounced","data":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const tooDeep = await post(deep);
    expect(tooDeep.status).toBe(400);
    expect(((await tooDeep.json()) as { error: string }).error).toMatch(/nested deeper than/);
    const nul = await post(resendEvent('email.bounced', 'nul@example.com', 'em_1', { subject: 'a\u0000b' }));
    expect(nul.status).toBe(400);
    expect(JSON.stringify(await nul.json())).toContain(
      'data.subject: holds a character that cannot be stored',
    );
    const crlf = await post(resendEvent('email.bounced', 'x\r\n@example.com', 'em_2'));
    expect(crlf.status).toBe(400);
    expect(JSON.stringify(await crlf.json())).toContain('data.to[0]: expected an email address');
    expect(await countOf('events')).toBe(events);
    expect(await countOf('suppressions')).toBe(suppressions);
  });

  it('suppress() refuses what is not an address; an unsubscribe for a non-address stores nothing', async () => {
    await expect(sequencer.suppress('x\r\n@example.com')).rejects.toThrow(/email: expected an email address/);
    await expect(sequencer.suppress('not an address')).rejects.toThrow(/email: expected an email address/);
    const { unsubscribeToken } = await import('../../../core/links');
    const address = 'not-an-address';
    const token = unsubscribeToken(address, secret);
    const response = await sequencer.handleUnsubscribe(
      new Request(`http://local/unsubscribe?e=${address}&t=${encodeURIComponent(token)}`, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
      }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect((await sequencer.suppressions()).map((s) => s.email)).not.toContain(address);
  });
});

describe(`the queue stays bounded (${BACKEND})`, () => {
  it('one job per step through a long deferral: each pass moves the same job', async () => {
    const doc = order('deferred-1', 'deferred@example.com');
    await sequencer.enqueue(doc, { release: false });
    const steps = await store.db
      .selectFrom('steps')
      .select('id')
      .where('order_id', '=', 'deferred-1')
      .execute();
    const jobsOf = async () =>
      Number(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(`${store.queueSchema}.job`)}
            WHERE name = ${STEP_QUEUE} AND data->>'step' = ANY(${steps.map((s) => s.id)}::text[])`.execute(
            store.db,
          )
        ).rows[0]?.n ?? 0,
      );
    const planned = await jobsOf();
    expect(planned).toBeLessThanOrEqual(steps.length);
    // 200 deferrals of every step (a gap that keeps moving): still one job each, due at the last time given.
    const later = new Date(Date.now() + 86_400_000);
    for (let pass = 0; pass < 200; pass++)
      await store.db.transaction().execute((trx) =>
        scheduleStepJobs(
          trx,
          bossOf(),
          steps.map((s) => ({
            step: s.id,
            startAfter: new Date(later.getTime() + pass * 60_000),
          })),
        ),
      );
    expect(await jobsOf()).toBe(steps.length);
    const starts = await sql<{
      start_after: Date;
      state: string;
    }>`SELECT start_after, state FROM ${sql.table(`${store.queueSchema}.job`)}
      WHERE name = ${STEP_QUEUE} AND data->>'step' = ANY(${steps.map((s) => s.id)}::text[])`.execute(
      store.db,
    );
    for (const row of starts.rows) {
      expect(row.state).toBe('created');
      expect(new Date(row.start_after).getTime()).toBe(later.getTime() + 199 * 60_000);
    }
  });
});

describe(`the queue through real release passes (${BACKEND})`, () => {
  it('a marketing step the gap holds back pass after pass keeps its one job', async () => {
    const gapped = createSequencer({
      store,
      api: resendApi(KEY),
      from: 'Hanok Goods <orders@hanok.example>',
      unsubscribeSecret: secret,
      sender: { ratePerSecond: 0, timeoutMs: 15_000, baseDelayMs: 2, maxDelayMs: 10, maxAttempts: 3 },
      sequence: parseSequence({
        name: 'gapped',
        minGapHours: 72,
        quietHours: false,
        steps: MARKETING.map((template) => ({ template, day: 0 })),
      }),
    });
    try {
      await gapped.enqueue(order('gapped-1', 'gapped@example.com'));
      const marketing = (await gapped.status({ order: 'gapped-1' })).steps.filter(
        (s) => s.kind === 'marketing',
      );
      const held = marketing.filter((s) => s.state === 'planned');
      expect(marketing.some((s) => s.state === 'sent')).toBe(true);
      expect(held.length).toBeGreaterThan(0);
      const ids = (
        await store.db
          .selectFrom('steps')
          .select('id')
          .where('order_id', '=', 'gapped-1')
          .where('state', '=', 'planned')
          .execute()
      ).map((r) => r.id);
      const jobs = async () =>
        Number(
          (
            await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(`${store.queueSchema}.job`)}
              WHERE name = ${STEP_QUEUE} AND data->>'step' = ANY(${ids}::text[])`.execute(store.db)
          ).rows[0]?.n ?? 0,
        );
      for (let pass = 0; pass < 30; pass++) {
        // Time "passes": the held steps come due again, and the email that holds them went just now.
        await store.db
          .updateTable('steps')
          .set({ send_at: new Date(), release_at: new Date() })
          .where('id', 'in', ids)
          .execute();
        await store.db
          .updateTable('steps')
          .set({ sent_at: new Date() })
          .where('order_id', '=', 'gapped-1')
          .where('state', '=', 'sent')
          .execute();
        const report = await gapped.work({ once: true });
        expect(report.deferred).toBe(ids.length);
      }
      expect(await jobs()).toBe(ids.length);
    } finally {
      await gapped.close();
    }
  }, 120_000);
});

describe(`a 409 on a repeated request (${BACKEND})`, () => {
  it('means Resend already has the email: the step is sent, not failed', async () => {
    fake.faults.push({
      status: 409,
      name: 'invalid_idempotent_request',
      message: 'Same idempotency key used with a different request payload.',
    });
    const result = await sequencer.enqueue(order('conflict-1', 'conflict@example.com'));
    expect(result.released?.failed).toEqual([]);
    const confirmation = (await sequencer.status({ order: 'conflict-1' })).steps.find(
      (s) => s.template === 'order-confirmation',
    );
    expect(confirmation).toMatchObject({ state: 'sent', reason: ALREADY_AT_RESEND });
  });

  it("takes the Resend id from the email's first event, found by its tags, so later events reach the step", async () => {
    fake.faults.push({
      status: 409,
      name: 'invalid_idempotent_request',
      message: 'Same idempotency key used with a different request payload.',
    });
    await sequencer.enqueue(order('conflict-2', 'conflict2@example.com'));
    const stepOf = async () =>
      (await sequencer.status({ order: 'conflict-2' })).steps.find(
        (s) => s.template === 'order-confirmation',
      );
    expect(await stepOf()).toMatchObject({ state: 'sent', reason: ALREADY_AT_RESEND });
    const post = (body: string) =>
      sequencer.handleResendWebhook(
        new Request('http://local/webhooks/resend', { method: 'POST', body, headers: signWebhook(body) }),
      );
    // Resend sends the tags as an object: the step's own (template, order, step = its day).
    const tags = { template: 'order-confirmation', order: 'conflict-2', step: '0' };
    // An event for another order's email with the same address adopts nothing.
    const stranger = await post(
      resendEvent('email.delivered', 'conflict2@example.com', 'em_other', {
        tags: { ...tags, order: 'conflict-3' },
      }),
    );
    expect(stranger.status).toBe(200);
    const delivered = await post(
      resendEvent('email.delivered', 'conflict2@example.com', 'em_recovered', { tags }),
    );
    expect(delivered.status).toBe(200);
    const row = await store.db
      .selectFrom('steps')
      .select(['resend_id', 'last_event', 'state'])
      .where('order_id', '=', 'conflict-2')
      .where('template', '=', 'order-confirmation')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ resend_id: 'em_recovered', last_event: 'delivered', state: 'sent' });
    // A later event of the same email finds the step by its id now.
    await post(
      resendEvent('email.bounced', 'conflict2@example.com', 'em_recovered', {
        bounce: { type: 'Permanent', message: 'no such user' },
      }),
    );
    expect(await stepOf()).toMatchObject({ resendId: 'em_recovered' });
  });
});

function bossOf(): PgBoss {
  if (!boss) throw new Error('no queue open');
  return boss;
}
