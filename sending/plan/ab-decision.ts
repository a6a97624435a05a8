/**
 * When an A/B test has a winner (CONTRACT.md, "Learning"): pure, no clock, no store. docs/learning.md explains
 * the model; in short, each arm's figures give a posterior under two hypotheses — the variants do not differ
 * at all (H0), or each has its own rate (H1) —, and a variant's probability of being best is
 * P(H1 | data) × P(it is best | H1, data). Under H0 no variant is best. Weighing "no difference" this way
 * keeps an A/A test from crowning a winner by chance while the engine looks at the figures after every order.
 */
import { logBeta } from './random';

export const AB_METRICS = ['click', 'order', 'revenue'] as const;
export type AbMetric = (typeof AB_METRICS)[number];
export const AB_FALLBACKS = ['keep-split', 'best'] as const;
export type AbFallback = (typeof AB_FALLBACKS)[number];

export type AbTest = Readonly<{
  variants: readonly string[];
  metric: AbMetric;
  minPerArm: number;
  winProbability: number;
  maxDays: number;
  fallback: AbFallback;
}>;

export const AB_DEFAULTS = {
  metric: 'click',
  minPerArm: 500,
  winProbability: 0.9,
  maxDays: 30,
  fallback: 'keep-split',
} as const satisfies Omit<AbTest, 'variants'>;

/**
 * The prior spread of a variant's rate (or revenue per recipient) around the others', relative to it:
 * 0.25 says "a subject line moves the rate by up to about a quarter either way", the range subject-line tests
 * report. Prior odds of "the variants differ at all" are even. docs/learning.md shows what these cost and buy.
 */
export const PRIOR_RELATIVE_SPREAD = 0.25;
export const PRIOR_DIFFER = 0.5;

/** One arm's figures: recipients, successes (human clickers or ordering recipients) and, for revenue, money. */
export type ArmFigures = Readonly<{
  recipients: number;
  successes: number;
  /** Revenue per recipient, in one currency's minor units: its sum and the sum of its squares. */
  revenue?: Readonly<{ sum: number; sumSquares: number }>;
}>;

export type AbEvidence = Readonly<{
  /** P(the variants differ at all | data). */
  differ: number;
  /** P(each arm is best | data), in the order given; they sum to `differ`. */
  best: readonly number[];
}>;

const GRID = 512;

type Posterior = Readonly<{ lo: number; hi: number; logDensity: (x: number) => number }>;

/** P(each is the largest) for independent posteriors, integrated on one grid spanning all of them. */
export function probabilityBest(posteriors: readonly Posterior[]): number[] {
  if (posteriors.length === 0) return [];
  const lo = Math.min(...posteriors.map((p) => p.lo));
  const hi = Math.max(...posteriors.map((p) => p.hi));
  const step = (hi - lo) / GRID;
  if (!(step > 0)) return posteriors.map(() => 1 / posteriors.length);
  const masses = posteriors.map((p) => {
    const logs = new Float64Array(GRID);
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < GRID; i++) {
      const v = p.logDensity(lo + (i + 0.5) * step);
      logs[i] = v;
      if (v > max) max = v;
    }
    const mass = new Float64Array(GRID);
    let total = 0;
    for (let i = 0; i < GRID; i++) {
      const m = Number.isFinite(logs[i] ?? Number.NaN) ? Math.exp((logs[i] ?? 0) - max) : 0;
      mass[i] = m;
      total += m;
    }
    for (let i = 0; i < GRID; i++) mass[i] = (mass[i] ?? 0) / (total || 1);
    return mass;
  });
  // The CDF at a cell's centre: the cells below it and half of its own.
  const cdfs = masses.map((mass) => {
    const cdf = new Float64Array(GRID);
    let below = 0;
    for (let i = 0; i < GRID; i++) {
      const m = mass[i] ?? 0;
      cdf[i] = below + m / 2;
      below += m;
    }
    return cdf;
  });
  const best = masses.map((mass, k) => {
    let p = 0;
    for (let i = 0; i < GRID; i++) {
      const m = mass[i] ?? 0;
      if (m === 0) continue;
      let others = 1;
      for (let j = 0; j < cdfs.length; j++) if (j !== k) others *= cdfs[j]?.[i] ?? 0;
      p += m * others;
    }
    return p;
  });
  const sum = best.reduce((a, b) => a + b, 0);
  return best.map((p) => p / (sum || 1));
}

function betaPosterior(a: number, b: number): Posterior {
  const mean = a / (a + b);
  const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
  const norm = logBeta(a, b);
  return {
    lo: Math.max(0, mean - 9 * sd),
    hi: Math.min(1, mean + 9 * sd),
    logDensity: (x) => (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - norm,
  };
}

function normalPosterior(mean: number, variance: number): Posterior {
  const sd = Math.sqrt(variance);
  return { lo: mean - 9 * sd, hi: mean + 9 * sd, logDensity: (x) => -((x - mean) ** 2) / (2 * variance) };
}

const posteriorOdds = (logBayes10: number) =>
  1 / (1 + ((1 - PRIOR_DIFFER) / PRIOR_DIFFER) * Math.exp(-logBayes10));

/**
 * Rates (click, order): Beta–Binomial. Both hypotheses share the prior Beta(κp̂, κ(1−p̂)) centred on the pooled
 * rate p̂, with κ set so the prior's relative spread is PRIOR_RELATIVE_SPREAD; under H0 one rate draws from it,
 * under H1 each arm draws its own. The marginal likelihoods are exact (beta functions).
 */
export function rateEvidence(arms: readonly ArmFigures[]): AbEvidence {
  const n = arms.reduce((s, a) => s + a.recipients, 0);
  const k = arms.reduce((s, a) => s + a.successes, 0);
  const pooled = (k + 1) / (n + 2);
  const kappa = Math.max(2, (1 - pooled) / (pooled * PRIOR_RELATIVE_SPREAD ** 2) - 1);
  const alpha = kappa * pooled;
  const beta = kappa * (1 - pooled);
  const prior = logBeta(alpha, beta);
  const log0 = logBeta(alpha + k, beta + n - k) - prior;
  let log1 = 0;
  for (const arm of arms)
    log1 += logBeta(alpha + arm.successes, beta + arm.recipients - arm.successes) - prior;
  const differ = posteriorOdds(log1 - log0);
  const given = probabilityBest(
    arms.map((arm) => betaPosterior(alpha + arm.successes, beta + arm.recipients - arm.successes)),
  );
  return { differ, best: given.map((p) => p * differ) };
}

/**
 * Revenue per recipient: each arm's mean is close to normal at the sizes a decision needs (hundreds of
 * recipients; the variance comes from the arm's own figures, zeros included). Prior: the arm means draw from
 * N(m̄, (τ·m̄)²) around the pooled mean m̄, one mean for all under H0; marginal likelihoods in closed form.
 */
export function revenueEvidence(arms: readonly ArmFigures[]): AbEvidence {
  const stats = arms.map((arm) => {
    const n = Math.max(arm.recipients, 1);
    const sum = arm.revenue?.sum ?? 0;
    const sq = arm.revenue?.sumSquares ?? 0;
    const mean = sum / n;
    const variance = n > 1 ? Math.max(sq - n * mean * mean, 0) / (n - 1) : 0;
    return { mean, v: Math.max(variance / n, 1e-9) };
  });
  const totalN = arms.reduce((s, a) => s + a.recipients, 0);
  const pooled = arms.reduce((s, a) => s + (a.revenue?.sum ?? 0), 0) / Math.max(totalN, 1);
  const s2 = Math.max((PRIOR_RELATIVE_SPREAD * pooled) ** 2, 1e-9);
  // H1: m_i ~ N(m̄, v_i + s²) independently.
  let log1 = 0;
  for (const { mean, v } of stats) log1 += -0.5 * Math.log(v + s2) - (mean - pooled) ** 2 / (2 * (v + s2));
  // H0: m ~ N(m̄·1, D + s²·11ᵀ), by Sherman–Morrison.
  const w = stats.map(({ v }) => 1 / v);
  const sumW = w.reduce((a, b) => a + b, 0);
  const dot = stats.reduce((s, { mean }, i) => s + (w[i] ?? 0) * (mean - pooled), 0);
  const quad = stats.reduce((s, { mean }, i) => s + (w[i] ?? 0) * (mean - pooled) ** 2, 0);
  const log0 =
    -0.5 * (stats.reduce((s, { v }) => s + Math.log(v), 0) + Math.log(1 + s2 * sumW)) -
    0.5 * (quad - (s2 * dot * dot) / (1 + s2 * sumW));
  const differ = posteriorOdds(log1 - log0);
  const given = probabilityBest(
    stats.map(({ mean, v }) => {
      const precision = 1 / v + 1 / s2;
      return normalPosterior((mean / v + pooled / s2) / precision, 1 / precision);
    }),
  );
  return { differ, best: given.map((p) => p * differ) };
}

/**
 * The look a test's figures have reached, -1 before every arm has `minPerArm` recipients. A test is judged
 * once per look and once more at `maxDays`, never after every order: each look is another chance for noise to
 * cross the bar. A new look comes when the smallest arm doubles (minPerArm, twice it, four times…) or when the
 * successes of all arms together double (clicks and orders arrive days after the emails): few looks, each with
 * clearly more evidence than the last (docs/learning.md). Encoded as one integer, recipients' look × 64 +
 * successes' look, so a store can keep the last one judged.
 */
export function lookOf(
  test: Pick<AbTest, 'variants' | 'minPerArm'>,
  arms: Readonly<Record<string, ArmFigures>>,
): number {
  const smallest = Math.min(...test.variants.map((v) => arms[v]?.recipients ?? 0));
  if (smallest < test.minPerArm) return -1;
  const recipients = Math.floor(Math.log2(smallest / test.minPerArm) + 1e-9);
  const successes = test.variants.reduce((s, v) => s + (arms[v]?.successes ?? 0), 0);
  return recipients * 64 + Math.min(63, Math.floor(Math.log2(successes + 1) + 1e-9));
}

/** Whether `look` is past `last` in either of its parts (recipients doubled, or successes doubled). */
export function isNewLook(look: number, last: number): boolean {
  if (look < 0) return false;
  if (last < 0) return true;
  return Math.floor(look / 64) > Math.floor(last / 64) || look % 64 > last % 64;
}

export type AbDecision = Readonly<{
  /** The variant every order planned from now on gets; null: no winner, the split goes on. */
  winner: string | null;
  /** The winner's probability of being best (or the best arm's, when none won). */
  probability: number;
  reason: string;
}>;

export type AbVerdict = Readonly<{
  /** P(each variant is best | data). */
  probabilities: Readonly<Record<string, number>>;
  /** P(the variants differ at all | data). */
  differ: number;
  /** Set when the test is decided now; otherwise `waiting` says why not. */
  decision?: AbDecision;
  waiting?: string;
}>;

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The test's verdict on these figures after `elapsedDays` since its first recipient. A variant wins once every
 * arm has `minPerArm` recipients and its probability of being best reaches `winProbability`; after `maxDays`
 * without one, `fallback`: `best` crowns the likeliest, `keep-split` records that none won.
 */
export function decideAbTest(
  test: AbTest,
  arms: Readonly<Record<string, ArmFigures>>,
  elapsedDays: number,
): AbVerdict {
  const figures = test.variants.map((v) => arms[v] ?? { recipients: 0, successes: 0 });
  const evidence = test.metric === 'revenue' ? revenueEvidence(figures) : rateEvidence(figures);
  const probabilities = Object.fromEntries(test.variants.map((v, i) => [v, round(evidence.best[i] ?? 0)]));
  let top = 0;
  evidence.best.forEach((p, i) => {
    if (p > (evidence.best[top] ?? 0)) top = i;
  });
  const leader = test.variants[top] ?? '';
  const leading = evidence.best[top] ?? 0;
  const short = test.variants.filter((_, i) => (figures[i]?.recipients ?? 0) < test.minPerArm);
  const base = { probabilities, differ: round(evidence.differ) };
  if (short.length === 0 && leading >= test.winProbability)
    return {
      ...base,
      decision: {
        winner: leader,
        probability: round(leading),
        reason: `${leader} is best with probability ${round(leading)} ≥ ${test.winProbability}, every arm has ${test.minPerArm}+ recipients (${test.metric})`,
      },
    };
  if (elapsedDays >= test.maxDays) {
    const why = `no variant reached ${test.winProbability} within ${test.maxDays} days`;
    return {
      ...base,
      decision:
        test.fallback === 'best'
          ? {
              winner: leader,
              probability: round(leading),
              reason: `${why}; fallback best: ${leader} (probability ${round(leading)})`,
            }
          : {
              winner: null,
              probability: round(leading),
              reason: `${why}; fallback keep-split: the split goes on`,
            },
    };
  }
  return {
    ...base,
    waiting:
      short.length > 0
        ? `waiting for ${test.minPerArm} recipients per arm (${short
            .map((v) => `${v}: ${arms[v]?.recipients ?? 0}`)
            .join(', ')})`
        : `no variant has reached ${test.winProbability} yet (best: ${leader}, ${round(leading)})`,
  };
}
