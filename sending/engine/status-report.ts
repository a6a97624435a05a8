/**
 * What `status --json` prints and `GET /status` answers (CONTRACT.md: "the same JSON"): one function builds both,
 * so the command and the route cannot drift apart.
 */
import type { AbTestRow } from '../store/schema';
import type { GuardrailState } from './guardrail';
import type { StepStatus } from './status';

export type StateCounts = Record<StepStatus['state'], number>;

export type StatusReport = Readonly<{
  /** Every step, as `sequencer.status()` gives them. */
  steps: readonly StepStatus[];
  /** Per template: how many steps are in each state. */
  summary: Record<string, StateCounts>;
  /**
   * Per template, per subject variant: how many steps are in each state, to compare an A/B test's arms
   * (`sent` + `scheduled` went to Resend; `planned` still waits). Only steps that recorded a variant count
   * (a `subject` or an `abTest` in the sequence): a step that names none sends subject `a` outside any test,
   * and counting it under `a` would dilute the test.
   */
  variants: Record<string, Record<string, StateCounts>>;
  /** The complaint guardrail (marketing's 24 h complaint rate, and whether it holds marketing back). */
  guardrail?: GuardrailState;
  /** The A/B tests the engine has met, with their decision once recorded (null: still splitting). */
  abTests?: readonly AbTestStatus[];
}>;

export type AbTestStatus = Readonly<{
  sequence: string;
  /** The step's template and key (`thank-you@d3`). */
  test: string;
  template: string;
  metric: string;
  startedAt: string;
  decision: Readonly<{ winner: string | null; probability: number; reason: string; at: string }> | null;
}>;

/** A store row of `ab_tests` as status and the report show it. */
export function abTestStatus(row: AbTestRow): AbTestStatus {
  const iso = (t: Date | string) => new Date(t).toISOString();
  return {
    sequence: row.sequence,
    test: row.test,
    template: row.test.split('@')[0] ?? row.test,
    metric: row.metric,
    startedAt: iso(row.started_at),
    decision:
      row.decided_at === null
        ? null
        : {
            winner: row.winner,
            probability: row.probability ?? 0,
            reason: row.reason ?? '',
            at: iso(row.decided_at),
          },
  };
}

export function statusReport(
  steps: readonly StepStatus[],
  extra: Readonly<{ guardrail?: GuardrailState | undefined; abTests?: readonly AbTestStatus[] }> = {},
): StatusReport {
  const { guardrail, abTests } = extra;
  const summary: Record<string, StateCounts> = {};
  const variants: Record<string, Record<string, StateCounts>> = {};
  for (const s of steps) {
    const counts = summary[s.template] ?? noCounts();
    counts[s.state]++;
    summary[s.template] = counts;
    if (s.variant === null) continue;
    const byVariant = variants[s.template] ?? {};
    const arm = byVariant[s.variant] ?? noCounts();
    arm[s.state]++;
    byVariant[s.variant] = arm;
    variants[s.template] = byVariant;
  }
  return {
    steps,
    summary,
    variants: sortedVariants(variants),
    ...(guardrail ? { guardrail } : {}),
    ...(abTests?.length ? { abTests } : {}),
  };
}

function noCounts(): StateCounts {
  return { planned: 0, sending: 0, sent: 0, scheduled: 0, failed: 0, skipped: 0, cancelled: 0, rejected: 0 };
}

/** Variants in letter order (`a`, `b`, …), whatever order the steps came in: the JSON reads the same each run. */
function sortedVariants(
  variants: Record<string, Record<string, StateCounts>>,
): Record<string, Record<string, StateCounts>> {
  return Object.fromEntries(
    Object.entries(variants).map(([template, byVariant]) => [
      template,
      Object.fromEntries(Object.entries(byVariant).sort(([a], [b]) => a.localeCompare(b))),
    ]),
  );
}
