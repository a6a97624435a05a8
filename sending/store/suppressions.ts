/** The suppressions table: addresses that get no marketing, or no mail at all, and why. */
import { sql } from 'kysely';
import type { Db } from './db';

export type NewSuppression = Readonly<{
  email: string;
  scope: 'marketing' | 'all';
  reason: string | null;
  source: string;
}>;

/** Suppresses an address; a wider suppression replaces a narrower one, never the other way round. */
export async function addSuppression(db: Db, suppression: NewSuppression): Promise<void> {
  await db
    .insertInto('suppressions')
    .values({ ...suppression, email: suppression.email.trim().toLowerCase() })
    .onConflict((oc) =>
      oc.column('email').doUpdateSet({
        scope: sql`CASE WHEN suppressions.scope = 'all' THEN 'all' ELSE excluded.scope END`,
        reason: sql`excluded.reason`,
        source: sql`excluded.source`,
      }),
    )
    .execute();
}

/** Lifts an address's suppression; the scope it had, or undefined when there was none. */
export async function removeSuppression(db: Db, email: string): Promise<'marketing' | 'all' | undefined> {
  const result = await db
    .deleteFrom('suppressions')
    .where('email', '=', email.trim().toLowerCase())
    .returning(['scope'])
    .executeTakeFirst();
  return result?.scope;
}

/** Every suppression, oldest first. */
export function listSuppressions(db: Db) {
  return db.selectFrom('suppressions').selectAll().orderBy('created_at').execute();
}

/** The suppressions of these addresses (as `addressKey` gives them). */
export function suppressionsOf(db: Db, addresses: readonly string[]) {
  return db
    .selectFrom('suppressions')
    .selectAll()
    .where('email', 'in', [...addresses])
    .execute();
}
