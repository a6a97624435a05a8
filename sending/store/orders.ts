/**
 * The orders table: each order's document and the rules it was planned under, and the one rule between orders —
 * a customer's newer order supersedes the unsent marketing of their older ones. Both directions of that rule (the
 * new order stopping older steps at planning, a claimed step finding a newer order at release) read the same
 * condition, written once here.
 */
import { sql } from 'kysely';
import { orderDocumentFingerprint } from '../../core/order-document-json-schema';
import type { Db } from './db';
import type { NewOrder, StepRow } from './schema';
import { NOT_HANDED_OVER } from './steps';

/**
 * Order `n` supersedes order `o`: same customer (by address), placed later, and both planned under
 * `onNewOrder: "supersede"` (the default). Test runs supersede nothing and nothing supersedes them.
 */
const NEWER_SUPERSEDES = sql<boolean>`lower(n.customer_email) = lower(o.customer_email) AND n.id <> o.id
  AND n.placed_at > o.placed_at
  AND coalesce(o.rules->>'onNewOrder', 'supersede') = 'supersede'
  AND coalesce(n.rules->>'onNewOrder', 'supersede') = 'supersede'
  AND o.test_of IS NULL AND n.test_of IS NULL`;

/**
 * Documents given to the store have passed the order-document schema: each is kept with that schema's
 * fingerprint, so the release need not parse it again while the schema is the same.
 */
const validatedBy = (order: NewOrder): NewOrder =>
  order.document == null ? order : { ...order, document_schema: orderDocumentFingerprint() };

/** Writes (or replaces) planned orders: their (validated) document, customer, sequence and rules. */
export async function upsertOrders(trx: Db, orders: readonly NewOrder[]): Promise<void> {
  await trx
    .insertInto('orders')
    .values(orders.map(validatedBy))
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        document: sql`excluded.document`,
        document_schema: sql`excluded.document_schema`,
        customer_email: sql`excluded.customer_email`,
        placed_at: sql`excluded.placed_at`,
        sequence: sql`excluded.sequence`,
        rules: sql`excluded.rules`,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

/** The latest word on an order (a shipment's document): later steps plan from it; its rules stay. */
export async function recordOrderDocument(trx: Db, order: NewOrder): Promise<void> {
  await trx
    .insertInto('orders')
    .values(validatedBy(order))
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        document: sql`excluded.document`,
        document_schema: sql`excluded.document_schema`,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

/** The latest document of an order, on each of its test runs (they plan and render from it too). */
export async function recordTestRunDocuments(trx: Db, orderId: string, document: string): Promise<void> {
  await trx
    .updateTable('orders')
    .set({ document, document_schema: orderDocumentFingerprint(), updated_at: sql`now()` })
    .where('test_of', '=', orderId)
    .execute();
}

/** Remembers why an order was stopped (once: the first reason stays), so a claimed step is stopped at release. */
export async function markOrderCancelled(db: Db, orderId: string, reason: string): Promise<void> {
  await db
    .updateTable('orders')
    .set({ cancelled: reason, updated_at: sql`now()` })
    .where('id', '=', orderId)
    .where('cancelled', 'is', null)
    .execute();
}

/** The cancelled orders among these, with their reason. */
export function cancelledOrders(db: Db, orderIds: readonly string[]) {
  return db
    .selectFrom('orders')
    .select(['id', 'cancelled'])
    .where('id', 'in', [...orderIds])
    .where('cancelled', 'is not', null)
    .execute();
}

/** For each order (of these ids) a newer order of the same customer supersedes: the newer order's id. */
export async function newerOrders(db: Db, orderIds: readonly string[]): Promise<Map<string, string>> {
  const found = await sql<{ older: string; newer: string }>`
    SELECT DISTINCT ON (o.id) o.id AS older, n.id AS newer
    FROM orders o JOIN orders n ON ${NEWER_SUPERSEDES}
    WHERE o.id = ANY(${[...orderIds]}::text[])
    ORDER BY o.id, n.placed_at`.execute(db);
  return new Map(found.rows.map((r) => [r.older, r.newer]));
}

/**
 * The newer orders given (already written) skip the marketing steps of the older orders they supersede that have
 * not been handed over. Returns the older orders' marketing steps already scheduled at Resend and still further
 * ahead than `cancellableAfter`, their reason set: the caller cancels them there.
 */
export async function supersedeOlderMarketing(
  trx: Db,
  newerIds: readonly string[],
  cancellableAfter: Date,
): Promise<StepRow[]> {
  // The pairs first, from the newer orders' own ids (a handful): joined straight to the steps, a planner that
  // still takes the orders table for empty (statistics not yet refreshed mid-batch) walks every older order's steps.
  const pairs = await sql<{ older: string; newer: string }>`
    SELECT DISTINCT ON (o.id) o.id AS older, n.id AS newer
    FROM orders n JOIN orders o ON ${NEWER_SUPERSEDES}
    WHERE n.id = ANY(${[...newerIds]}::text[])
    ORDER BY o.id, n.placed_at`.execute(trx);
  if (pairs.rows.length === 0) return [];
  const older = sql`
    FROM unnest(${pairs.rows.map((p) => p.older)}::text[], ${pairs.rows.map((p) => p.newer)}::text[]) AS n(older, id)
    WHERE steps.order_id = n.older AND steps.kind = 'marketing'`;
  await sql`
    UPDATE steps SET state = 'skipped', reason = 'superseded by order ' || n.id, lease_until = NULL,
      updated_at = now()
    ${older} AND ${NOT_HANDED_OVER}`.execute(trx);
  const scheduled = await sql<StepRow>`
    UPDATE steps SET reason = 'superseded by order ' || n.id, updated_at = now()
    ${older} AND steps.state = 'scheduled' AND steps.send_at > ${cancellableAfter}
    RETURNING steps.*`.execute(trx);
  return scheduled.rows;
}

/** Each order's rules and the customer's time zone (none: an order imported from an old ledger). */
export function orderSettings(db: Db, orderIds: readonly string[]) {
  return db
    .selectFrom('orders')
    .select(['id', 'rules', sql<string | null>`document->'customer'->>'timeZone'`.as('time_zone')])
    .where('id', 'in', [...orderIds])
    .execute();
}

/** The documents of these orders, each with the fingerprint of the schema that validated it. */
export function orderDocuments(db: Db, orderIds: readonly string[]) {
  return db
    .selectFrom('orders')
    .select(['id', 'document', 'document_schema'])
    .where('id', 'in', [...orderIds])
    .execute();
}

/** One order's document, if the store has it. */
export async function orderDocument(db: Db, orderId: string): Promise<unknown> {
  const row = await db.selectFrom('orders').select('document').where('id', '=', orderId).executeTakeFirst();
  return row?.document ?? undefined;
}

/** The rules an order was planned under and whether it is cancelled. */
export function orderState(db: Db, orderId: string) {
  return db.selectFrom('orders').select(['rules', 'cancelled']).where('id', '=', orderId).executeTakeFirst();
}

/** How many other orders this customer has placed (a Shopify order's `priorOrders`). */
export async function otherOrderCount(db: Db, email: string, orderId: string): Promise<number> {
  const row = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(sql<string>`lower(customer_email)`, '=', email.trim().toLowerCase())
    .where('id', '<>', orderId)
    .where('test_of', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
