/** The preference centre's statements: the choices per address, and the link requests that rate-limit it. */
import { type Kysely, sql } from 'kysely';
import { addressKey } from '../plan/frequency';
import { EVERYTHING, isTopic, type Preferences, TOPICS } from '../plan/preferences';
import type { Database, StepRow } from './schema';

/** Whether any address has made a choice: a store without any skips the per-batch read at release. */
export async function anyPreferences(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('preferences').select('email').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The choices of each of these addresses that has made any (by lower-cased address). */
export async function readPreferences(
  db: Kysely<Database>,
  addresses: readonly string[],
): Promise<Map<string, Preferences>> {
  if (addresses.length === 0) return new Map();
  const rows = await db
    .selectFrom('preferences')
    .select([
      'email',
      'topics_off',
      'no_marketing',
      sql<string | null>`paused_until::text`.as('paused_until'),
    ])
    .where('email', 'in', [...new Set(addresses.map(addressKey))])
    .execute();
  return new Map(
    rows.map((r) => [
      r.email,
      {
        topicsOff: TOPICS.filter((t) => r.topics_off.includes(t)),
        pausedUntil: r.paused_until,
        noMarketing: r.no_marketing,
      },
    ]),
  );
}

export async function preferencesOf(db: Kysely<Database>, address: string): Promise<Preferences> {
  return (await readPreferences(db, [address])).get(addressKey(address)) ?? EVERYTHING;
}

/** Saves an address's choices; returns the ones they replace (for the page's undo). */
export async function savePreferences(
  db: Kysely<Database>,
  address: string,
  prefs: Preferences,
): Promise<Preferences> {
  return db.transaction().execute(async (trx) => {
    const email = addressKey(address);
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`post-purchase:preferences:${email}`}))`.execute(trx);
    const previous = await preferencesOf(trx, email);
    const values = {
      topics_off: prefs.topicsOff.filter(isTopic),
      paused_until: prefs.pausedUntil,
      no_marketing: prefs.noMarketing,
    };
    await trx
      .insertInto('preferences')
      .values({ email, ...values })
      .onConflict((oc) => oc.column('email').doUpdateSet({ ...values, updated_at: sql`now()` }))
      .execute();
    return previous;
  });
}

/**
 * Records a request for a preferences link and says whether it is within the limit (`max` per address in the
 * last `windowMs`, this one included). Refused requests are recorded too, so hammering never opens the gate.
 */
export async function takeLinkRequest(
  db: Kysely<Database>,
  address: string,
  max: number,
  windowMs: number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const email = addressKey(address);
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`post-purchase:link-requests:${email}`}))`.execute(trx);
    const since = sql<Date>`now() - ${`${windowMs} milliseconds`}::interval`;
    const row = await trx
      .selectFrom('link_requests')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('email', '=', email)
      .where('requested_at', '>', since)
      .executeTakeFirst();
    await trx.insertInto('link_requests').values({ email }).execute();
    // Older requests count for nothing any more.
    await trx
      .deleteFrom('link_requests')
      .where('email', '=', email)
      .where('requested_at', '<=', since)
      .execute();
    return Number(row?.n ?? 0) < max;
  });
}

/** The latest order's document for an address (its shop and language), or undefined for an unknown address. */
export async function latestDocument(db: Kysely<Database>, address: string): Promise<unknown> {
  const row = await db
    .selectFrom('orders')
    .select('document')
    .where(sql<string>`lower(customer_email)`, '=', addressKey(address))
    .where('document', 'is not', null)
    .orderBy('placed_at', 'desc')
    .executeTakeFirst();
  return row?.document ?? undefined;
}

/** Lifts the marketing suppression the unsubscribe page recorded (never a bounce's, a complaint's or a manual one). */
export async function liftUnsubscribe(db: Kysely<Database>, address: string): Promise<boolean> {
  const removed = await db
    .deleteFrom('suppressions')
    .where('email', '=', addressKey(address))
    .where('source', '=', 'unsubscribe')
    .where('scope', '=', 'marketing')
    .executeTakeFirst();
  return Number(removed.numDeletedRows) > 0;
}

/** An address's marketing steps scheduled at Resend to go after `after`: the ones a new choice can still recall. */
export async function scheduledMarketing(
  db: Kysely<Database>,
  address: string,
  after: Date,
): Promise<StepRow[]> {
  return db
    .selectFrom('steps')
    .selectAll()
    .where(sql<string>`lower(recipient)`, '=', addressKey(address))
    .where('kind', '=', 'marketing')
    .where('state', '=', 'scheduled')
    .where('send_at', '>', after)
    .execute();
}
