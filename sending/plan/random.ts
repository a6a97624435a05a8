/**
 * A seeded random source for simulations and bootstrap intervals: the same seed gives the same figures on
 * every machine, so a decision or an interval shown in a report can be reproduced.
 * sfc32 (Chris Doty-Humphrey's small fast counter), seeded through splitmix32.
 */
export type Random = Readonly<{
  /** Uniform on [0, 1). */
  next: () => number;
  /** Standard normal. */
  normal: () => number;
  /** Gamma with this shape and scale 1. */
  gamma: (shape: number) => number;
  /** Beta(a, b). */
  beta: (a: number, b: number) => number;
  /** Binomial(n, p), exact (a Bernoulli sum for small n, else by inversion over the normal's neighbourhood). */
  binomial: (n: number, p: number) => number;
}>;

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function seededRandom(seed: number): Random {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();

  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = next() * 2 - 1;
      v = next() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * m;
    return u * m;
  };

  // Marsaglia and Tsang (2000); shape < 1 by the boost U^(1/shape).
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * next() ** (1 / shape);
    const d3 = shape - 1 / 3;
    const c3 = 1 / Math.sqrt(9 * d3);
    for (;;) {
      let x = 0;
      let v = 0;
      do {
        x = normal();
        v = 1 + c3 * x;
      } while (v <= 0);
      v = v * v * v;
      const u = next();
      if (u < 1 - 0.0331 * x ** 4) return d3 * v;
      if (Math.log(u) < 0.5 * x * x + d3 * (1 - v + Math.log(v))) return d3 * v;
    }
  };

  const beta = (alpha: number, b2: number): number => {
    const x = gamma(alpha);
    return x / (x + gamma(b2));
  };

  const binomial = (n: number, p: number): number => {
    if (n < 64 || n * Math.min(p, 1 - p) < 10) {
      let k = 0;
      for (let i = 0; i < n; i++) if (next() < p) k++;
      return k;
    }
    // Inversion from the mode outwards: exact, and a few dozen steps for the sizes simulated here.
    const mode = Math.floor((n + 1) * p);
    const logP = Math.log(p);
    const logQ = Math.log(1 - p);
    const pmf = (k: number) => Math.exp(logChoose(n, k) + k * logP + (n - k) * logQ);
    let u = next();
    const atMode = pmf(mode);
    u -= atMode;
    if (u <= 0) return mode;
    let lo = mode - 1;
    let hi = mode + 1;
    let pLo = lo >= 0 ? (atMode * (lo + 1) * (1 - p)) / ((n - lo) * p) : 0;
    let pHi = hi <= n ? (atMode * (n - mode) * p) / (hi * (1 - p)) : 0;
    for (;;) {
      if (pHi >= pLo && hi <= n) {
        u -= pHi;
        if (u <= 0) return hi;
        pHi = (pHi * (n - hi) * p) / ((hi + 1) * (1 - p));
        hi++;
      } else if (lo >= 0) {
        u -= pLo;
        if (u <= 0) return lo;
        pLo = (pLo * lo * (1 - p)) / ((n - lo + 1) * p);
        lo--;
      } else if (hi <= n) {
        u -= pHi;
        if (u <= 0) return hi;
        pHi = (pHi * (n - hi) * p) / ((hi + 1) * (1 - p));
        hi++;
      } else return mode;
    }
  };

  return { next, normal, gamma, beta, binomial };
}

/** log Γ(x) for x > 0 (Lanczos, g = 7, n = 9): about 15 significant digits. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = c[0] ?? 0;
  for (let i = 1; i < g + 2; i++) sum += (c[i] ?? 0) / (z + i);
  const t = z + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

export function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}
