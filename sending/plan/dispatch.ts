/** How a planned step is handed over, by how far ahead its time is. */

/** Resend schedules at most 30 days ahead; keep a margin for the time a run takes. */
export const HORIZON_MS = 30 * 86_400_000 - 60 * 60_000;

/**
 * `now`: no scheduledAt, it goes out at once (its time has come or passed);
 * `scheduled`: handed to Resend with scheduledAt; `pending`: beyond Resend's horizon, kept in the ledger for `resume`.
 */
export type Dispatch = 'now' | 'scheduled' | 'pending';

/** `now`, `scheduled` or `pending` for a step due at `sendAtMs`. */
export function dispatchFor(sendAtMs: number, nowMs: number): Dispatch {
  if (sendAtMs <= nowMs) return 'now';
  return sendAtMs - nowMs > HORIZON_MS ? 'pending' : 'scheduled';
}
