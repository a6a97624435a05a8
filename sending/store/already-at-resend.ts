/**
 * Resend's 409 `invalid_idempotent_request` answers a key it has seen with another body: it already holds the
 * email(s) this key covers — a replayed batch whose content moved since the first request, or a store restored
 * from an older backup. The emails went out (or are scheduled there), so the steps are `sent` (`scheduled` for
 * a future send time), not `failed`: a retry would never be accepted, and a duplicate must not be forced.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema';

export const ALREADY_AT_RESEND =
  'Resend already holds this email under its idempotency key (409 on a repeated request); its Resend id is not known here';

export async function markAlreadyAtResend(db: Kysely<Database>, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await sql`
    UPDATE steps SET
      state = CASE WHEN steps.scheduled_at IS NOT NULL AND steps.scheduled_at > now() THEN 'scheduled' ELSE 'sent' END,
      reason = ${ALREADY_AT_RESEND}, sent_at = coalesce(steps.sent_at, now()), lease_until = NULL, updated_at = now()
    WHERE steps.id = ANY(${[...ids]}::text[]) AND steps.state = 'sending'`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
