/**
 * New choices at the preference centre reach what is already scheduled at Resend: a marketing step handed over
 * with `scheduledAt` (inside the release window) that the choices now stop is cancelled there, as a
 * suppression would, when its send time is more than five minutes away. Planned steps need nothing here: the
 * worker asks the choices when it releases them (so an undo restores them).
 */
import { STOP_MARGIN_MS } from '../plan/frequency';
import { offsetOf, type Preferences, preferenceStop } from '../plan/preferences';
import type { Db } from '../store/db';
import { scheduledMarketing } from '../store/preferences';
import { type Canceller, cancelAtResend } from './stops';

export async function recallScheduled(
  db: Db,
  sender: Canceller,
  address: string,
  prefs: Preferences,
  now: Date = new Date(),
): Promise<number> {
  const rows = await scheduledMarketing(db, address, new Date(now.getTime() + STOP_MARGIN_MS));
  let recalled = 0;
  for (const row of rows) {
    const why = preferenceStop(
      prefs,
      row.template,
      new Date(row.send_at).getTime(),
      offsetOf(row.local_time),
    );
    if (!why) continue;
    const outcome = await cancelAtResend(db, sender, [row], why, 'skipped');
    recalled += outcome.cancelledAtResend;
  }
  return recalled;
}
