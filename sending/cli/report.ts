/** Results as a table a person can read (the `--json` output is the same rows, unformatted). */
import { formatTable } from '../../core/text-table';
import type { ReleaseReport } from '../engine/release';
import { statusReport } from '../engine/status-report';
import { clockTime, relative } from '../plan/operator-clock';
import type { StepStatus } from '../types';
import { countStates, type OutputContext } from './status-output';

export { formatTable, textWidth } from '../../core/text-table';

/** `2026-11-23T10:00:00+09:00` → `2026-11-23 10:00 +09:00`: the customer's clock, short. */
export function shortLocal(local: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?(.*)$/.exec(local);
  return m ? `${m[1]} ${m[2]} ${m[3] === 'Z' ? '+00:00' : m[3]}` : local;
}

/** The states the summary tables show, in the order a person reads them. */
const SUMMARY_STATES = ['sent', 'scheduled', 'planned', 'skipped', 'failed', 'cancelled'] as const;
const SUMMARY_HEADERS = SUMMARY_STATES.map((state) => (state === 'planned' ? 'waiting' : state));

export function summaryTable(steps: readonly StepStatus[]): string {
  const { summary } = statusReport(steps);
  const states = SUMMARY_STATES;
  const rows = Object.entries(summary).map(([template, counts]) => [
    template,
    ...states.map((state) => String(counts[state])),
  ]);
  const totals = states.map((state) => String(steps.filter((s) => s.state === state).length));
  return formatTable(['template', ...SUMMARY_HEADERS], [...rows, ['total', ...totals]]);
}

/** Per template and subject variant, for a marketer comparing an A/B test's arms; empty when no step has one. */
export function variantTable(steps: readonly StepStatus[]): string {
  const rows = Object.entries(statusReport(steps).variants).flatMap(([template, byVariant]) =>
    Object.entries(byVariant).map(([variant, counts]) => [
      template,
      variant,
      ...SUMMARY_STATES.map((state) => String(counts[state])),
    ]),
  );
  return rows.length ? formatTable(['template', 'variant', ...SUMMARY_HEADERS], rows) : '';
}

/** The one line a live run ends with: what this run released, then what its steps are now (as the table shows). */
export function releaseLine(
  report: ReleaseReport,
  steps: readonly StepStatus[],
  ctx: OutputContext,
  test = false,
): string {
  const waiting = steps.filter((s) => s.state === 'planned');
  const next = waiting.map((s) => s.sendAt).sort()[0];
  const cancelledRun = test && steps.some((s) => s.state === 'cancelled');
  return (
    `Released ${report.sent + report.scheduled} step(s): ${report.sent} sent, ${report.scheduled} scheduled at Resend` +
    (report.skipped ? `, ${report.skipped} skipped at release` : '') +
    (report.deferred ? `, ${report.deferred} deferred by the frequency rules` : '') +
    (report.replayed ? ` (${report.replayed} replayed after an interrupted run)` : '') +
    `; ${steps.length === 0 ? 'no steps' : `${steps.length} step(s) in all: ${countStates(steps)}`}` +
    (next
      ? `; ${waiting.length} step(s) wait in the store for \`npm run -s send -- work\` (next due ${clockTime(next, ctx.zone, ctx.now)}, ${relative(next, ctx.now)})`
      : '') +
    (cancelledRun
      ? '; this test run was cancelled before: another --to (e.g. you+2@…) starts a fresh run'
      : '') +
    '.'
  );
}
