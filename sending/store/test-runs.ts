/** The store's reads of orders and their test runs: the steps of one order key, the runs of an order, every run. */
import { type Kysely, sql } from 'kysely';
import type { Database, StepRow } from './schema';

/** Every step of one order key (a live order id or a test run's key), in send order. */
export function stepsOfKey(db: Kysely<Database>, key: string): Promise<StepRow[]> {
  return db
    .selectFrom('steps')
    .selectAll()
    .where('order_id', '=', key)
    .orderBy('send_at')
    .orderBy('step')
    .execute();
}

/** The keys of an order's test runs. */
export async function testRunKeysOf(db: Kysely<Database>, orderId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('orders')
    .select('id')
    .where('test_of', '=', orderId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export type TestRunRow = Readonly<{
  key: string;
  order: string;
  to: string;
  createdAt: Date;
  cancelled: string | null;
  steps: number;
  /** Steps still to go: planned, being sent, or scheduled at Resend. */
  open: number;
  sent: number;
}>;

/** Test runs, newest first. */
export async function listTestRuns(db: Kysely<Database>, limit = 50): Promise<TestRunRow[]> {
  const rows = await sql<{
    id: string;
    test_of: string;
    test_to: string;
    created_at: Date;
    cancelled: string | null;
    steps: string;
    open: string;
    sent: string;
  }>`
    SELECT o.id, o.test_of, o.test_to, o.created_at, o.cancelled,
           count(s.id) AS steps,
           count(s.id) FILTER (WHERE s.state IN ('planned', 'sending', 'scheduled')) AS open,
           count(s.id) FILTER (WHERE s.state = 'sent') AS sent
    FROM orders o LEFT JOIN steps s ON s.order_id = o.id
    WHERE o.test_of IS NOT NULL
    GROUP BY o.id
    ORDER BY o.created_at DESC, o.id
    LIMIT ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    key: r.id,
    order: r.test_of,
    to: r.test_to,
    createdAt: new Date(r.created_at),
    cancelled: r.cancelled,
    steps: Number(r.steps),
    open: Number(r.open),
    sent: Number(r.sent),
  }));
}
