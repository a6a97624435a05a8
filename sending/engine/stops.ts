/**
 * Stopping what a suppression, a cancellation or a newer order covers, as of the moment it is recorded: steps
 * not yet handed over (planned, or claimed by a worker that has not yet recorded its request) are skipped with
 * the reason; steps already scheduled at Resend whose send time is more than five minutes away are cancelled
 * there (`POST /emails/:id/cancel`), the outcome recorded on each step.
 */
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { addressKey, STOP_MARGIN_MS } from '../plan/frequency';
import type { Sender } from '../provider/sender';
import type { Database, StepRow, StepState } from '../store/schema';

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
  return stopSteps(
    db,
    sender,
    (eb) => {
      const mine = eb(sql<string>`lower(recipient)`, '=', addressKey(address));
      return scope === 'marketing' ? eb.and([mine, eb('kind', '=', 'marketing')]) : mine;
    },
    { state: 'skipped', reason, recordedAt },
  );
}

/**
 * An order cancelled or refunded: every step of it that has not gone out is cancelled (at Resend too), and the
 * order remembers why, so a step a worker already claimed is stopped at its release as well.
 */
export async function stopForOrder(
  db: Kysely<Database>,
  sender: Sender | undefined,
  orderId: string,
  reason: string,
  recordedAt: Date = new Date(),
): Promise<StopResult> {
  await db
    .updateTable('orders')
    .set({ cancelled: reason, updated_at: sql`now()` })
    .where('id', '=', orderId)
    .where('cancelled', 'is', null)
    .execute();
  return stopSteps(db, sender, (eb) => eb('order_id', '=', orderId), {
    state: 'cancelled',
    reason,
    recordedAt,
  });
}

/** Which steps a stop covers (an address, an order). */
type Narrow = (eb: ExpressionBuilder<Database, 'steps'>) => Expression<SqlBool>;

/** The one mechanism behind both: skip or cancel what is not handed over, cancel at Resend what is scheduled. */
async function stopSteps(
  db: Kysely<Database>,
  sender: Sender | undefined,
  narrow: Narrow,
  stop: Readonly<{ state: 'skipped' | 'cancelled'; reason: string; recordedAt: Date }>,
): Promise<StopResult> {
  const unsent = await db
    .updateTable('steps')
    .set({ state: stop.state, reason: stop.reason, lease_until: null, updated_at: sql`now()` })
    .where(notHandedOver)
    .where(narrow)
    .executeTakeFirst();
  const scheduled = await db
    .selectFrom('steps')
    .selectAll()
    .where('state', '=', 'scheduled')
    .where('send_at', '>', new Date(stop.recordedAt.getTime() + STOP_MARGIN_MS))
    .where(narrow)
    .execute();
  const atResend = await cancelAtResend(db, sender, scheduled, stop.reason, 'cancelled');
  return { skipped: Number(unsent.numUpdatedRows), ...atResend };
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
