/**
 * Resend's 409 `invalid_idempotent_request` answers a key it has seen with another body: it already holds the
 * email(s) this key covers — a replayed batch whose content moved since the first request, or a store restored
 * from an older backup. The emails went out (or are scheduled there), so the steps are `sent` (`scheduled` for
 * a future send time), not `failed`: a retry would never be accepted, and a duplicate must not be forced.
 */
import { type Kysely, sql } from 'kysely';
import { tagValue } from '../plan/payload';
import type { Database } from './schema';

export const ALREADY_AT_RESEND =
  'Resend already holds this email under its idempotency key (409 on a repeated request); its Resend id is taken from its first delivery event';

export async function markAlreadyAtResend(db: Kysely<Database>, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await sql`
    UPDATE steps SET
      state = CASE WHEN steps.scheduled_at IS NOT NULL AND steps.scheduled_at > now() THEN 'scheduled' ELSE 'sent' END,
      reason = ${ALREADY_AT_RESEND}, sent_at = coalesce(steps.sent_at, now()), lease_until = NULL, updated_at = now()
    WHERE steps.id = ANY(${[...ids]}::text[]) AND steps.state = 'sending'`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** What a Resend event says of its email: its id, its recipient and the tags the step gave it (step-payload.ts). */
export type TaggedEmail = Readonly<{
  emailId: string;
  recipient: string;
  tags: Readonly<Record<string, string>>;
}>;

/**
 * The step an event's email is, when the step does not know its Resend id (a 409 answered its request): found by
 * its tags (`order`, `template`, `step` — the day) and its recipient, among the steps handed over without an id;
 * adopted only when exactly one step fits and no step has the id yet. True when an id was recorded.
 */
export async function adoptResendId(db: Kysely<Database>, email: TaggedEmail): Promise<boolean> {
  const { order, template, step } = email.tags;
  const day = Number(step);
  if (!order || !template || step === undefined || !Number.isInteger(day)) return false;
  const known = await db
    .selectFrom('steps')
    .select('id')
    .where('resend_id', '=', email.emailId)
    .executeTakeFirst();
  if (known) return false;
  const recipient = email.recipient.trim().toLowerCase();
  // Tag values keep letters, digits, _ and - (tagValue), character for character: the step's key is compared
  // so, as the live order's (`order`) or as a test run's (`test:<order>:<recipient>`).
  const keys = [order, `test_${order}_${tagValue(recipient)}`];
  const candidates = await sql<{ id: string }>`
    SELECT id FROM steps
    WHERE lower(recipient) = ${recipient} AND resend_id IS NULL AND state IN ('sent', 'scheduled')
      AND template = ${template} AND day = ${day}
      AND regexp_replace(order_id, '[^A-Za-z0-9_-]', '_', 'g') = ANY(${keys}::text[])
    LIMIT 2`.execute(db);
  const [only] = candidates.rows;
  if (!only || candidates.rows.length > 1) return false;
  await db
    .updateTable('steps')
    .set({ resend_id: email.emailId, updated_at: sql`now()` })
    .where('id', '=', only.id)
    .where('resend_id', 'is', null)
    .execute();
  return true;
}
