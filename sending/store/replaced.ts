/**
 * An order id is the order's identity. When a document comes again for a known order with another customer
 * address (a corrected typo, or a hostile re-post), the newer document replaces the older: the steps still
 * waiting for the previous address are skipped, and a step that already went to it (handed to Resend, or on
 * its way) is not sent again to the new one — the two addresses never both get the same email.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema';

const addressKey = (address: string) => address.trim().toLowerCase();

/** Not handed to Resend: planned, or claimed by a worker that has not yet recorded its request (stops.ts). */
const notHandedOver = sql<boolean>`(steps.state = 'planned' OR (steps.state = 'sending' AND steps.batch_key IS NULL))`;

export const REPLACED_REASON = 'replaced: a newer document of this order goes to another address';
export const WENT_BEFORE_REASON = 'already went to the address of an earlier document of this order';

/**
 * For each of these orders the store knows with another address than the new document's: the previous
 * address. The orders' rows are locked until the transaction ends, so two re-posts of one order take turns.
 */
export async function previousAddresses(
  trx: Kysely<Database>,
  documents: readonly Readonly<{ id: string; email: string }>[],
): Promise<Map<string, string>> {
  if (documents.length === 0) return new Map();
  const rows = await trx
    .selectFrom('orders')
    .select(['id', 'customer_email'])
    .where(
      'id',
      'in',
      documents.map((d) => d.id),
    )
    .orderBy('id')
    .forUpdate()
    .execute();
  const next = new Map(documents.map((d) => [d.id, addressKey(d.email)]));
  const changed = new Map<string, string>();
  for (const row of rows) {
    const now = next.get(row.id);
    if (now !== undefined && addressKey(row.customer_email) !== now) changed.set(row.id, row.customer_email);
  }
  return changed;
}

/**
 * Skips the order's steps still waiting for `previous`, then returns the templates that already went (or are
 * going) to it: the new plan must not send those again.
 */
export async function retirePreviousAddress(
  trx: Kysely<Database>,
  orderId: string,
  previous: string,
): Promise<Set<string>> {
  const mine = sql<boolean>`steps.order_id = ${orderId} AND lower(steps.recipient) = ${addressKey(previous)}`;
  await sql`
    UPDATE steps SET state = 'skipped', reason = ${REPLACED_REASON}, lease_until = NULL, updated_at = now()
    WHERE ${mine} AND ${notHandedOver}`.execute(trx);
  const went = await sql<{ template: string }>`
    SELECT DISTINCT template FROM steps
    WHERE ${mine} AND steps.state IN ('sending', 'sent', 'scheduled')`.execute(trx);
  return new Set(went.rows.map((r) => r.template));
}
