/**
 * The report's learning sections (CONTRACT.md "Outcomes" and "Learning"): `abTests`, every test of the sequence
 * with its arms' figures now and its decision once recorded; `holdout`, when the sequence holds customers out.
 */
import type { ArmFigures } from '../plan/ab-decision';
import type { HoldoutComparison } from '../plan/holdout';
import { abTestKey, stepKey } from '../plan/schedule';
import type { Sequence } from '../plan/sequence';
import { abArmFigures } from '../store/ab-figures';
import { abTestsOf } from '../store/ab-tests';
import type { Db } from '../store/db';
import { holdoutReport } from './holdout-report';

export type AbTestReport = Readonly<{
  template: string;
  test: string;
  metric: string;
  arms: Readonly<Record<string, ArmFigures>>;
  decision: Readonly<{ winner: string | null; probability: number; reason: string; at: string }> | null;
}>;

export async function learningReport(
  db: Db,
  sequence: Sequence,
  window: Readonly<{ since: Date; until: Date }>,
): Promise<{ abTests: AbTestReport[]; holdout?: HoldoutComparison }> {
  const recorded = new Map((await abTestsOf(db, sequence.name)).map((row) => [row.test, row]));
  const abTests: AbTestReport[] = [];
  for (const step of sequence.steps) {
    const ab = step.abTest;
    if (!ab) continue;
    const test = abTestKey(step);
    const arms = await abArmFigures(db, {
      sequence: sequence.name,
      test,
      template: step.template,
      key: stepKey(step),
      metric: ab.metric,
      variants: ab.variants,
      now: window.until,
    });
    const row = recorded.get(test);
    abTests.push({
      template: step.template,
      test,
      metric: ab.metric,
      arms,
      decision:
        row?.decided_at == null
          ? null
          : {
              winner: row.winner,
              probability: row.probability ?? 0,
              reason: row.reason ?? '',
              at: new Date(row.decided_at).toISOString(),
            },
    });
  }
  const holdout = await holdoutReport(db, sequence.holdout, window);
  return { abTests, ...(holdout ? { holdout } : {}) };
}
