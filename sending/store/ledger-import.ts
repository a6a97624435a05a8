/** The legacy ledger import: an old `ledger.jsonl` becomes orders and steps in the store, once. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema';

/** The advisory lock the import runs under: the one after the migrations' (store.ts). */
const LEDGER_IMPORT_LOCK = 7_100_210_012;

/** What the old file ledger's states become in the store. */
const IMPORTED_STATE = {
  pending: 'planned',
  submitting: 'sending',
  scheduled: 'scheduled',
  sent: 'sent',
  failed: 'failed',
  cancelled: 'cancelled',
} as const;

/**
 * Imports `<ledger>/ledger.jsonl` (the file ledger of earlier versions) once: every step with its state,
 * Resend id and exact payload (kept on the step, since the ledger never held the order document). A step whose
 * last request had an unknown outcome becomes `sending` in a batch of its own under its old key, so the worker
 * replays the identical request and Resend answers with the original email.
 */
export async function importLedger(db: Kysely<Database>, ledgerDir: string): Promise<number> {
  const path = join(ledgerDir, 'ledger.jsonl');
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch {
    return 0;
  }
  const { fold } = await import('./ledger');
  const { latest } = fold(raw.slice(0, raw.lastIndexOf('\n') + 1));
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${LEDGER_IMPORT_LOCK})`.execute(trx);
    const done = await trx
      .selectFrom('store_meta')
      .select('value')
      .where('key', '=', 'ledger-imported')
      .executeTakeFirst();
    if (done) return 0;
    let count = 0;
    for (const entry of latest.values()) {
      await trx
        .insertInto('orders')
        .values({ id: entry.orderId, document: null, customer_email: entry.to, sequence: 'imported' })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const unknownOutcome =
        entry.status === 'submitting' || (entry.status === 'failed' && entry.definitive !== true);
      const state = unknownOutcome ? 'sending' : IMPORTED_STATE[entry.status];
      const sendAt = new Date(entry.sendAt);
      await trx
        .insertInto('steps')
        .values({
          id: entry.id,
          order_id: entry.orderId,
          step: entry.step,
          template: entry.template,
          kind: 'unknown',
          day: entry.day,
          state,
          send_at: sendAt,
          local_time: entry.local,
          release_at: new Date(sendAt.getTime() - 3_600_000),
          recipient: entry.to,
          sender: entry.payload.from,
          subject: entry.payload.subject,
          idempotency_key: entry.idempotencyKey,
          batch_key: unknownOutcome ? entry.idempotencyKey : null,
          scheduled_at: entry.payload.scheduledAt ?? null,
          resend_id: entry.resendId ?? null,
          reason: entry.error ?? null,
          payload: JSON.stringify(entry.payload),
          lease_until: unknownOutcome ? new Date(0) : null,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      count++;
    }
    await trx
      .insertInto('store_meta')
      .values({ key: 'ledger-imported', value: new Date().toISOString() })
      .execute();
    return count;
  });
}
