/** The store's A/B tests and the customers' held orders (sending/engine/learning.ts uses them). */
import { type Kysely, sql } from 'kysely';
import type { HeldOrder } from '../plan/segments';
import type { AbTestRow, Database } from './schema';

export async function abTestsOf(db: Kysely<Database>, sequence: string): Promise<AbTestRow[]> {
  return db.selectFrom('ab_tests').selectAll().where('sequence', '=', sequence).execute();
}

/** Every recorded test (for the report and status). */
export async function allAbTests(db: Kysely<Database>): Promise<AbTestRow[]> {
  return db.selectFrom('ab_tests').selectAll().orderBy('sequence').orderBy('test').execute();
}

/** The test's row, created the first time the engine meets it (its start for `maxDays`). */
export async function ensureAbTest(
  db: Kysely<Database>,
  row: Readonly<{ sequence: string; test: string; metric: string; startedAt: Date }>,
): Promise<AbTestRow> {
  await db
    .insertInto('ab_tests')
    .values({ sequence: row.sequence, test: row.test, metric: row.metric, started_at: row.startedAt })
    .onConflict((oc) => oc.columns(['sequence', 'test']).doNothing())
    .execute();
  return db
    .selectFrom('ab_tests')
    .selectAll()
    .where('sequence', '=', row.sequence)
    .where('test', '=', row.test)
    .executeTakeFirstOrThrow();
}

export async function recordLook(
  db: Kysely<Database>,
  sequence: string,
  test: string,
  look: number,
): Promise<void> {
  await db
    .updateTable('ab_tests')
    .set({ last_look: look })
    .where('sequence', '=', sequence)
    .where('test', '=', test)
    .execute();
}

/** Records the decision unless one is recorded already; true when this call recorded it. */
export async function recordAbDecision(
  db: Kysely<Database>,
  decision: Readonly<{
    sequence: string;
    test: string;
    winner: string | null;
    probability: number;
    reason: string;
    figures: unknown;
    at: Date;
  }>,
): Promise<boolean> {
  const rows = await db
    .updateTable('ab_tests')
    .set({
      winner: decision.winner,
      probability: decision.probability,
      reason: decision.reason,
      figures: JSON.stringify(decision.figures),
      decided_at: decision.at,
    })
    .where('sequence', '=', decision.sequence)
    .where('test', '=', decision.test)
    .where('decided_at', 'is', null)
    .returning('test')
    .execute();
  return rows.length > 0;
}

/** The orders the store holds for these addresses (case-insensitively), cancelled and refunded ones left out. */
export async function heldOrdersOf(
  db: Kysely<Database>,
  addresses: readonly string[],
): Promise<Map<string, HeldOrder[]>> {
  const keys = [...new Set(addresses.map((a) => a.trim().toLowerCase()))];
  const result = new Map<string, HeldOrder[]>();
  if (keys.length === 0) return result;
  const rows = await db
    .selectFrom('orders')
    .select([
      'id',
      sql<string>`lower(customer_email)`.as('address'),
      sql<string | null>`document->'order'->>'currency'`.as('currency'),
      sql<string | null>`document->'order'->>'total'`.as('total'),
    ])
    .where(sql<string>`lower(customer_email)`, 'in', keys)
    .where('cancelled', 'is', null)
    // The customer's own orders: a marketer's test runs are not purchases.
    .where('test_of', 'is', null)
    .execute();
  for (const row of rows) {
    if (row.currency === null || row.total === null) continue;
    const list = result.get(row.address) ?? [];
    list.push({ id: row.id, currency: row.currency, total: Number(row.total) });
    result.set(row.address, list);
  }
  return result;
}

/** Which of these order ids the store holds already (planned before, perhaps before a decision). */
export async function heldOrderIds(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('orders')
    .select('id')
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Set(rows.map((r) => r.id));
}
