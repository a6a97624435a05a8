/**
 * Learning at planning time (CONTRACT.md, "Learning"): before orders are planned, the sequence's undecided A/B
 * tests are judged on their figures (at each new look, and at maxDays), a decision is recorded once, and the
 * recorded winners and the customers' facts for `when` segments are handed to the planner. Orders planned
 * before a decision keep their variant: their steps are in the store already and are never re-planned for it.
 */
import type { OrderDocument } from '../../core/order-document';
import { type ArmFigures, decideAbTest, isNewLook, lookOf } from '../plan/ab-decision';
import { abTestKey, stepKey } from '../plan/schedule';
import type { CustomerFacts } from '../plan/segments';
import type { Sequence } from '../plan/sequence';
import { type AbFiguresQuery, abArmFigures, latestNpsScores } from '../store/ab-figures';
import {
  abTestsOf,
  allAbTests,
  ensureAbTest,
  heldOrderIds,
  heldOrdersOf,
  recordAbDecision,
  recordLook,
} from '../store/ab-tests';
import type { Db } from '../store/db';
import { type AbTestStatus, abTestStatus } from './status-report';

export type { AbFiguresQuery } from '../store/ab-figures';

/** Each arm's figures for a test: recipients (delivered, test sends left out), human clickers or orders, revenue. */
export type AbFigures = (db: Db, query: AbFiguresQuery) => Promise<Readonly<Record<string, ArmFigures>>>;

/** Each address's latest NPS answer (0–10), by lower-cased address. */
export type NpsScores = (db: Db, addresses: readonly string[]) => Promise<ReadonlyMap<string, number>>;

export type JudgedTest = Readonly<{
  test: string;
  decided: boolean;
  winner?: string | null;
  reason: string;
}>;

const DAY_MS = 86_400_000;

/** Judges every undecided A/B test of the sequence that has reached a new look or its maxDays. */
export async function judgeAbTests(
  db: Db,
  sequence: Sequence,
  now: Date,
  figures: AbFigures,
): Promise<JudgedTest[]> {
  const judged: JudgedTest[] = [];
  for (const step of sequence.steps) {
    const ab = step.abTest;
    if (!ab) continue;
    const test = abTestKey(step);
    const row = await ensureAbTest(db, { sequence: sequence.name, test, metric: ab.metric, startedAt: now });
    if (row.decided_at !== null) continue;
    const arms = await figures(db, {
      sequence: sequence.name,
      test,
      template: step.template,
      key: stepKey(step),
      metric: ab.metric,
      variants: ab.variants,
      now,
    });
    const look = lookOf(ab, arms);
    const elapsedDays = (now.getTime() - new Date(row.started_at).getTime()) / DAY_MS;
    if (!isNewLook(look, row.last_look) && elapsedDays < ab.maxDays) continue;
    const verdict = decideAbTest(ab, arms, elapsedDays);
    await recordLook(db, sequence.name, test, look);
    if (!verdict.decision) {
      judged.push({ test, decided: false, reason: verdict.waiting ?? '' });
      continue;
    }
    const recorded = await recordAbDecision(db, {
      sequence: sequence.name,
      test,
      winner: verdict.decision.winner,
      probability: verdict.decision.probability,
      reason: verdict.decision.reason,
      figures: { metric: ab.metric, arms, probabilities: verdict.probabilities, differ: verdict.differ },
      at: now,
    });
    judged.push({
      test,
      decided: recorded,
      winner: verdict.decision.winner,
      reason: verdict.decision.reason,
    });
  }
  return judged;
}

const hasSegments = (sequence: Sequence) =>
  sequence.steps.some((step) => step.when.some((w) => typeof w !== 'string'));

export type Learning = Readonly<{
  /** Recorded winners, by test, for the orders planned now for the first time. */
  winners: ReadonlyMap<string, string>;
  /** Orders planned before: they keep the variants they were given (a shipment event re-plans them). */
  planned: ReadonlySet<string>;
  /** By order id. */
  facts: ReadonlyMap<string, CustomerFacts>;
}>;

/** What the planner needs from the store for these orders: recorded winners, and facts when `when` has segments. */
export async function learningFor(
  db: Db,
  sequence: Sequence,
  documents: readonly OrderDocument[],
  options: Readonly<{ now: Date; figures?: AbFigures; npsScores?: NpsScores }>,
): Promise<Learning> {
  const tested = sequence.steps.some((step) => step.abTest !== undefined);
  if (tested && options.figures) await judgeAbTests(db, sequence, options.now, options.figures);
  const winners = new Map<string, string>();
  if (tested)
    for (const row of await abTestsOf(db, sequence.name))
      if (row.decided_at !== null && row.winner !== null) winners.set(row.test, row.winner);
  const planned = winners.size
    ? await heldOrderIds(
        db,
        documents.map((d) => d.order.id),
      )
    : new Set<string>();
  const facts = new Map<string, CustomerFacts>();
  if (hasSegments(sequence)) {
    const addresses = documents.map((d) => d.customer.email);
    const held = await heldOrdersOf(db, addresses);
    const nps = options.npsScores ? await options.npsScores(db, addresses) : new Map<string, number>();
    for (const document of documents) {
      const address = document.customer.email.trim().toLowerCase();
      const score = nps.get(address);
      facts.set(document.order.id, {
        orders: held.get(address) ?? [],
        ...(score === undefined ? {} : { npsScore: score }),
      });
    }
  }
  return { winners, planned, facts };
}

/** Where the planner reads the A/B tests' figures and the customers' NPS answers (the store's). */
export const LEARNING_PORTS = { abFigures: abArmFigures, npsScores: latestNpsScores } as const;

/** Every A/B test the engine has met, as `status` shows it; a test whose figures reached a new look is judged first. */
export async function abTestStatuses(db: Db, sequence: Sequence, now: Date): Promise<AbTestStatus[]> {
  await judgeAbTests(db, sequence, now, abArmFigures);
  return (await allAbTests(db)).map(abTestStatus);
}
