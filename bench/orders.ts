import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ShipmentStatus } from '../core/order-document';
import type { CompleteDocument } from '../emails/_samples';

/**
 * Order documents for the benchmark, read straight from the sample JSON (a worker thread needs no
 * TypeScript source), and varied deterministically by index so that no two orders of a bulk run
 * are alike: shop and locale, customer, 1–8 lines, a partial or whole shipment, each shipping
 * status, first-order / returning / VIP. Every order has what every template needs, as the samples
 * do: each optional part, and at least one consumable line (an item with `lifespanDays`, which the
 * replenishment reminder lists) even when its lines are cut short of the sample's consumable.
 */

export const SAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../emails/_samples');
export const SAMPLE_FILES = ['en-usd.json', 'ko-krw.json', 'zh-cny.json'] as const;

const FIRST_NAMES = ['Alex', 'Jisoo', 'Wei', 'Sam', 'Minji', 'Li', 'Jordan', 'Hana', 'Chen', 'Taylor'];
const STATUSES: readonly ShipmentStatus[] = ['shipped', 'delayed', 'out_for_delivery', 'delivered'];

export function samplePath(file: (typeof SAMPLE_FILES)[number]): string {
  return join(SAMPLES_DIR, file);
}

export type OrderFactory = (index: number, lines?: number) => CompleteDocument;

/**
 * `orders(i)` is the i-th order of a run; `orders(i, lines)` fixes its number of order lines
 * (default: 1–8 by index). `samplesDir`: where the sample JSON is (a bundled worker passes it).
 */
export function orderFactory(samplesDir = SAMPLES_DIR): OrderFactory {
  const samples = SAMPLE_FILES.map(
    (file) => JSON.parse(readFileSync(join(samplesDir, file), 'utf8')) as CompleteDocument,
  );
  return (index, lines = 1 + (index % 8)) => benchOrder(samples, index, lines);
}

function benchOrder(samples: readonly CompleteDocument[], index: number, lines: number): CompleteDocument {
  const doc = structuredClone(samples[index % samples.length] as CompleteDocument);
  const { order, customer } = doc;
  const source = order.items;
  order.id = `ord_b${index}`;
  order.number = `${100_000 + index}`;
  order.statusUrl = `${order.statusUrl.replace(/[^/]*$/, '')}ord_b${index}`;
  order.items = Array.from({ length: lines }, (_, k) => {
    const base = source[k % source.length] as CompleteDocument['order']['items'][number];
    return {
      ...base,
      id: `${base.id}-${k}`,
      name: k < source.length ? base.name : `${base.name} (${Math.floor(k / source.length) + 1})`,
      quantity: 1 + ((index + k) % 3),
    };
  });
  if (!order.items.some((item) => item.lifespanDays !== undefined)) {
    const lifespans = source.flatMap((item) => (item.lifespanDays === undefined ? [] : [item.lifespanDays]));
    const [first, ...rest] = order.items;
    if (first) order.items = [{ ...first, lifespanDays: lifespans[0] ?? 30 + (index % 60) }, ...rest];
  }
  order.subtotal = order.items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);
  order.total = order.subtotal - (order.discount ?? 0) + order.shipping + (order.tax ?? 0);
  customer.firstName = FIRST_NAMES[index % FIRST_NAMES.length] as string;
  customer.email = `customer${index}@example.com`;
  customer.ordersCount = 1 + (index % 5);
  doc.shipment.status = STATUSES[index % STATUSES.length] as ShipmentStatus;
  doc.shipment.itemIds =
    doc.shipment.itemIds && lines > 1
      ? order.items.slice(0, Math.ceil(lines / 2)).map((item) => item.id)
      : undefined;
  return doc;
}
