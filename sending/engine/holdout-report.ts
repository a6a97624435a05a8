/**
 * `report.holdout` (CONTRACT.md, "Learning"): every customer whose first order in the window was planned is
 * either held out (by the address hash) or treated; a repeat purchase is a later order of theirs in the window,
 * and revenue per customer is what those later orders brought, per currency (the flow cannot have earned the
 * order that started it). docs/learning.md gives the intervals.
 */
import { compareHoldout, type HoldoutComparison, type HoldoutGroup, isHeldOut } from '../plan/holdout';
import { type CustomerOrder, customerOrders } from '../store/customer-orders';
import type { Db } from '../store/db';

export type { CustomerOrder } from '../store/customer-orders';
export { customerOrders };

/** Splits customers by the holdout and counts their repeat orders. Pure. */
export function holdoutGroups(
  orders: readonly CustomerOrder[],
  share: number,
): Readonly<{ held: HoldoutGroup; treated: HoldoutGroup }> {
  const byCustomer = new Map<string, CustomerOrder[]>();
  for (const o of orders) {
    const key = o.address.trim().toLowerCase();
    byCustomer.set(key, [...(byCustomer.get(key) ?? []), o]);
  }
  const empty = () => ({
    customers: 0,
    repeaters: 0,
    revenue: {} as Record<string, { sum: number; sumSquares: number }>,
  });
  const held = empty();
  const treated = empty();
  for (const [address, list] of byCustomer) {
    const group = isHeldOut(address, share) ? held : treated;
    const later = [...list].sort((a, b) => Date.parse(a.placedAt) - Date.parse(b.placedAt)).slice(1);
    group.customers++;
    if (later.length) group.repeaters++;
    const spent = new Map<string, number>();
    for (const o of later) spent.set(o.currency, (spent.get(o.currency) ?? 0) + o.total);
    for (const [currency, amount] of spent) {
      const r = group.revenue[currency] ?? { sum: 0, sumSquares: 0 };
      r.sum += amount;
      r.sumSquares += amount * amount;
      group.revenue[currency] = r;
    }
  }
  return { held, treated };
}

/** The report's holdout section, or undefined when the sequence holds nobody out. */
export async function holdoutReport(
  db: Db,
  share: number,
  window: Readonly<{ since: Date; until: Date }>,
): Promise<HoldoutComparison | undefined> {
  if (!(share > 0)) return undefined;
  const { held, treated } = holdoutGroups(await customerOrders(db, window.since, window.until), share);
  return compareHoldout(share, held, treated);
}
