/**
 * Shopify `fulfillments/create|update` → our shipment. Shopify reports the carrier's progress as
 * `shipment_status`; the shipping-update email knows four states, so each carrier state maps to the one a
 * customer would want to hear about (or to none: a label being printed is not news).
 */
import { issueLines, type Shipment, type ShipmentStatus, shipmentSchema } from '../../../core/order-document';
import { idOf, isObject, type MappingResult, textOf } from './order';

/**
 * `null` (a fulfillment marked shipped without carrier tracking) and the carrier's early states mean the
 * parcel has left; failure and attempted delivery mean it is late; picked up means it reached the customer.
 */
export const SHIPMENT_STATUS_MAP: Readonly<Record<string, ShipmentStatus>> = {
  label_printed: 'shipped',
  label_purchased: 'shipped',
  confirmed: 'shipped',
  in_transit: 'shipped',
  out_for_delivery: 'out_for_delivery',
  ready_for_pickup: 'out_for_delivery',
  attempted_delivery: 'delayed',
  delayed: 'delayed',
  failure: 'delayed',
  delivered: 'delivered',
  picked_up: 'delivered',
};

/** What a fulfillment webhook says, before it is joined to the order it belongs to. */
export type ShopifyFulfillment = Readonly<{
  /** The Shopify order id (our `order.id`). */
  orderId: string;
  /** Shopify's fulfillment id: one parcel. */
  fulfillmentId: string;
  status: ShipmentStatus;
  carrier?: string;
  trackingNumber?: string;
  trackingUrl?: string;
  estimatedDelivery?: string;
  /** Line item ids in this parcel. */
  itemIds: readonly string[];
}>;

export type FulfillmentResult =
  | { ok: true; value: ShopifyFulfillment }
  | { ok: false; problems: string[] }
  | { ok: 'ignored'; reason: string };

const firstText = (list: unknown): string | undefined =>
  Array.isArray(list) ? list.map(textOf).find((v) => v !== undefined) : undefined;

/** Reads a fulfillment payload; a cancelled or failed fulfillment, or a status with no email, is `ignored`. */
export function fulfillmentFromShopify(payload: unknown): FulfillmentResult {
  if (!isObject(payload)) return { ok: false, problems: ['(payload): expected a JSON object'] };
  const problems: string[] = [];
  const orderId = idOf(payload.order_id);
  const fulfillmentId = idOf(payload.id);
  if (!orderId) problems.push('order_id: required');
  if (!fulfillmentId) problems.push('id: required');
  if (problems.length) return { ok: false, problems };
  const state = textOf(payload.status);
  if (state && state !== 'success' && state !== 'open' && state !== 'pending')
    return { ok: 'ignored', reason: `fulfillment ${fulfillmentId} is ${state}` };
  const carrierState = textOf(payload.shipment_status);
  const status: ShipmentStatus | undefined =
    carrierState === undefined ? 'shipped' : SHIPMENT_STATUS_MAP[carrierState];
  if (!status) return { ok: 'ignored', reason: `shipment_status "${carrierState}" sends no email` };
  const itemIds = (Array.isArray(payload.line_items) ? payload.line_items : [])
    .map((line) => (isObject(line) ? idOf(line.id) : undefined))
    .filter((id): id is string => id !== undefined);
  const estimated = textOf(payload.estimated_delivery_at);
  return {
    ok: true,
    value: {
      orderId: orderId as string,
      fulfillmentId: fulfillmentId as string,
      status,
      carrier: textOf(payload.tracking_company),
      trackingNumber: textOf(payload.tracking_number) ?? firstText(payload.tracking_numbers),
      trackingUrl: textOf(payload.tracking_url) ?? firstText(payload.tracking_urls),
      ...(estimated ? { estimatedDelivery: estimated } : {}),
      itemIds,
    },
  };
}

/**
 * The order document's `shipment` for a fulfillment of `order`. A fulfillment without carrier tracking (a
 * local delivery, a shop's own van) still gets its email: the carrier is the shop, the number is Shopify's
 * fulfillment name, and the link is the order's status page, which shows whatever Shopify knows.
 */
export function shipmentFor(
  fulfillment: ShopifyFulfillment,
  order: Readonly<{ items: readonly Readonly<{ id: string }>[]; statusUrl: string }>,
  shopName: string,
  fulfillmentName?: string,
): MappingResult<Shipment> {
  const known = new Set(order.items.map((item) => item.id));
  const itemIds = fulfillment.itemIds.filter((id) => known.has(id));
  const candidate = {
    status: fulfillment.status,
    carrier: fulfillment.carrier ?? shopName,
    trackingNumber: fulfillment.trackingNumber ?? fulfillmentName ?? fulfillment.fulfillmentId,
    trackingUrl: fulfillment.trackingUrl?.startsWith('https:') ? fulfillment.trackingUrl : order.statusUrl,
    ...(fulfillment.estimatedDelivery &&
    shipmentSchema.shape.estimatedDelivery.safeParse(fulfillment.estimatedDelivery).success
      ? { estimatedDelivery: fulfillment.estimatedDelivery }
      : {}),
    ...(itemIds.length ? { itemIds } : {}),
  };
  const result = shipmentSchema.safeParse(candidate);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: issueLines(result.error, 'shipment', 'shipment.'),
  };
}

/** The Shopify order id an `orders/cancelled` payload is about. */
export function cancelledOrderId(payload: unknown): MappingResult<string> {
  const id = isObject(payload) ? idOf(payload.id) : undefined;
  return id ? { ok: true, value: id } : { ok: false, problems: ['id: required'] };
}
