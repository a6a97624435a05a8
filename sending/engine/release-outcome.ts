/**
 * What a release request's answer does to its steps: accepted (sent or scheduled, and a stop that raced the
 * request cancels it at the provider), rejected one by one or as a whole (a quota or a refused key stops the run),
 * or unknown (left for the next run to replay under the same key).
 */
import { stoppable } from '../plan/frequency';
import { isQuotaError } from '../provider/sender';
import { markAlreadyAtResend } from '../store/already-at-resend';
import type { StepRow } from '../store/schema';
import { leaveForReplay, markAccepted, markFailed, replanRefused, stepsById } from '../store/step-release';
import { stops } from './release-gate';
import type { Run } from './release-run';
import { cancelAtResend } from './stops';

export async function fail(run: Run, rows: readonly StepRow[], reason: string): Promise<void> {
  if (rows.length === 0) return;
  await markFailed(
    run.db,
    rows.map((r) => r.id),
    reason,
  );
  for (const r of rows)
    run.report.failed.push({ step: r.id, order: r.order_id, template: r.template, reason });
  run.seen.failed(rows, reason);
}

export async function accepted(
  run: Run,
  rows: readonly StepRow[],
  ids: readonly string[],
  errors: readonly Readonly<{ index: number; message: string }>[],
  scheduled: boolean,
): Promise<void> {
  const failedAt = new Map(errors.map((e) => [e.index, e.message]));
  const okIds: string[] = [];
  const okResend: string[] = [];
  let next = 0;
  const bad: { row: StepRow; reason: string }[] = [];
  rows.forEach((row, index) => {
    const message = failedAt.get(index);
    if (message !== undefined) bad.push({ row, reason: `rejected by Resend: ${message}` });
    else {
      okIds.push(row.id);
      okResend.push(ids[next++] ?? '');
    }
  });
  await markAccepted(run.db, okIds, okResend, scheduled);
  if (scheduled) run.report.scheduled += okIds.length;
  else run.report.sent += okIds.length;
  run.seen.accepted(
    rows.filter((r) => okIds.includes(r.id)),
    scheduled,
  );
  if (scheduled && okIds.length > 0) await stopLate(run, okIds);
  for (const b of bad) await fail(run, [b.row], b.reason);
  run.options.onProgress?.(run.report);
}

/**
 * A stop recorded while a scheduled step's request was on the wire found it neither planned nor scheduled:
 * look again now that Resend has its id, and cancel it there.
 */
export async function stopLate(run: Run, ids: readonly string[]): Promise<void> {
  const rows = await stepsById(run.db, ids);
  const late = await stops(run, rows);
  for (const row of rows) {
    const stop = late.get(row.id);
    if (!stop || !stoppable(new Date(row.send_at).getTime(), Date.now())) continue;
    await cancelAtResend(
      run.db,
      run.sender,
      [row],
      stop.reason,
      stop.state === 'cancelled' ? 'cancelled' : 'skipped',
    );
  }
}

export async function rejected(
  run: Run,
  rows: readonly StepRow[],
  outcome: Readonly<{ error: string; name?: string; status: number | null; definitive: boolean }>,
): Promise<void> {
  if (!outcome.definitive) {
    await leaveUnknown(run, rows, outcome.error);
    return;
  }
  if (outcome.status === 409 && outcome.name === 'invalid_idempotent_request') {
    // Resend already has these emails: they went, whatever this request's body says now.
    run.report.sent += await markAlreadyAtResend(
      run.db,
      rows.map((r) => r.id),
    );
    run.options.onProgress?.(run.report);
    return;
  }
  const refused =
    isQuotaError(outcome.name, run.sender.capabilities) || outcome.status === 401 || outcome.status === 403;
  if (refused) {
    // Nothing was accepted: the steps wait, planned, for the next run.
    await replanRefused(
      run.db,
      rows.map((r) => r.id),
      outcome.error,
    );
    run.report.stopped ??= `Resend refused to send: ${outcome.error}; the remaining steps stay planned for the next run`;
    return;
  }
  await fail(run, rows, outcome.error);
  run.options.onProgress?.(run.report);
}

/** The outcome is unknown (retries ran out): the lease lapses at once so the next run replays this request. */
export async function leaveUnknown(run: Run, rows: readonly StepRow[], reason: string): Promise<void> {
  await leaveForReplay(
    run.db,
    rows.map((r) => r.id),
    `${reason} (replayed on the next run)`,
  );
  for (const r of rows)
    run.report.failed.push({
      step: r.id,
      order: r.order_id,
      template: r.template,
      reason: `${reason} (replayed on the next run)`,
    });
  run.seen.unknown(rows, reason);
  run.options.onProgress?.(run.report);
}
