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
import {
  recordStop,
  type StopTarget,
  scheduledAfter,
  stopUnsent,
  takeWantedStops,
  wantStops,
} from '../store/steps';
import type { Worker } from './work';

export type StopResult = Readonly<{
  skipped: number;
  cancelledAtResend: number;
  failed: readonly string[];
  /** Scheduled emails left to the worker to cancel at Resend (a request does not wait on Resend). */
  cancellingAtResend?: number;
}>;

/**
 * The worker of this process, when one runs (`serve`): a stop recorded while answering a request leaves the
 * scheduled emails to it (`stop_wanted`), and wakes it, instead of calling Resend inside the request.
 */
export type LaterCanceller = Readonly<{ later: () => void }>;

/** Who cancels at Resend: the sender, at once; the worker, later; or nobody (no key: the stop is recorded only). */
export type Canceller = Sender | LaterCanceller | undefined;

const isLater = (c: Canceller): c is LaterCanceller => c !== undefined && 'later' in c;

/**
 * A sequencer's canceller: while its worker runs in this process (`serve`), the worker — woken at once — so a
 * request (an order, an event, an unsubscribe, a webhook) never waits on Resend; else the sender, if any.
 */
export function cancellerOf(
  ports: Readonly<{ worker: Worker; sender: () => Sender | undefined }>,
): () => Canceller {
  const later: LaterCanceller = { later: () => ports.worker.wake.wake() };
  return () => {
    const sender = ports.sender();
    return sender && ports.worker.running() > 0 ? later : sender;
  };
}

export async function stopForAddress(
  db: Db,
  sender: Canceller,
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
  sender: Canceller,
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
  sender: Canceller,
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
  sender: Canceller,
  rows: readonly StepRow[],
  reason: string,
  state: Extract<StepState, 'cancelled' | 'skipped'> = 'cancelled',
  /** The worker's own stops: one Resend could not take now (no answer, a 5xx) stays wanted for its next pass. */
  retryLater = false,
): Promise<Omit<StopResult, 'skipped'>> {
  let cancelledAtResend = 0;
  let cancelling = 0;
  const failed: string[] = [];
  if (isLater(sender)) {
    const known = rows.filter((r) => r.resend_id);
    await wantStops(
      db,
      known.map((r) => r.id),
      { state, reason },
    );
    if (known.length > 0) sender.later();
    const unknown = rows.filter((r) => !r.resend_id);
    const now = await cancelAtResend(db, undefined, unknown, reason, state);
    return { ...now, cancellingAtResend: known.length };
  }
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
    } else if (retryLater && !outcome.definitive) {
      cancelling++;
      await wantStops(db, [row.id], { state, reason });
    } else {
      failed.push(`${row.id}: ${outcome.error}`);
      await recordStop(db, row.id, { reason: `${reason}; cancelling at Resend failed: ${outcome.error}` });
    }
  }
  return { cancelledAtResend, failed, ...(cancelling > 0 ? { cancellingAtResend: cancelling } : {}) };
}

/**
 * The worker's share of the stops recorded while answering requests: each wanted one cancelled at Resend now,
 * and recorded as any stop is. Returns how many it took.
 */
export async function cancelWantedStops(db: Db, sender: Sender): Promise<number> {
  let taken = 0;
  for (;;) {
    const rows = await takeWantedStops(db, 50);
    if (rows.length === 0) return taken;
    taken += rows.length;
    let unanswered = false;
    for (const row of rows) {
      // Resend is not answering: the rest wait for the next pass (wanted again), the release goes on.
      if (unanswered) {
        await wantStops(db, [row.id], row.wanted);
        continue;
      }
      const outcome = await cancelAtResend(db, sender, [row], row.wanted.reason, row.wanted.state, true);
      unanswered = (outcome.cancellingAtResend ?? 0) > 0;
    }
    if (unanswered) return taken;
  }
}
