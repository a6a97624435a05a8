import type { OrderDocument, Recommendation } from './order-document';

/** At most four cards: two rows of two, or one row of three, stay readable on a phone. */
export const MAX_RECOMMENDATIONS = 4;

/**
 * The recommendations a cross-sell email may show, in the document's order: never a product the
 * customer has just bought (matched on `id` against `order.items`), each product once, at most
 * four. Empty means there is nothing to send: the template refuses and the send script skips the step.
 */
export function recommendable(doc: Pick<OrderDocument, 'order' | 'recommendations'>): Recommendation[] {
  const bought = new Set(doc.order.items.map((item) => item.id));
  const seen = new Set<string>();
  const shown: Recommendation[] = [];
  for (const product of doc.recommendations ?? []) {
    if (bought.has(product.id) || seen.has(product.id)) continue;
    seen.add(product.id);
    shown.push(product);
    if (shown.length === MAX_RECOMMENDATIONS) break;
  }
  return shown;
}
