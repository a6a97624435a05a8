/**
 * Stopping what a suppression, a cancellation or a newer order covers, as of the moment it is recorded: steps
 * not yet handed over (planned, or claimed by a worker that has not yet recorded its request) are skipped with
 * the reason; steps already scheduled at Resend whose send time is more than five minutes away are cancelled
 * there (`POST /emails/:id/cancel`), the outcome recorded on each step.
 */
import { addressKey, STOP_MARGIN_MS } from '../plan/frequency';
import type { Sender } from '../provider/sender';
import type { Db } from '../store/db';
import { markOrderCancelled } from '../store/orders';
import type { StepRow, StepState } from '../store/schema';
import { recordStop, type StopTarget, scheduledAfter, stopUnsent } from '../store/steps';

export type StopResult = Readonly<{ skipped: number; cancelledAtResend: number; failed: readonly string[] }>;

export async function stopForAddress(
  db: Db,
  sender: Sender | undefined,
  address: string,
  scope: 'marketing' | 'all',
  reason: string,
  recordedAt: Date = new Date(),
): Promise<StopResult> {
  return stopSteps(
    db,
    sender,
    { address: addressKey(address), scope },
    { state: 'skipped', reason, recordedAt },
  );
}

/**
 * An order cancelled or refunded: every step of it that has not gone out is cancelled (at Resend too), and the
 * order remembers why, so a step a worker already claimed is stopped at its release as well.
 */
export async function stopForOrder(
  db: Db,
  sender: Sender | undefined,
  orderId: string,
  reason: string,
  recordedAt: Date = new Date(),
): Promise<StopResult> {
  await markOrderCancelled(db, orderId, reason);
  return stopSteps(
    db,
    sender,
    { orderId },
    {
      state: 'cancelled',
      reason,
      recordedAt,
    },
  );
}

/** The one mechanism behind both: skip or cancel what is not handed over, cancel at Resend what is scheduled. */
async function stopSteps(
  db: Db,
  sender: Sender | undefined,
  target: StopTarget,
  stop: Readonly<{ state: 'skipped' | 'cancelled'; reason: string; recordedAt: Date }>,
): Promise<StopResult> {
  const skipped = await stopUnsent(db, target, stop);
  const scheduled = await scheduledAfter(db, target, new Date(stop.recordedAt.getTime() + STOP_MARGIN_MS));
  const atResend = await cancelAtResend(db, sender, scheduled, stop.reason, 'cancelled');
  return { skipped, ...atResend };
}

/**
 * Cancels steps already scheduled at Resend (by their Resend id) and records the outcome on each: the state
 * given (`cancelled`, or `skipped` for a superseded step) when Resend cancelled it, the failure otherwise.
 */
export async function cancelAtResend(
  db: Db,
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
      await recordStop(db, row.id, { reason: `${reason}; not cancelled at Resend (no API key here)` });
      continue;
    }
    if (!sender.capabilities.canCancel) {
      failed.push(`${row.id}: the email provider cannot cancel a scheduled email`);
      await recordStop(db, row.id, { reason: `${reason}; not cancelled (the email provider cannot cancel)` });
      continue;
    }
    const outcome = await sender.cancel(row.resend_id);
    if (outcome.ok) {
      cancelledAtResend++;
      await recordStop(db, row.id, { state, reason: `${reason} (cancelled at Resend)` });
    } else {
      failed.push(`${row.id}: ${outcome.error}`);
      await recordStop(db, row.id, { reason: `${reason}; cancelling at Resend failed: ${outcome.error}` });
    }
  }
  return { cancelledAtResend, failed };
}
