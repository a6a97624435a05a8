/**
 * The events table: every webhook delivery and API event, once (its id is the sender's own: a redelivery is a
 * duplicate), with what came of it; shipment events are also the anchors steps count from.
 */
import { sql } from 'kysely';
import type { Db } from './db';

export type NewEvent = Readonly<{
  id: string;
  source: string;
  type: string;
  payload: unknown;
  outcome?: string;
}>;

/** Records an event unless one with its id was recorded before; true when this call recorded it. */
export async function recordEvent(db: Db, event: NewEvent): Promise<boolean> {
  const inserted = await db
    .insertInto('events')
    .values({
      id: event.id,
      source: event.source,
      type: event.type,
      payload: JSON.stringify(event.payload),
      ...(event.outcome === undefined ? {} : { outcome: event.outcome }),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Whether an event with this id was recorded. */
export async function eventSeen(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('events').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** What came of an event. */
export async function setEventOutcome(db: Db, id: string, outcome: string): Promise<void> {
  await db.updateTable('events').set({ outcome }).where('id', '=', id).execute();
}

/**
 * The anchors known for each order: `shipped` is the first shipment event of any status (a parcel out for
 * delivery has shipped), `delivered` the first delivery.
 */
export async function shipmentTimes(db: Db, orderIds: readonly string[]) {
  const rows = await sql<{ order_id: string; shipped: string | null; delivered: string | null }>`
    SELECT payload->>'orderId' AS order_id,
           min(payload->>'at') AS shipped,
           min(payload->>'at') FILTER (WHERE payload->>'status' = 'delivered') AS delivered
    FROM events
    WHERE type = 'shipment' AND payload->>'orderId' = ANY(${[...orderIds]}::text[])
    GROUP BY 1`.execute(db);
  return rows.rows;
}

/** Webhook deliveries our schema refused, of an order or to an address (all without a filter). */
export function rejectedWebhookEvents(db: Db, filter: Readonly<{ order?: string; to?: string }>) {
  let query = db.selectFrom('events').selectAll().where('type', '=', 'shopify/rejected');
  if (filter.order !== undefined) query = query.where(sql<string>`payload->>'orderId'`, '=', filter.order);
  if (filter.to !== undefined)
    query = query.where(sql<string>`lower(payload->>'email')`, '=', filter.to.trim().toLowerCase());
  return query.orderBy('received_at').execute();
}
