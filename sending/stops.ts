/**
 * Stopping what a suppression, a cancellation or a newer order covers, as of the moment it is recorded: steps
 * not yet handed over (planned, or claimed by a worker that has not yet recorded its request) are skipped with
 * the reason; steps already scheduled at Resend whose send time is more than five minutes away are cancelled
 * there (`POST /emails/:id/cancel`), the outcome recorded on each step.
 */
import { type Kysely, sql } from 'kysely';
import { addressKey, STOP_MARGIN_MS } from './frequency';
import type { Sender } from './resend-sender';
import type { Database, StepRow, StepState } from './store/schema';

export type StopResult = Readonly<{ skipped: number; cancelledAtResend: number; failed: readonly string[] }>;

/**
 * Steps that have not been handed to Resend: planned ones, and ones a worker claimed but has not yet recorded a
 * request for (no batch key). The worker records its request only on steps still `sending`, so a step stopped
 * here never leaves, however the two interleave.
 */
export const notHandedOver = sql<boolean>`(steps.state = 'planned' OR (steps.state = 'sending' AND steps.batch_key IS NULL))`;

export async function stopForAddress(
  db: Kysely<Database>,
  sender: Sender | undefined,
  address: string,
  scope: 'marketing' | 'all',
  reason: string,
  recordedAt: Date = new Date(),
): Promise<StopResult> {
  const key = addressKey(address);
  let planned = db
    .updateTable('steps')
    .set({ state: 'skipped', reason, lease_until: null, updated_at: sql`now()` })
    .where(sql<string>`lower(recipient)`, '=', key)
    .where(notHandedOver);
  if (scope === 'marketing') planned = planned.where('kind', '=', 'marketing');
  const skipped = Number((await planned.executeTakeFirst()).numUpdatedRows);
  let scheduledQuery = db
    .selectFrom('steps')
    .selectAll()
    .where(sql<string>`lower(recipient)`, '=', key)
    .where('state', '=', 'scheduled')
    .where('send_at', '>', new Date(recordedAt.getTime() + STOP_MARGIN_MS));
  if (scope === 'marketing') scheduledQuery = scheduledQuery.where('kind', '=', 'marketing');
  const cancelled = await cancelAtResend(db, sender, await scheduledQuery.execute(), reason, 'cancelled');
  return { skipped, ...cancelled };
}

/**
 * Cancels steps already scheduled at Resend (by their Resend id) and records the outcome on each: the state
 * given (`cancelled`, or `skipped` for a superseded step) when Resend cancelled it, the failure otherwise.
 */
export async function cancelAtResend(
  db: Kysely<Database>,
  sender: Sender | undefined,
  rows: readonly StepRow[],
  reason: string,
  state: Extract<StepState, 'cancelled' | 'skipped'> = 'cancelled',
): Promise<Omit<StopResult, 'skipped'>> {
  let cancelledAtResend = 0;
  const failed: string[] = [];
  for (const row of rows) {
    if (!row.resend_id || !sender) {
      failed.push(`${row.id}: no Resend client to cancel it with`);
      await db
        .updateTable('steps')
        .set({ reason: `${reason}; not cancelled at Resend (no API key here)`, updated_at: sql`now()` })
        .where('id', '=', row.id)
        .execute();
      continue;
    }
    const outcome = await sender.cancel(row.resend_id);
    if (outcome.ok) {
      cancelledAtResend++;
      await db
        .updateTable('steps')
        .set({ state, reason: `${reason} (cancelled at Resend)`, updated_at: sql`now()` })
        .where('id', '=', row.id)
        .execute();
    } else {
      failed.push(`${row.id}: ${outcome.error}`);
      await db
        .updateTable('steps')
        .set({ reason: `${reason}; cancelling at Resend failed: ${outcome.error}`, updated_at: sql`now()` })
        .where('id', '=', row.id)
        .execute();
    }
  }
  return { cancelledAtResend, failed };
}
