/**
 * Stopping what a suppression covers, as of the moment it is recorded: steps not yet handed over are skipped
 * with the reason; steps already scheduled at Resend whose send time is more than five minutes away are
 * cancelled there (`POST /emails/:id/cancel`), the outcome recorded on each step.
 */
import { type Kysely, sql } from 'kysely';
import { addressKey, STOP_MARGIN_MS } from './frequency';
import type { Sender } from './resend-sender';
import type { Database } from './store/schema';

export type StopResult = Readonly<{ skipped: number; cancelledAtResend: number; failed: readonly string[] }>;

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
    .where('state', '=', 'planned');
  if (scope === 'marketing') planned = planned.where('kind', '=', 'marketing');
  const skipped = Number((await planned.executeTakeFirst()).numUpdatedRows);
  let scheduledQuery = db
    .selectFrom('steps')
    .selectAll()
    .where(sql<string>`lower(recipient)`, '=', key)
    .where('state', '=', 'scheduled')
    .where('send_at', '>', new Date(recordedAt.getTime() + STOP_MARGIN_MS));
  if (scope === 'marketing') scheduledQuery = scheduledQuery.where('kind', '=', 'marketing');
  const scheduled = await scheduledQuery.execute();
  let cancelledAtResend = 0;
  const failed: string[] = [];
  for (const row of scheduled) {
    if (!row.resend_id || !sender) {
      failed.push(`${row.id}: no Resend client to cancel it with`);
      continue;
    }
    const outcome = await sender.cancel(row.resend_id);
    if (outcome.ok) {
      cancelledAtResend++;
      await db
        .updateTable('steps')
        .set({ state: 'cancelled', reason: `${reason} (cancelled at Resend)`, updated_at: sql`now()` })
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
  return { skipped, cancelledAtResend, failed };
}
