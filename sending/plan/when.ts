/**
 * A step's `when` for one customer: membership names (`first-order`, `returning`, `vip`) and segments (every
 * condition of an object must hold); any entry matching is enough. Pure.
 */
import { customerVoice } from '../../core/customer-voice';
import type { OrderDocument } from '../../core/order-document';
import { type CustomerFacts, failedCondition, type Segment, segmentFigures } from './segments';
import { matchesWhen, type When, type WhenEntry } from './sequence';

/**
 * Whether the customer is in a step's `when`: any entry matching is enough; a segment entry matches when every
 * condition it names holds. Undefined when it matches, else the reason, naming the condition that failed.
 */
export function whenReason(
  when: readonly WhenEntry[],
  document: OrderDocument,
  facts: CustomerFacts = {},
): string | undefined {
  const membership = {
    ordersCount: document.customer.ordersCount,
    total: document.order.total,
    vipThreshold: document.shop.vipThreshold,
  };
  const names = when.filter((w): w is When => typeof w === 'string');
  if (names.length && matchesWhen(names, membership)) return undefined;
  const segments = when.filter((w): w is Segment => typeof w !== 'string');
  const figures = segmentFigures(document, facts);
  const failures: string[] = [];
  for (const segment of segments) {
    const failed = failedCondition(segment, figures);
    if (failed === undefined) return undefined;
    failures.push(failed);
  }
  if (names.length === 0 && failures.length === 1) return `when: ${failures[0]}`;
  const parts = [
    ...(names.length ? [`${names.join(', ')} (${describeCustomer(document)})`] : []),
    ...failures,
  ];
  return names.length && !segments.length
    ? `when: ${names.join(', ')} does not match this customer (${describeCustomer(document)})`
    : `when: no entry matches: ${parts.join('; ')}`;
}

function describeCustomer(document: OrderDocument): string {
  const voice = customerVoice(document);
  const count = document.customer.ordersCount;
  return voice === 'vip' ? `vip, ${count <= 1 ? 'first order' : 'returning'}` : voice;
}
