/**
 * The complaint guardrail's statements: marketing's delivered and complained events since a moment (from what
 * the Resend webhook records, joined to the steps by the email id), and the guardrail's state, kept in
 * `store_meta` so every worker and server over the store sees the same.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema';

export type MarketingCounts = Readonly<{ delivered: number; complaints: number }>;

export async function marketingCounts(db: Kysely<Database>, since: Date): Promise<MarketingCounts> {
  const { rows } = await sql<{ delivered: string; complaints: string }>`
    SELECT count(*) FILTER (WHERE e.type = 'email.delivered') AS delivered,
           count(*) FILTER (WHERE e.type = 'email.complained') AS complaints
    FROM events e JOIN steps s ON s.resend_id = e.payload->'data'->>'email_id'
    WHERE e.source = 'resend' AND e.type IN ('email.delivered', 'email.complained')
      AND e.received_at >= ${since} AND s.kind = 'marketing'`.execute(db);
  return { delivered: Number(rows[0]?.delivered ?? 0), complaints: Number(rows[0]?.complaints ?? 0) };
}

const TRIPPED = 'guardrail.tripped';
const RESUMED = 'guardrail.resumed';

/** What was recorded when the guardrail tripped (JSON in store_meta), or undefined when marketing goes. */
export async function readTrip(db: Kysely<Database>): Promise<string | undefined> {
  const row = await db.selectFrom('store_meta').select('value').where('key', '=', TRIPPED).executeTakeFirst();
  return row?.value;
}

/** Records the trip once: the first worker to see the rate writes it, the others find it there. */
export async function recordTrip(db: Kysely<Database>, value: string): Promise<boolean> {
  const inserted = await db
    .insertInto('store_meta')
    .values({ key: TRIPPED, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Lifts the guardrail; the rate counts again from now (the complaints that tripped it are behind). */
export async function clearTrip(db: Kysely<Database>, at: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('store_meta').where('key', '=', TRIPPED).executeTakeFirst();
    await trx
      .insertInto('store_meta')
      .values({ key: RESUMED, value: at.toISOString() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: at.toISOString() }))
      .execute();
    return Number(removed.numDeletedRows) > 0;
  });
}

/** When marketing was last resumed by hand, if ever. */
export async function resumedAt(db: Kysely<Database>): Promise<Date | undefined> {
  const row = await db.selectFrom('store_meta').select('value').where('key', '=', RESUMED).executeTakeFirst();
  return row ? new Date(row.value) : undefined;
}
