/**
 * The steps table, as the release moves a step: claimed by one worker under a lease, stopped or deferred by the
 * gate, its request's key recorded before the request leaves, and the provider's answer recorded after.
 */
import { sql } from 'kysely';
import type { Db } from './db';
import type { StepRow, StepState } from './schema';

const leaseUntil = (leaseMs: number) => sql<Date>`now() + ${`${leaseMs} milliseconds`}::interval`;

// ── claiming ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Claimed before the request but never given a batch key: no request left, so they are simply planned again. */
export async function replanUnrecorded(db: Db): Promise<void> {
  await db
    .updateTable('steps')
    .set({ state: 'planned', lease_until: null, updated_at: sql`now()` })
    .where('state', '=', 'sending')
    .where('batch_key', 'is', null)
    .where('lease_until', '<', sql<Date>`now()`)
    .execute();
}

/** The keys of requests whose worker died mid-request (steps left `sending` past their lease). */
export async function orphanedRequestKeys(db: Db): Promise<string[]> {
  const orphaned = await db
    .selectFrom('steps')
    .select('batch_key')
    .distinct()
    .where('state', '=', 'sending')
    .where('lease_until', '<', sql<Date>`now()`)
    .execute();
  return orphaned.flatMap((r) => (r.batch_key ? [r.batch_key] : []));
}

/** Takes over an orphaned request's steps under a new lease, to replay it. */
export function leaseOrphanedRequest(db: Db, key: string, leaseMs: number) {
  return db
    .updateTable('steps')
    .set({ lease_until: leaseUntil(leaseMs), updated_at: sql`now()` })
    .where('batch_key', '=', key)
    .where('state', '=', 'sending')
    .where('lease_until', '<', sql<Date>`now()`)
    .returningAll()
    .execute();
}

/** Moves due planned steps to `sending` (these ids, or the earliest `limit`): a step is one worker's at a time. */
export async function claimSteps(
  db: Db,
  which: { ids: readonly string[] } | { limit: number },
  leaseMs: number,
  options: Readonly<{ exceptMarketing?: boolean }> = {},
): Promise<StepRow[]> {
  if ('ids' in which && which.ids.length === 0) return [];
  const planned = db
    .selectFrom('steps')
    .select('id')
    .where('state', '=', 'planned')
    // A job left from an earlier plan of the step (re-planned later) must not release it early.
    .where('release_at', '<=', sql<Date>`now()`)
    // The complaint guardrail holds marketing: it stays planned.
    .$if(options.exceptMarketing === true, (q) => q.where('kind', '<>', 'marketing'));
  const due =
    'ids' in which
      ? planned.where('id', 'in', [...which.ids])
      : planned.orderBy('release_at').limit(which.limit);
  return db
    .updateTable('steps')
    .set({
      state: 'sending',
      lease_until: leaseUntil(leaseMs),
      attempts: sql`attempts + 1`,
      updated_at: sql`now()`,
    })
    .where('id', 'in', due.forUpdate().skipLocked())
    .returningAll()
    .execute();
}

/** Claimed but not handed over (the run was stopped): planned again. */
export async function unclaim(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('steps')
    .set({ state: 'planned', lease_until: null, updated_at: sql`now()` })
    .where('id', 'in', [...ids])
    .where('state', '=', 'sending')
    .execute();
}

// ── the gate ─────────────────────────────────────────────────────────────────────────────────────────────────

/** A claimed step the gate stopped (a suppression, a cancelled or superseded order). */
export async function stopClaimed(
  db: Db,
  id: string,
  outcome: Readonly<{ state: StepState; reason: string }>,
): Promise<void> {
  await db
    .updateTable('steps')
    .set({ state: outcome.state, reason: outcome.reason, lease_until: null, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .execute();
}

export type NewTime = Readonly<{ send_at: Date; release_at: Date; local_time: string; reason: string }>;

/** A claimed step deferred to a time still within its release window: it stays claimed, with its new time. */
export async function retimeClaimed(trx: Db, id: string, time: NewTime): Promise<void> {
  await trx
    .updateTable('steps')
    .set({ ...time, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .execute();
}

/** A claimed step deferred beyond its release window: planned again at its new time (the caller queues its job). */
export async function deferClaimed(trx: Db, id: string, time: NewTime): Promise<void> {
  await trx
    .updateTable('steps')
    .set({ state: 'planned', ...time, lease_until: null, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .execute();
}

/** One advisory lock per address, taken in order (two workers never wait on each other in opposite orders). */
export async function lockAddresses(trx: Db, addresses: readonly string[]): Promise<void> {
  // One statement for every address, taken in the addresses' order (volatile functions in the select list are
  // evaluated after ORDER BY).
  await sql`SELECT pg_advisory_xact_lock(hashtext(a))
    FROM unnest(${addresses.map((a) => `post-purchase:frequency:${a}`)}::text[]) WITH ORDINALITY AS u(a, n)
    ORDER BY n`.execute(trx);
}

// ── the request and its outcome ──────────────────────────────────────────────────────────────────────────────

/**
 * Records a request's key on the steps this worker still holds (same claim, not stopped meanwhile), before the
 * request leaves. Returns the ids it recorded: a step stopped between its claim and this line never leaves.
 */
export function recordRequest(
  db: Db,
  rows: readonly Pick<StepRow, 'id' | 'attempts'>[],
  key: string,
  scheduledAt: string | null,
) {
  return db
    .updateTable('steps')
    .set({ batch_key: key, scheduled_at: scheduledAt, updated_at: sql`now()` })
    .where(
      sql<boolean>`(id, attempts) IN (SELECT * FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.attempts)}::int[]))`,
    )
    .where('state', '=', 'sending')
    .where('batch_key', 'is', null)
    .returning('id')
    .execute();
}

/** Resend accepted these steps (sent, or scheduled) under these ids. */
export async function markAccepted(
  db: Db,
  stepIds: readonly string[],
  resendIds: readonly string[],
  scheduled: boolean,
): Promise<void> {
  if (stepIds.length === 0) return;
  await sql`
    UPDATE steps SET state = ${scheduled ? 'scheduled' : 'sent'}, resend_id = u.resend_id,
      reason = CASE WHEN steps.reason LIKE 'deferred%' THEN steps.reason END,
      sent_at = now(), lease_until = NULL, updated_at = now()
    FROM unnest(${[...stepIds]}::text[], ${[...resendIds]}::text[]) AS u(id, resend_id)
    WHERE steps.id = u.id`.execute(db);
}

/** Rejected by Resend, or not renderable: failed, with the reason. */
export async function markFailed(db: Db, ids: readonly string[], reason: string): Promise<void> {
  await db
    .updateTable('steps')
    .set({ state: 'failed', reason, lease_until: null, updated_at: sql`now()` })
    .where('id', 'in', [...ids])
    .execute();
}

/** Nothing was accepted (a quota, a refused key): the steps wait, planned, for the next run. */
export async function replanRefused(db: Db, ids: readonly string[], reason: string): Promise<void> {
  await db
    .updateTable('steps')
    .set({ state: 'planned', batch_key: null, lease_until: null, reason, updated_at: sql`now()` })
    .where('id', 'in', [...ids])
    .execute();
}

/** The outcome is unknown (retries ran out): the lease lapses at once so the next run replays this request. */
export async function leaveForReplay(db: Db, ids: readonly string[], reason: string): Promise<void> {
  await db
    .updateTable('steps')
    .set({ lease_until: sql<Date>`now()`, reason, updated_at: sql`now()` })
    .where('id', 'in', [...ids])
    .execute();
}

/** Steps by id. */
export function stepsById(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('steps')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}
