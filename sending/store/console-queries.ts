/** What the console reads of the store beyond `status`: today's counts, the queue, failures, order search, a retry. */
import { type Kysely, sql } from 'kysely';
import type { Database, OrderRow, StepRow, StepState } from './schema';

/** Live steps (test sends left out) due between `from` and `to`, counted by state. */
export async function countsBetween(
  db: Kysely<Database>,
  from: Date,
  to: Date,
): Promise<Partial<Record<StepState, number>>> {
  const rows = await db
    .selectFrom('steps')
    .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
    .where('test', '=', false)
    .where('send_at', '>=', from)
    .where('send_at', '<', to)
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

/** The next live steps waiting in the store, soonest first, and how many are due already. */
export async function queue(
  db: Kysely<Database>,
  now: Date,
  limit = 10,
): Promise<Readonly<{ due: number; waiting: number; next: StepRow[] }>> {
  const [counts, next] = await Promise.all([
    db
      .selectFrom('steps')
      .select([
        (eb) => eb.fn.countAll<string>().as('waiting'),
        sql<string>`count(*) FILTER (WHERE release_at <= ${now})`.as('due'),
      ])
      .where('state', '=', 'planned')
      .where('test', '=', false)
      .executeTakeFirst(),
    db
      .selectFrom('steps')
      .selectAll()
      .where('state', '=', 'planned')
      .where('test', '=', false)
      .orderBy('send_at')
      .limit(limit)
      .execute(),
  ]);
  return { due: Number(counts?.due ?? 0), waiting: Number(counts?.waiting ?? 0), next };
}

/** Live steps that failed and need a hand, newest first. */
export function failures(db: Kysely<Database>, limit = 20): Promise<StepRow[]> {
  return db
    .selectFrom('steps')
    .selectAll()
    .where('state', '=', 'failed')
    .where('test', '=', false)
    .orderBy('updated_at', 'desc')
    .limit(limit)
    .execute();
}

/** Live orders whose id or customer address contains `q` (case-insensitive), newest first. */
export function searchOrders(db: Kysely<Database>, q: string, limit = 50): Promise<OrderRow[]> {
  const like = `%${q
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, '\\$&')}%`;
  let query = db.selectFrom('orders').selectAll().where('test_of', 'is', null);
  if (q.trim())
    query = query.where((eb) =>
      eb.or([eb(sql<string>`lower(id)`, 'like', like), eb(sql<string>`lower(customer_email)`, 'like', like)]),
    );
  return query.orderBy('created_at', 'desc').limit(limit).execute();
}

export function orderByKey(db: Kysely<Database>, key: string): Promise<OrderRow | undefined> {
  return db.selectFrom('orders').selectAll().where('id', '=', key).executeTakeFirst();
}

/**
 * A failed step back to the queue, due now (the worker's sweep takes due steps without a job). Only a failed
 * step of this order key: false otherwise.
 */
export async function retryFailedStep(db: Kysely<Database>, key: string, stepId: string): Promise<boolean> {
  const result = await db
    .updateTable('steps')
    .set({
      state: 'planned',
      reason: 'retried from the console',
      release_at: sql`now()`,
      send_at: sql`greatest(send_at, now())`,
      batch_key: null,
      resend_id: null,
      lease_until: null,
      updated_at: sql`now()`,
    })
    .where('id', '=', stepId)
    .where('order_id', '=', key)
    .where('state', '=', 'failed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
