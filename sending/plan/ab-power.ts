/**
 * How often the A/B rule picks a winner, by simulation: seeded, so the figures in docs/learning.md and the
 * tests that hold the rule to its promises (an A/A test rarely crowns anyone; a real lift is found) come out
 * the same on every machine. Pure: no clock, no store.
 */
import { type AbTest, decideAbTest, lookOf } from './ab-decision';
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

/** The recipients per arm at which the test is judged: minPerArm, twice it, four times…, and `perArm` last. */
export function looksUpTo(test: Pick<AbTest, 'minPerArm'>, perArm: number): number[] {
  const looks: number[] = [];
  for (let n = test.minPerArm; n < perArm; n *= 2) looks.push(n);
  looks.push(perArm);
  return looks;
}

export function simulateAbTests(input: SimulationInput): SimulationResult {
  const { test, rates, perArm, runs, seed } = input;
  const random = seededRandom(seed);
  const wins: Record<string, number> = Object.fromEntries(test.variants.map((v) => [v, 0]));
  let none = 0;
  const looks = looksUpTo(test, perArm);
  for (let run = 0; run < runs; run++) {
    const successes = test.variants.map(() => 0);
    let n = 0;
    let winner: string | null = null;
    for (const [i, look] of looks.entries()) {
      test.variants.forEach((_, arm) => {
        successes[arm] = (successes[arm] ?? 0) + random.binomial(look - n, rates[arm] ?? 0);
      });
      n = look;
      const arms = Object.fromEntries(
        test.variants.map((v, arm) => [v, { recipients: n, successes: successes[arm] ?? 0 }]),
      );
      const last = i === looks.length - 1;
      if (!last && lookOf(test, arms) < 0) continue;
      const verdict = decideAbTest(test, arms, last ? test.maxDays : 0);
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
