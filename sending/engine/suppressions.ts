/** Suppressing an address: recorded, and what it covers stopped (at Resend too). */
import { isEmailAddress, ValidationError } from '../../core/order-document';
import { isStorableText, UNSTORABLE_MESSAGE } from '../../core/storable-text';
import type { Db } from '../store/db';
import { recordSuppressionChange } from '../store/suppression-audit';
import { addSuppression, listSuppressions, removeSuppression } from '../store/suppressions';
import { type Canceller, stopForAddress } from './stops';
import { type Logger, maskAddress, silentLogger } from './telemetry';

export type Suppression = Readonly<{
  email: string;
  scope: 'marketing' | 'all';
  reason: string | null;
  source: string;
  createdAt: string;
}>;

/** `actor`: who, for the suppressions audit (`cli`, `console`…; default: the source). */
export type SuppressOptions = Readonly<{
  scope?: 'marketing' | 'all';
  reason?: string;
  source?: string;
  actor?: string;
}>;

/** `actor`: who lifted it, for the suppressions audit (default `manual`). */
export type UnsuppressOptions = Readonly<{ reason?: string; actor?: string }>;

export async function suppress(
  db: Db,
  sender: Canceller,
  email: string,
  options: SuppressOptions = {},
  log: Logger = silentLogger,
): Promise<void> {
  checkSuppression(email, options.reason);
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
  await recordSuppressionChange(db, {
    email,
    action: 'added',
    scope,
    reason: options.reason ?? null,
    actor: options.actor ?? options.source ?? 'manual',
  });
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

/** Lifts an address's suppression, recorded in the audit; false when there was none. */
export async function unsuppress(db: Db, email: string, options: UnsuppressOptions = {}): Promise<boolean> {
  const scope = await removeSuppression(db, email);
  if (scope === undefined) return false;
  await recordSuppressionChange(db, {
    email,
    action: 'removed',
    scope,
    reason: options.reason ?? null,
    actor: options.actor ?? 'manual',
  });
  return true;
}

/** An address to suppress is checked like the document's (`customer.email`), its reason like any stored text. */
function checkSuppression(email: string, reason: string | undefined): void {
  const problems = [
    ...(isEmailAddress(email.trim()) ? [] : ['email: expected an email address']),
    ...(reason === undefined || isStorableText(reason) ? [] : [`reason: ${UNSTORABLE_MESSAGE}`]),
  ];
  if (problems.length > 0) throw new ValidationError(problems, 'cannot suppress');
}
