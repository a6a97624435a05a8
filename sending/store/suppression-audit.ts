/** Who added or removed a suppression, when and why: one row per change, never edited. */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export type AuditEntry = Readonly<{
  email: string;
  action: 'added' | 'removed';
  scope: string | null;
  reason: string | null;
  actor: string;
  at: string;
}>;

export async function recordSuppressionChange(
  db: Kysely<Database>,
  entry: Omit<AuditEntry, 'at'>,
): Promise<void> {
  await db
    .insertInto('suppression_audit')
    .values({
      email: entry.email.trim().toLowerCase(),
      action: entry.action,
      scope: entry.scope,
      reason: entry.reason,
      actor: entry.actor,
    })
    .execute();
}

/** The newest changes first; `email` narrows to one address (or those containing it). */
export async function suppressionAudit(
  db: Kysely<Database>,
  filter: Readonly<{ email?: string; limit?: number }> = {},
): Promise<AuditEntry[]> {
  let query = db.selectFrom('suppression_audit').selectAll();
  if (filter.email)
    query = query.where('email', 'like', `%${escapeLike(filter.email.trim().toLowerCase())}%`);
  const rows = await query
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    email: r.email,
    action: r.action,
    scope: r.scope,
    reason: r.reason,
    actor: r.actor,
    at: new Date(r.at).toISOString(),
  }));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
