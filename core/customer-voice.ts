import type { OrderDocument } from './order-document';

/** Who the customer is to the shop; the thank-you copy and a sequence step's `when` both use this. */
export type CustomerVoice = 'vip' | 'returning' | 'first-order';

/**
 * The first that applies (CONTRACT.md): VIP (`order.total` at or above `shop.vipThreshold`; no
 * threshold, nobody is VIP), returning (`customer.ordersCount` > 1), first order.
 */
export function customerVoice(doc: Pick<OrderDocument, 'shop' | 'customer' | 'order'>): CustomerVoice {
  const threshold = doc.shop.vipThreshold;
  if (threshold !== undefined && doc.order.total >= threshold) return 'vip';
  if (doc.customer.ordersCount > 1) return 'returning';
  return 'first-order';
}

/** The two voices of the win-back email: a coupon toward a second order, or news for those who came back. */
export type WinBackVoice = 'coupon' | 'news';

/** First-order customers (`ordersCount` ≤ 1) get the coupon; returning customers get what is new. */
export function winBackVoice(doc: Pick<OrderDocument, 'customer'>): WinBackVoice {
  return doc.customer.ordersCount > 1 ? 'news' : 'coupon';
}
