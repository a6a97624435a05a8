/** Suppressing an address: recorded, and what it covers stopped (at Resend too). */
import type { Sender } from '../provider/sender';
import type { Db } from '../store/db';
import { addSuppression, listSuppressions } from '../store/suppressions';
import { stopForAddress } from './stops';
import { type Logger, maskAddress, silentLogger } from './telemetry';

export type Suppression = Readonly<{
  email: string;
  scope: 'marketing' | 'all';
  reason: string | null;
  source: string;
  createdAt: string;
}>;

export type SuppressOptions = Readonly<{ scope?: 'marketing' | 'all'; reason?: string; source?: string }>;

export async function suppress(
  db: Db,
  sender: Sender | undefined,
  email: string,
  options: SuppressOptions = {},
  log: Logger = silentLogger,
): Promise<void> {
  const scope = options.scope ?? 'all';
  await addSuppression(db, {
    email,
    scope,
    reason: options.reason ?? null,
    source: options.source ?? 'manual',
  });
  const source = options.source ?? 'manual';
  log.info(
    { event: 'suppression', scope, source, email: maskAddress(email) },
    `${maskAddress(email)} suppressed (${scope}) by ${source}`,
  );
  const why = `suppressed (${scope}${options.reason ? `: ${options.reason}` : ''})`;
  await stopForAddress(db, sender, email, scope, why);
}

export async function suppressions(db: Db): Promise<Suppression[]> {
  const rows = await listSuppressions(db);
  return rows.map((r) => ({
    email: r.email,
    scope: r.scope,
    reason: r.reason,
    source: r.source,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
