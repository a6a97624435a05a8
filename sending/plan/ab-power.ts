/**
 * How often the A/B rule picks a winner, by simulation: seeded, so the figures in docs/learning.md and the
 * tests that hold the rule to its promises (an A/A test rarely crowns anyone; a real lift is found) come out
 * the same on every machine. Pure: no clock, no store.
 */
import { type AbTest, decideAbTest, isNewLook, lookOf } from './ab-decision';
import { seededRandom } from './random';

export type SimulationInput = Readonly<{
  test: AbTest;
  /** Each variant's true success rate (click or order), in the order of `test.variants`. */
  rates: readonly number[];
  /** Recipients per arm by `maxDays`: the test is judged at each look up to it, then by its fallback. */
  perArm: number;
  runs: number;
  seed: number;
}>;

export type SimulationResult = Readonly<{
  runs: number;
  /** How many runs each variant won (by the rule or the fallback). */
  wins: Readonly<Record<string, number>>;
  /** Runs that ended without a winner. */
  none: number;
}>;

/**
 * Recipients arrive `batch` per arm at a time (the engine sees the figures each time an order is planned; a
 * batch stands for the orders between two of those moments), successes with them; the test is judged whenever
 * the figures reach a new look (lookOf), and at `perArm` by its fallback, as the engine does at `maxDays`.
 */
export function simulateAbTests(input: SimulationInput & Readonly<{ batch?: number }>): SimulationResult {
  const { test, rates, perArm, runs, seed } = input;
  const batch = input.batch ?? 50;
  const random = seededRandom(seed);
  const wins: Record<string, number> = Object.fromEntries(test.variants.map((v) => [v, 0]));
  let none = 0;
  for (let run = 0; run < runs; run++) {
    const successes = test.variants.map(() => 0);
    let n = 0;
    let last = -1;
    let winner: string | null = null;
    while (n < perArm) {
      const next = Math.min(perArm, n + batch);
      test.variants.forEach((_, arm) => {
        successes[arm] = (successes[arm] ?? 0) + random.binomial(next - n, rates[arm] ?? 0);
      });
      n = next;
      const arms = Object.fromEntries(
        test.variants.map((v, arm) => [v, { recipients: n, successes: successes[arm] ?? 0 }]),
      );
      const end = n >= perArm;
      const look = lookOf(test, arms);
      if (!end && !isNewLook(look, last)) continue;
      last = look;
      const verdict = decideAbTest(test, arms, end ? test.maxDays : 0);
      if (verdict.decision) {
        winner = verdict.decision.winner;
        break;
      }
    }
    if (winner === null) none++;
    else wins[winner] = (wins[winner] ?? 0) + 1;
  }
  return { runs, wins, none };
}

/** Recipients per arm a classical fixed-size test needs (two-sided 5 %, power 80 %), by the normal approximation. */
export function classicalPerArm(base: number, relativeLift: number): number {
  const p2 = base * (1 + relativeLift);
  const pBar = (base + p2) / 2;
  const za = 1.959963984540054;
  const zb = 0.8416212335729143;
  const n =
    (za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(base * (1 - base) + p2 * (1 - p2))) ** 2 /
    (p2 - base) ** 2;
  return Math.ceil(n);
}

/**
 * Recipients per arm the rule needs to pick a true lift `power` of the time: the smallest of minPerArm, twice it,
 * four times… (the looks it judges at) where `runs` seeded simulations reach it; undefined beyond `limit`.
 */
export function rulePerArm(
  test: AbTest,
  base: number,
  relativeLift: number,
  options: Readonly<{ runs: number; seed: number; power?: number; limit?: number }>,
): number | undefined {
  const power = options.power ?? 0.8;
  for (let n = test.minPerArm; n <= (options.limit ?? 512_000); n *= 2) {
    const result = simulateAbTests({
      test,
      rates: [base, base * (1 + relativeLift)],
      perArm: n,
      runs: options.runs,
      seed: options.seed,
    });
    if ((result.wins[test.variants[1] ?? ''] ?? 0) / options.runs >= power) return n;
  }
  return undefined;
}
