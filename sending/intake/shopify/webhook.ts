/**
 * `handleShopifyWebhook(request)`: Shopify's webhooks as a web `Request` → `Response` handler.
 *
 *   orders/create                  → the order document, planned like POST /orders
 *   orders/cancelled               → order-cancelled
 *   fulfillments/create|update     → a shipment event for the stored order (the shipping update, delivery anchors)
 *
 * The HMAC (`X-Shopify-Hmac-Sha256`) is checked over the raw body before anything else; a bad one is 401 and
 * nothing is recorded. A payload our schema refuses (no email, an unknown currency) is answered 200, so Shopify
 * stops retrying something that will never pass, and recorded as a rejected event with the field paths
 * (visible in `status` and the server log). Each `X-Shopify-Webhook-Id` is applied once.
 */
import { ValidationError } from '../../../core/order-document';
import type { WebhookSeen } from '../../engine/telemetry';
import { readLimited } from '../../http/resend-webhook';
import { fulfillmentFromShopify, shipmentFor } from './fulfillment';
import { verifyShopifyHmac } from './hmac';
import { parseShopifyJson } from './json';
import { isObject, orderDocumentFromShopify, textOf } from './order';
import type { ShopConfig } from './shop-config';

export const SHOPIFY_TOPICS = [
  'orders/create',
  'orders/cancelled',
  'fulfillments/create',
  'fulfillments/update',
] as const;
export type ShopifyTopic = (typeof SHOPIFY_TOPICS)[number];

/** Shopify orders with hundreds of lines run to a few hundred KB. */
export const SHOPIFY_MAX_BYTES = 5 * 1024 * 1024;

/** A delivery our schema refused: kept so `status` shows it and a repeat is not logged twice. */
export type RejectedWebhook = Readonly<{
  webhookId: string;
  topic: string;
  orderId?: string;
  email?: string;
  problems: readonly string[];
}>;

/** What the handler needs from the engine (a Sequencer provides it, sending/sequencer.ts). */
export type ShopifyWebhookDeps = Readonly<{
  /** `SHOPIFY_WEBHOOK_SECRET`: without it nothing verifies (401). */
  secret: string | undefined;
  /** SHOP_CONFIG, already validated; or how to load it (read once, on the first webhook). */
  config: ShopConfig | (() => Promise<ShopConfig>);
  /** True when this webhook id was applied (or rejected) before. */
  seen(webhookId: string): Promise<boolean>;
  /** Marks a webhook id as done, with what came of it. */
  remember(webhookId: string, topic: string, outcome: string, payload: unknown): Promise<void>;
  reject(rejected: RejectedWebhook): Promise<void>;
  /** Orders the store holds for this address other than `orderId` (customer.orders_count is gone from newer API versions). */
  priorOrders(email: string, orderId: string): Promise<number>;
  enqueue(document: unknown): Promise<unknown>;
  cancel(orderId: string, webhookId: string): Promise<unknown>;
  /** The stored order document for a Shopify order id, if it was planned. */
  orderDocument(orderId: string): Promise<unknown | undefined>;
  shipment(document: unknown, webhookId: string): Promise<unknown>;
  /** One line per webhook for the server log (never the payload, never a secret). */
  log?: (line: string) => void;
  /** Told the outcome of every POST (for the log and `ppe_webhooks_total`). */
  observe?: (seen: WebhookSeen) => void;
  maxBytes?: number;
}>;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });

const isTopic = (value: string): value is ShopifyTopic =>
  (SHOPIFY_TOPICS as readonly string[]).includes(value);

export function createShopifyWebhookHandler(
  deps: ShopifyWebhookDeps,
): (request: Request) => Promise<Response> {
  const max = deps.maxBytes ?? SHOPIFY_MAX_BYTES;
  const log = deps.log ?? (() => {});
  const observe = deps.observe ?? (() => {});
  const refuse = (response: Response, problem: string, type = '(unverified)', id?: string): Response => {
    observe({ source: 'shopify', type, outcome: 'rejected', problems: [problem], ...(id ? { id } : {}) });
    return response;
  };
  let config: Promise<ShopConfig> | undefined;
  const shopConfig = (): Promise<ShopConfig> => {
    if (typeof deps.config !== 'function') return Promise.resolve(deps.config);
    config ??= deps.config();
    config.catch(() => {
      config = undefined;
    });
    return config;
  };

  return async (request) => {
    if (request.method.toUpperCase() !== 'POST')
      return json(
        405,
        { error: `${request.method} is not allowed here: Shopify POSTs its webhooks` },
        { allow: 'POST' },
      );
    const raw = await readLimited(request, max);
    if (raw === undefined)
      return refuse(json(413, { error: `body: larger than ${max} bytes` }), `body: larger than ${max} bytes`);
    if (!deps.secret) {
      log('shopify webhook refused: SHOPIFY_WEBHOOK_SECRET is not set, nothing can be verified');
      return refuse(
        json(401, {
          error: 'X-Shopify-Hmac-Sha256: cannot be verified (SHOPIFY_WEBHOOK_SECRET is not set)',
        }),
        'SHOPIFY_WEBHOOK_SECRET is not set',
      );
    }
    if (!verifyShopifyHmac(raw, request.headers.get('x-shopify-hmac-sha256'), deps.secret))
      return refuse(
        json(401, { error: 'X-Shopify-Hmac-Sha256: signature does not match the body' }),
        'X-Shopify-Hmac-Sha256: signature does not match the body',
      );

    const topic = (request.headers.get('x-shopify-topic') ?? '').trim().toLowerCase();
    const webhookId =
      textOf(request.headers.get('x-shopify-webhook-id')) ??
      textOf(request.headers.get('x-shopify-event-id'));
    if (!isTopic(topic)) {
      observe({ source: 'shopify', type: topic || '(none)', outcome: 'ignored' });
      return json(200, { ignored: `topic "${topic || '(none)'}" is not one we act on` });
    }
    if (!webhookId)
      return refuse(
        json(400, { error: 'X-Shopify-Webhook-Id: required' }),
        'X-Shopify-Webhook-Id: required',
        topic,
      );
    if (await deps.seen(webhookId)) {
      observe({ source: 'shopify', type: topic, outcome: 'duplicate', id: webhookId });
      return json(200, { duplicate: webhookId });
    }

    let payload: unknown;
    try {
      payload = parseShopifyJson(raw);
    } catch (error) {
      return rejected({ webhookId, topic, problems: [`body: not valid JSON (${(error as Error).message})`] });
    }
    const orderIdOf = (p: unknown) => (isObject(p) ? textOf(String(p.id ?? '')) : undefined);

    async function rejected(r: RejectedWebhook): Promise<Response> {
      await deps.reject(r);
      observe({
        source: 'shopify',
        type: r.topic,
        outcome: 'rejected',
        id: r.webhookId,
        ...(r.orderId ? { order: r.orderId } : {}),
        problems: r.problems,
      });
      log(
        `shopify ${r.topic} ${r.webhookId}${r.orderId ? ` (order ${r.orderId})` : ''} rejected: ${r.problems.join('; ')}`,
      );
      return json(200, { rejected: true, problems: r.problems });
    }

    async function done(outcome: string, extra: Record<string, unknown> = {}): Promise<Response> {
      await deps.remember(webhookId as string, topic, outcome, payload);
      const order = typeof extra.order === 'string' ? extra.order : undefined;
      observe({
        source: 'shopify',
        type: topic,
        outcome: 'applied',
        id: webhookId as string,
        ...(order ? { order } : {}),
      });
      log(`shopify ${topic} ${webhookId}: ${outcome}`);
      return json(200, { outcome, ...extra });
    }

    if (topic === 'orders/create') {
      const mapped = await orderDocumentFromShopify(payload, {
        config: await shopConfig(),
        priorOrders: deps.priorOrders,
      });
      const orderId = orderIdOf(payload);
      if (!mapped.ok)
        return rejected({
          webhookId,
          topic,
          ...(orderId ? { orderId } : {}),
          ...(isObject(payload) && textOf(payload.email) ? { email: textOf(payload.email) } : {}),
          problems: mapped.problems,
        });
      try {
        await deps.enqueue(mapped.value);
      } catch (error) {
        if (error instanceof ValidationError)
          return rejected({ webhookId, topic, orderId: mapped.value.order.id, problems: error.problems });
        throw error;
      }
      return done(`order ${mapped.value.order.id} planned`, { order: mapped.value.order.id });
    }

    if (topic === 'orders/cancelled') {
      const orderId = orderIdOf(payload);
      if (!orderId) return rejected({ webhookId, topic, problems: ['id: required'] });
      await deps.cancel(orderId, webhookId);
      return done(`order ${orderId} cancelled`, { order: orderId });
    }

    // fulfillments/create, fulfillments/update
    const read = fulfillmentFromShopify(payload);
    if (read.ok === false) return rejected({ webhookId, topic, problems: read.problems });
    if (read.ok === 'ignored') return done(`ignored: ${read.reason}`);
    const fulfillment = read.value;
    const stored = await deps.orderDocument(fulfillment.orderId);
    if (!isObject(stored) || !isObject(stored.order) || !isObject(stored.shop))
      return rejected({
        webhookId,
        topic,
        orderId: fulfillment.orderId,
        problems: [
          `order_id: order ${fulfillment.orderId} is not known here (its orders/create was never accepted)`,
        ],
      });
    const order = stored.order as { items: { id: string }[]; statusUrl: string };
    const shipment = shipmentFor(
      fulfillment,
      order,
      String(stored.shop.name),
      isObject(payload) ? textOf(payload.name) : undefined,
    );
    if (!shipment.ok)
      return rejected({ webhookId, topic, orderId: fulfillment.orderId, problems: shipment.problems });
    // An update without an estimate keeps the one an earlier event of the same parcel gave.
    const previous = isObject(stored.shipment) ? stored.shipment : undefined;
    const estimate =
      shipment.value.estimatedDelivery ??
      (previous?.trackingNumber === shipment.value.trackingNumber
        ? textOf(previous?.estimatedDelivery)
        : undefined);
    try {
      await deps.shipment(
        { ...stored, shipment: { ...shipment.value, ...(estimate ? { estimatedDelivery: estimate } : {}) } },
        webhookId,
      );
    } catch (error) {
      if (error instanceof ValidationError)
        return rejected({ webhookId, topic, orderId: fulfillment.orderId, problems: error.problems });
      throw error;
    }
    return done(
      `order ${fulfillment.orderId}: ${shipment.value.status} (${shipment.value.carrier} ${shipment.value.trackingNumber})`,
      {
        order: fulfillment.orderId,
        status: shipment.value.status,
      },
    );
  };
}
