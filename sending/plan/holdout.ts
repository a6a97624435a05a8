/**
 * Holdouts (CONTRACT.md, "Learning"): a share of customers, chosen by their address, get only the
 * transactional steps; the report compares them with everyone else. Pure: the membership is a hash, the
 * comparison a function of counts and sums. docs/learning.md gives the intervals' reasoning.
 */

/** Where an address falls in [0, 1): FNV-1a over the lower-cased address, then murmur3's finaliser to spread it. */
export function addressPoint(address: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(address.trim().toLowerCase())) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return (hash >>> 0) / 4294967296;
}

/** Whether the holdout keeps this address back: the same answer for every order, sequence and run. */
export function isHeldOut(address: string, share: number): boolean {
  return share > 0 && addressPoint(address) < share;
}

const Z95 = 1.959963984540054;

/** Wilson's score interval for a proportion k / n. */
export function wilson(k: number, n: number, z = Z95): readonly [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * Newcombe's hybrid score interval (1998, method 10) for p1 − p2: sound at small counts and rates near 0,
 * where the plain normal interval covers too little.
 */
export function newcombe(k1: number, n1: number, k2: number, n2: number, z = Z95): readonly [number, number] {
  const p1 = n1 ? k1 / n1 : 0;
  const p2 = n2 ? k2 / n2 : 0;
  const [l1, u1] = wilson(k1, n1, z);
  const [l2, u2] = wilson(k2, n2, z);
  const d = p1 - p2;
  return [d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)];
}

/** Student's t quantile (two-sided 95 %) for ν degrees of freedom: Hill's (1970) expansion, exact to 1e-4 for ν ≥ 2. */
export function t975(nu: number): number {
  if (!Number.isFinite(nu) || nu > 1e6) return Z95;
  const z = Z95;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
  const g4 = (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92160;
  return z + g1 / nu + g2 / nu ** 2 + g3 / nu ** 3 + g4 / nu ** 4;
}

/** A group's money per customer: how many customers, the sum and the sum of squares of what each spent. */
export type MoneyFigures = Readonly<{ customers: number; sum: number; sumSquares: number }>;

/** Welch's interval for mean1 − mean2 (unequal variances, Welch–Satterthwaite degrees of freedom). */
export function welch(a: MoneyFigures, b: MoneyFigures): readonly [number, number] {
  const stats = (g: MoneyFigures) => {
    const n = Math.max(g.customers, 1);
    const mean = g.sum / n;
    const variance = n > 1 ? Math.max(g.sumSquares - n * mean * mean, 0) / (n - 1) : 0;
    return { n, mean, v: variance / n };
  };
  const x = stats(a);
  const y = stats(b);
  const se2 = x.v + y.v;
  const d = x.mean - y.mean;
  if (se2 === 0) return [d, d];
  const nu =
    se2 ** 2 / ((x.n > 1 ? x.v ** 2 / (x.n - 1) : 0) + (y.n > 1 ? y.v ** 2 / (y.n - 1) : 0) || 1e-300);
  const half = t975(nu) * Math.sqrt(se2);
  return [d - half, d + half];
}

export type HoldoutGroup = Readonly<{
  customers: number;
  /** Customers who ordered again after the order that put them in the comparison. */
  repeaters: number;
  /** Revenue per customer in one currency: the sum and the sum of squares over customers. */
  revenue: Readonly<Record<string, Readonly<{ sum: number; sumSquares: number }>>>;
}>;

export type HoldoutComparison = Readonly<{
  share: number;
  held: Readonly<{
    customers: number;
    repeatRate: number;
    revenuePerCustomer: Readonly<Record<string, number>>;
  }>;
  treated: Readonly<{
    customers: number;
    repeatRate: number;
    revenuePerCustomer: Readonly<Record<string, number>>;
  }>;
  lift: Readonly<{
    /** treated − held. */
    repeatRate: number;
    interval95: readonly [number, number];
    /** Per currency: treated − held revenue per customer, minor units, with Welch's 95 % interval. */
    revenuePerCustomer: Readonly<
      Record<string, Readonly<{ difference: number; interval95: readonly [number, number] }>>
    >;
  }>;
}>;

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** `report.holdout`: the treated customers against the held-out ones, each difference with its 95 % interval. */
export function compareHoldout(share: number, held: HoldoutGroup, treated: HoldoutGroup): HoldoutComparison {
  const rate = (g: HoldoutGroup) => (g.customers ? g.repeaters / g.customers : 0);
  const perCustomer = (g: HoldoutGroup) =>
    Object.fromEntries(
      Object.entries(g.revenue).map(([c, r]) => [c, Math.round(r.sum / Math.max(g.customers, 1))]),
    );
  const [lo, hi] = newcombe(treated.repeaters, treated.customers, held.repeaters, held.customers);
  const currencies = [...new Set([...Object.keys(held.revenue), ...Object.keys(treated.revenue)])].sort();
  const money = Object.fromEntries(
    currencies.map((c) => {
      const of = (g: HoldoutGroup): MoneyFigures => ({
        customers: g.customers,
        sum: g.revenue[c]?.sum ?? 0,
        sumSquares: g.revenue[c]?.sumSquares ?? 0,
      });
      const [l, h] = welch(of(treated), of(held));
      const d = of(treated).sum / Math.max(treated.customers, 1) - of(held).sum / Math.max(held.customers, 1);
      return [c, { difference: Math.round(d), interval95: [Math.round(l), Math.round(h)] as const }];
    }),
  );
  return {
    share,
    held: {
      customers: held.customers,
      repeatRate: round4(rate(held)),
      revenuePerCustomer: perCustomer(held),
    },
    treated: {
      customers: treated.customers,
      repeatRate: round4(rate(treated)),
      revenuePerCustomer: perCustomer(treated),
    },
    lift: {
      repeatRate: round4(rate(treated) - rate(held)),
      interval95: [round4(lo), round4(hi)],
      revenuePerCustomer: money,
    },
  };
}
