/**
 * Shopify → serve → the store → Resend, over real HTTP: signed webhooks for orders in several currencies and a
 * parcel going in transit → out for delivery → delivered. Each email goes once, at its anchored time.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOrderDocument, ValidationError } from '../../../../core/order-document';
import { shopifyHmac, verifyShopifyHmac } from '../../../../sending/intake/shopify/hmac';
import { parseShopConfig } from '../../../../sending/intake/shopify/shop-config';
import { addCalendarDays, toLocalIso, wallTimeAt } from '../../../../sending/plan/zoned-time';
import { InvalidOrdersError, type Sequencer } from '../../../../sending/sequencer';
import { type RunningServer, serveApp } from '../../../../sending/server/http-node';
import { createApp } from '../../../../sending/server/server';
import { type LiveEngine, openLiveEngine } from '../../../support/databases';
import type { FakeResend } from '../../../support/fake-resend';

const KEY = 're_shopify_test_key_9a8b7c';
const SECRET = 'shpss_test_webhook_secret_0123456789';
const TOKEN = 'intake-token-for-tests';
const ZONE = 'America/New_York';
const fixtureText = (name: string) =>
  readFile(new URL(`../../../fixtures/shopify/${name}.json`, import.meta.url), 'utf8');

let engine: LiveEngine;
let fake: FakeResend;
let sequencer: Sequencer;
let server: RunningServer;
const log: string[] = [];
/** Day 0 of every order: yesterday, so the day-0 confirmation is due and the rest lies ahead. */
const placedMs = Date.now() - 86_400_000;
const placedAt = toLocalIso(placedMs, ZONE);

beforeAll(async () => {
  const config = parseShopConfig(JSON.parse(await fixtureText('shop-config')));
  engine = await openLiveEngine('shopify_webhook', {
    apiKey: KEY,
    from: 'Northwind Supply <orders@northwind.example.com>',
    unsubscribeSecret: 'unsubscribe-secret',
    shopifyWebhookSecret: SECRET,
    shopConfig: config,
    log: (line) => log.push(line),
    sender: { ratePerSecond: 0, baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 2 },
  });
  ({ fake, sequencer } = engine);
  const app = createApp(
    {
      enqueue: (docs) => sequencer.enqueue(docs),
      event: (event) => sequencer.event(event),
      status: (filter) => sequencer.status(filter),
      handleUnsubscribe: async () => new Response('', { status: 404 }),
      handleResendWebhook: async () => new Response('', { status: 404 }),
      handleShopifyWebhook: (request) => sequencer.handleShopifyWebhook(request),
      health: async () => ({ ok: true }),
    },
    {
      intakeToken: TOKEN,
      problemsOf: (error) =>
        error instanceof ValidationError
          ? error.problems
          : error instanceof InvalidOrdersError
            ? error.invalid.flatMap((i) => i.problems)
            : undefined,
    },
  );
  server = await serveApp(app, { port: 0, host: '127.0.0.1', maxBodyBytes: 5 * 1024 * 1024 });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await engine?.close();
});

let deliveries = 0;
/** POSTs a Shopify webhook the way Shopify does: the raw JSON body, signed, with its topic and id. */
async function webhook(
  topic: string,
  body: string,
  { id = `wh-${++deliveries}`, signature }: { id?: string; signature?: string } = {},
) {
  const response = await fetch(`${server.url}/webhooks/shopify`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-hmac-sha256': signature ?? shopifyHmac(body, SECRET),
      'x-shopify-webhook-id': id,
      'x-shopify-shop-domain': 'northwind.myshopify.com',
      'x-shopify-api-version': '2025-10',
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A fixture as Shopify would send it now: placed yesterday, with `edit` applied. */
async function payload(name: string, edit: (p: Record<string, unknown>) => void = () => {}): Promise<string> {
  const p = JSON.parse(await fixtureText(name)) as Record<string, unknown>;
  if (name.startsWith('orders-')) {
    p.created_at = placedAt;
    p.processed_at = placedAt;
  }
  edit(p);
  return JSON.stringify(p);
}

const emailsFor = (order: string, template: string) =>
  fake.emails.filter(
    (e) =>
      (e.body.tags as { name: string; value: string }[]).some(
        (t) => t.name === 'order' && t.value === order,
      ) &&
      (e.body.tags as { name: string; value: string }[]).some(
        (t) => t.name === 'template' && t.value === template,
      ),
  );

async function statusOf(order: string) {
  const response = await fetch(`${server.url}/status?order=${order}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { steps: Array<Record<string, string | null>> }).steps;
}

/** `YYYY-MM-DD` of the day `days` after the instant, on New York's calendar. */
function localDay(ms: number, days: number): string {
  const d = addCalendarDays(wallTimeAt(ms, ZONE), days);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

describe('verifyShopifyHmac', () => {
  it('accepts exactly the signature of these bytes with this secret', () => {
    const body = '{"id":1}';
    const good = shopifyHmac(body, SECRET);
    expect(verifyShopifyHmac(body, good, SECRET)).toBe(true);
    expect(verifyShopifyHmac(`${body} `, good, SECRET)).toBe(false);
    expect(verifyShopifyHmac(body, good, `${SECRET}x`)).toBe(false);
    const flipped = `${good.slice(0, 10)}${good[10] === 'A' ? 'B' : 'A'}${good.slice(11)}`;
    expect(verifyShopifyHmac(body, flipped, SECRET)).toBe(false);
    expect(verifyShopifyHmac(body, null, SECRET)).toBe(false);
    expect(verifyShopifyHmac(body, 'not base64 at all', SECRET)).toBe(false);
    expect(verifyShopifyHmac(body, good, '')).toBe(false);
  });
});

describe('POST /webhooks/shopify', () => {
  const USD = '5923847561234';

  it('orders/create: plans the order once; a repeated delivery changes nothing', async () => {
    const body = await payload('orders-create-usd');
    const first = await webhook('orders/create', body, { id: 'wh-usd-create' });
    expect(first).toEqual({ status: 200, body: { outcome: `order ${USD} planned`, order: USD } });
    expect(emailsFor(USD, 'order-confirmation')).toHaveLength(1);
    const again = await webhook('orders/create', body, { id: 'wh-usd-create' });
    expect(again).toEqual({ status: 200, body: { duplicate: 'wh-usd-create' } });
    expect(emailsFor(USD, 'order-confirmation')).toHaveLength(1);

    const steps = await statusOf(USD);
    const byTemplate = new Map(steps.map((s) => [s.template, s]));
    expect(byTemplate.get('order-confirmation')?.state).toBe('sent');
    expect(byTemplate.get('thank-you')).toMatchObject({ state: 'planned' });
    expect(byTemplate.get('thank-you')?.local?.slice(0, 19)).toBe(`${localDay(placedMs, 3)}T10:00:00`);
    // No delivery yet: the review request waits at its fallback day, and says so.
    expect(byTemplate.get('review-request')).toMatchObject({
      state: 'planned',
      anchor: 'fallback: day 14 (5 days after delivery once known)',
    });
    expect(byTemplate.get('review-request')?.local?.slice(0, 19)).toBe(`${localDay(placedMs, 14)}T10:00:00`);
    // The confirmation shows the money Shopify sent, in minor units.
    const [confirmation] = emailsFor(USD, 'order-confirmation');
    expect(String(confirmation?.body.text)).toContain('$128.43');
    expect(confirmation?.body.to).toBe('alex.morgan@example.com');
  });

  it('a parcel in transit → out for delivery → delivered: one shipping update each, the review timed from delivery', async () => {
    const fulfillment = JSON.parse(await fixtureText('fulfillments-create-usd')) as Record<string, unknown>;
    const estimated = new Date(Date.now() + 3 * 86_400_000);
    fulfillment.estimated_delivery_at = toLocalIso(estimated.getTime(), ZONE);
    const send = (status: string, topic = 'fulfillments/update', id?: string) =>
      webhook(topic, JSON.stringify({ ...fulfillment, shipment_status: status }), id ? { id } : {});

    expect((await send('in_transit', 'fulfillments/create')).body).toMatchObject({ status: 'shipped' });
    expect(emailsFor(USD, 'shipping-update')).toHaveLength(1);
    // The estimate is known now: instructions go the day before it, at 10:00.
    let steps = await statusOf(USD);
    const instructions = steps.find((s) => s.template === 'product-instructions');
    expect(instructions?.anchor).toBe('1 day before the estimated delivery');
    expect(instructions?.local?.slice(0, 19)).toBe(`${localDay(estimated.getTime(), -1)}T10:00:00`);

    expect((await send('out_for_delivery')).body).toMatchObject({ status: 'out_for_delivery' });
    // Shopify sends the same status again (another update to the fulfillment): nothing twice.
    expect((await send('out_for_delivery')).status).toBe(200);
    expect(emailsFor(USD, 'shipping-update')).toHaveLength(2);

    const deliveredAt = Date.now();
    expect((await send('delivered')).body).toMatchObject({ status: 'delivered' });
    const updates = emailsFor(USD, 'shipping-update');
    expect(updates).toHaveLength(3);
    expect(updates.map((e) => e.body.subject)).toEqual([
      expect.any(String),
      expect.any(String),
      expect.any(String),
    ]);
    expect(new Set(updates.map((e) => e.body.subject)).size).toBe(3);
    expect(String(updates[2]?.body.text)).toContain('1Z999AA10123456784');

    steps = await statusOf(USD);
    const review = steps.filter((s) => s.template === 'review-request');
    expect(review).toHaveLength(1); // re-timed, not added
    expect(review[0]).toMatchObject({ state: 'planned', anchor: '5 days after delivery' });
    expect(review[0]?.local?.slice(0, 19)).toBe(`${localDay(deliveredAt, 5)}T10:00:00`);
    const crossSell = steps.filter((s) => s.template === 'cross-sell');
    expect(crossSell).toHaveLength(1);
    expect(crossSell[0]?.local?.slice(0, 19)).toBe(`${localDay(deliveredAt, 10)}T10:00:00`);
    expect(steps.filter((s) => s.template === 'shipping-update').map((s) => s.state)).toEqual([
      'sent',
      'sent',
      'sent',
    ]);
    // Each email went once.
    const keys = fake.emails.map((e) => e.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('refuses a bad signature with 401 and records nothing', async () => {
    const body = await payload('orders-create-krw');
    const before = (await sequencer.status()).steps;
    const forged = await webhook('orders/create', body, { signature: shopifyHmac(body, 'not-the-secret') });
    expect(forged.status).toBe(401);
    const tampered = await webhook('orders/create', body.replace('39000', '1'), {
      signature: shopifyHmac(body, SECRET),
    });
    expect(tampered.status).toBe(401);
    expect((await sequencer.status()).steps).toEqual(before);
  });

  it('answers 200 to topics it does not act on', async () => {
    const response = await webhook('products/update', '{"id": 1}');
    expect(response).toEqual({
      status: 200,
      body: { ignored: 'topic "products/update" is not one we act on' },
    });
  });

  it('answers 200 to a payload our schema refuses, and records it with the field paths', async () => {
    const body = await payload('orders-create-eur', (p) => {
      p.id = 5923847569999;
      p.email = null;
      p.contact_email = null;
      (p.customer as Record<string, unknown>).email = null;
    });
    const response = await webhook('orders/create', body, { id: 'wh-no-email' });
    expect(response).toEqual({
      status: 200,
      body: { rejected: true, problems: ['email → customer.email: required'] },
    });
    const unknownCurrency = await payload('orders-create-eur', (p) => {
      p.id = 5923847569998;
      p.presentment_currency = 'XYZ';
    });
    expect((await webhook('orders/create', unknownCurrency)).body).toEqual({
      rejected: true,
      problems: ['presentment_currency: "XYZ" is not an ISO 4217 currency code'],
    });
    const rows = await statusOf('5923847569999');
    expect(rows).toEqual([
      expect.objectContaining({
        order: '5923847569999',
        template: 'shopify orders/create',
        state: 'rejected',
        reason: 'email → customer.email: required',
      }),
    ]);
    expect(
      log.some((l) => l.includes('wh-no-email') && l.includes('rejected: email → customer.email: required')),
    ).toBe(true);
    // Shopify retries: still 200, still one record, nothing planned.
    expect((await webhook('orders/create', body, { id: 'wh-no-email' })).status).toBe(200);
    expect(await statusOf('5923847569999')).toHaveLength(1);
  });

  it.each([
    ['orders-create-krw', '5923847569001', 'KRW', '₩81,000'],
    ['orders-create-jpy', '5923847563310', 'JPY', '¥10,100'],
    ['orders-create-bhd', '5923847564455', 'BHD', '29.400'],
    ['orders-create-eur', '5923847565566', 'EUR', '€94.90'],
  ])('%s: the confirmation shows the total in %s', async (name, order, currency, total) => {
    const response = await webhook('orders/create', await payload(name));
    expect(response.status).toBe(200);
    const [email] = emailsFor(order, 'order-confirmation');
    expect(email, currency).toBeDefined();
    expect(String(email?.body.text).replace(/\u00a0/g, ' ')).toContain(total);
  });

  it('a customer without orders_count counts the orders the store holds', async () => {
    const second = await payload('orders-create-krw', (p) => {
      p.id = 5923847569002;
      p.name = '#1002';
    });
    await webhook('orders/create', second);
    const store = await sequencer.store();
    const row = await store.db
      .selectFrom('orders')
      .select('document')
      .where('id', '=', '5923847569002')
      .executeTakeFirstOrThrow();
    expect(parseOrderDocument(row.document).customer.ordersCount).toBe(2);
  });

  it('orders/cancelled cancels what has not gone out', async () => {
    const response = await webhook('orders/cancelled', JSON.stringify({ id: 5923847564455, name: '#2043' }));
    expect(response.body).toMatchObject({ outcome: 'order 5923847564455 cancelled' });
    const steps = await statusOf('5923847564455');
    expect(steps.find((s) => s.template === 'order-confirmation')?.state).toBe('sent');
    expect(
      steps
        .filter((s) => s.template !== 'order-confirmation')
        .every((s) => s.state === 'cancelled' || s.state === 'skipped'),
    ).toBe(true);
  });

  it('a fulfillment for an order never accepted is recorded as rejected, 200', async () => {
    const fulfillment = JSON.parse(await fixtureText('fulfillments-create-usd')) as Record<string, unknown>;
    const response = await webhook('fulfillments/create', JSON.stringify({ ...fulfillment, order_id: 42 }));
    expect(response).toEqual({
      status: 200,
      body: {
        rejected: true,
        problems: ['order_id: order 42 is not known here (its orders/create was never accepted)'],
      },
    });
  });
});
