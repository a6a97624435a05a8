import type { Order, OrderItem } from './order-document';

/** An item delivered by download or account access rather than in a parcel. */
export function isDigital(item: OrderItem): boolean {
  return item.access !== undefined;
}

/** Nothing in the order ships: no parcel, no delivery, no address (CONTRACT.md, digital orders). */
export function isAllDigital(order: Pick<Order, 'items'>): boolean {
  return order.items.every(isDigital);
}

/** The items with a lifespan, shortest first (ties keep the order's order): what may run out. */
export function consumables(order: Pick<Order, 'items'>): OrderItem[] {
  return order.items
    .map((item, i) => ({ item, i }))
    .filter(({ item }) => item.lifespanDays !== undefined)
    .sort((a, b) => (a.item.lifespanDays ?? 0) - (b.item.lifespanDays ?? 0) || a.i - b.i)
    .map(({ item }) => item);
}

/** The shortest `lifespanDays` in the order, or undefined when nothing in it runs out. */
export function shortestLifespan(order: Pick<Order, 'items'>): number | undefined {
  return consumables(order)[0]?.lifespanDays;
}
