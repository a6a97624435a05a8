/**
 * What a release pass tells the host (sending/release.ts calls these at each decision): steps handed to Resend,
 * scheduled, skipped, deferred or failed, as log lines and as `ppe_emails_total`. A batch of a hundred failing
 * for one reason is one line naming its steps, not a hundred.
 */
import type { StepRow } from '../store/schema';
import {
  countByTemplate,
  type EmailOutcome,
  maskAddresses,
  silentTelemetry,
  type Telemetry,
} from './telemetry';

type Row = Pick<StepRow, 'id' | 'template' | 'order_id'>;

/** Step ids named in one line at most; the count says how many there were. */
const NAMED_STEPS = 20;

export type ReleaseObserver = Readonly<{
  /** Stopped at release (a suppression, a cancelled or superseded order): skipped or cancelled, with why. */
  stopped(rows: readonly Row[], reasonOf: (id: string) => string): void;
  deferred(row: Row, reason: string, until: Date): void;
  /** A request to Resend came back (accepted or not). */
  handedOver(
    info: Readonly<{ mode: 'batch' | 'single'; count: number; ms: number; replay: boolean; ok: boolean }>,
  ): void;
  accepted(rows: readonly Row[], scheduled: boolean): void;
  failed(rows: readonly Row[], reason: string): void;
  /** The outcome is unknown (no answer): the request is replayed on the next pass. */
  unknown(rows: readonly Row[], reason: string): void;
}>;

export function observeRelease(telemetry: Telemetry = silentTelemetry): ReleaseObserver {
  const { log, metrics } = telemetry;
  const count = (rows: readonly Row[], outcome: EmailOutcome) => {
    for (const [template, n] of countByTemplate(rows)) metrics.emails(template, outcome, n);
  };
  const named = (rows: readonly Row[]) => ({
    count: rows.length,
    steps: rows.slice(0, NAMED_STEPS).map((r) => r.id),
    templates: [...countByTemplate(rows).keys()],
  });
  return {
    stopped(rows, reasonOf) {
      if (rows.length === 0) return;
      count(rows, 'skipped');
      const byReason = new Map<string, Row[]>();
      for (const r of rows) {
        const reason = maskAddresses(reasonOf(r.id));
        byReason.set(reason, [...(byReason.get(reason) ?? []), r]);
      }
      for (const [reason, group] of byReason)
        log.info({ event: 'steps.skipped', reason, ...named(group) }, `skipped at release: ${reason}`);
    },
    deferred(row, reason, until) {
      metrics.emails(row.template, 'deferred', 1);
      log.info(
        { event: 'step.deferred', step: row.id, template: row.template, reason, until: until.toISOString() },
        `deferred: ${reason}`,
      );
    },
    handedOver({ mode, count: n, ms, replay, ok }) {
      log.info(
        { event: 'resend.request', mode, count: n, ms: Math.round(ms), replay, ok },
        `${mode === 'batch' ? 'batch' : 'email'} of ${n} handed to Resend${ok ? '' : ' (not accepted)'}`,
      );
    },
    accepted(rows, scheduled) {
      count(rows, scheduled ? 'scheduled' : 'sent');
    },
    failed(rows, reason) {
      if (rows.length === 0) return;
      count(rows, 'failed');
      const why = maskAddresses(reason);
      log.warn({ event: 'steps.failed', reason: why, ...named(rows) }, `step(s) failed: ${why}`);
    },
    unknown(rows, reason) {
      if (rows.length === 0) return;
      const why = maskAddresses(reason);
      log.warn(
        { event: 'steps.unanswered', reason: why, ...named(rows) },
        `not accepted by Resend (outcome unknown), replayed on the next pass: ${why}`,
      );
    },
  };
}
