/**
 * A cancel that says what it did: the order's (or a test run's) steps before and after the stop, compared. What
 * it stopped; what it could not stop and why (already sent, too close to its send time, Resend refused); what
 * had stopped before.
 */
import { STOP_MARGIN_MS } from '../plan/frequency';
import { clockTime, customerClock, relative } from '../plan/operator-clock';
import { testRunKey } from '../plan/test-run';
import type { Db } from '../store/db';
import type { StepRow } from '../store/schema';
import { stepsOfKey } from '../store/test-runs';
import { type Canceller, stopForOrder } from './stops';

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

/** `thank-you, due 10:39 (in 1 min; customer's 19:39 +09:00)`: the operator's clock first. */
export function describeStep(step: StoppedStep, zone: string, now: Date): string {
  return `${step.template}, due ${clockTime(step.sendAt, zone, now)} (${relative(step.sendAt, now)}; customer's ${customerClock(step.local, step.sendAt, zone, now)})`;
}

/** Who the cancel was for, in words. */
export function cancelHeading(result: CancelOutcome): string {
  return result.to === undefined
    ? `order ${result.order} (live; its test runs are untouched)`
    : `the test run of order ${result.order} to ${result.to} (the live order and other runs are untouched)`;
}

/** `Stopped 4 step(s); 1 could not be stopped; 2 had stopped before.` */
export function cancelSummary(result: CancelOutcome): string {
  return (
    `Stopped ${result.stopped.length} step(s)` +
    (result.notStopped.length
      ? `; ${result.notStopped.length} could not be stopped`
      : '; nothing left to go') +
    (result.alreadyStopped ? `; ${result.alreadyStopped} had stopped before` : '') +
    '.'
  );
}

/** Each line of what a cancel did: the heading, what it stopped, what it could not and why, the summary. */
export function cancelLines(result: CancelOutcome, zone: string, now: Date): string[] {
  if (!result.found) return [`Nothing to cancel: no step of ${cancelHeading(result)} is in the store.`];
  return [
    `Cancelled ${cancelHeading(result)}; times on ${zone}:`,
    ...(result.stopped.length
      ? ['  stopped:', ...result.stopped.map((s) => `    ${describeStep(s, zone, now)}`)]
      : []),
    ...(result.notStopped.length
      ? ['  could not stop:', ...result.notStopped.map((s) => `    ${describeStep(s, zone, now)}: ${s.why}`)]
      : []),
    '',
    cancelSummary(result),
  ];
}

/** What to cancel: the live order (`{ order }`), or one test run of it (`{ order, to }`). */
export type CancelTarget = Readonly<{ order: string; to?: string }>;

export type CancelPorts = Readonly<{
  /** Cancels the live order as an `order-cancelled` event (recorded, applied once). */
  cancelOrder: (orderId: string, at: Date) => Promise<unknown>;
  /** Cancels at Resend what is scheduled there (none: recorded, not cancelled). */
  sender?: Canceller;
}>;

/**
 * Cancels the live order or one test run of it: never both, never another run. Says what it stopped and what it
 * could not, from the key's steps before and after.
 */
export async function cancel(
  db: Db,
  target: CancelTarget,
  at: Date,
  ports: CancelPorts,
): Promise<CancelOutcome> {
  const to = target.to?.trim().toLowerCase();
  const key = to === undefined ? target.order : testRunKey(target.order, to);
  const before = await stepsOfKey(db, key);
  if (to === undefined) await ports.cancelOrder(target.order, at);
  else if (before.length > 0) await stopForOrder(db, ports.sender, key, 'test run cancelled', at);
  const after = await stepsOfKey(db, key);
  return compareCancel({ order: target.order, ...(to === undefined ? {} : { to }), key }, before, after, at);
}
