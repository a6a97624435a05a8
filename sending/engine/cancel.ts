/**
 * A cancel that says what it did: the order's (or a test run's) steps before and after the stop, compared. What
 * it stopped; what it could not stop and why (already sent, too close to its send time, Resend refused); what
 * had stopped before.
 */
import { STOP_MARGIN_MS } from '../plan/frequency';
import type { StepRow } from '../store/schema';

export type StoppedStep = Readonly<{
  template: string;
  step: number;
  /** The send time (UTC ISO) and the same instant on the customer's clock. */
  sendAt: string;
  local: string;
}>;

export type NotStopped = StoppedStep & Readonly<{ why: string }>;

export type CancelOutcome = Readonly<{
  /** The live order id. */
  order: string;
  /** A test run's recipient; absent for the live order. */
  to?: string;
  /** The store's key: the order id, or `test:<order id>:<to>`. */
  key: string;
  /** False when the store has no step for that order (or run). */
  found: boolean;
  stopped: readonly StoppedStep[];
  notStopped: readonly NotStopped[];
  /** Steps that had already stopped (skipped, cancelled or failed) before this cancel. */
  alreadyStopped: number;
}>;

const OPEN = new Set<string>(['planned', 'sending', 'scheduled']);

function brief(row: StepRow): StoppedStep {
  return {
    template: row.template,
    step: row.step,
    sendAt: new Date(row.send_at).toISOString(),
    local: row.local_time,
  };
}

/** Why a step that is still to go (or went) was not stopped by a cancel recorded at `at`. */
function whyNot(row: StepRow, at: Date): string {
  if (row.state === 'sent') return 'already sent';
  const sendMs = new Date(row.send_at).getTime();
  if (row.state === 'sending') return 'being handed to Resend at this moment';
  if (sendMs <= at.getTime() + STOP_MARGIN_MS)
    return sendMs <= at.getTime()
      ? 'already handed to Resend to go now'
      : 'too close to its send time to stop';
  return row.reason ?? 'Resend did not cancel it';
}

export function compareCancel(
  target: Readonly<{ order: string; to?: string; key: string }>,
  before: readonly StepRow[],
  after: readonly StepRow[],
  at: Date,
): CancelOutcome {
  const was = new Map(before.map((r) => [r.id, r]));
  const stopped: StoppedStep[] = [];
  const notStopped: NotStopped[] = [];
  let alreadyStopped = 0;
  for (const row of after) {
    const prior = was.get(row.id);
    const wasOpen = prior !== undefined && OPEN.has(prior.state);
    if (row.state === 'cancelled' || row.state === 'skipped') {
      if (wasOpen) stopped.push(brief(row));
      else alreadyStopped++;
    } else if (row.state === 'failed') alreadyStopped++;
    else notStopped.push({ ...brief(row), why: whyNot(row, at) });
  }
  return {
    order: target.order,
    ...(target.to === undefined ? {} : { to: target.to }),
    key: target.key,
    found: after.length > 0,
    stopped,
    notStopped,
    alreadyStopped,
  };
}
