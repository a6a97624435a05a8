/**
 * Segments: the object form of a step's `when` (CONTRACT.md, "Learning"). Pure: the facts the store knows
 * about the customer (their other orders, their latest NPS answer) come in as arguments.
 */
import { z } from 'zod';
import type { OrderDocument } from '../../core/order-document';

export const NPS_GROUPS = ['promoter', 'passive', 'detractor', 'none'] as const;
export type NpsGroup = (typeof NPS_GROUPS)[number];

export const COMPARATORS = ['<=', '>=', '<', '>', '='] as const;
export type Comparator = (typeof COMPARATORS)[number];

export type Comparison = Readonly<{ op: Comparator; value: number }>;

/** Every named condition must hold. */
export type Segment = Readonly<{
  orderCount?: Comparison;
  ltv?: Comparison;
  aov?: Comparison;
  category?: readonly string[];
  nps?: readonly NpsGroup[];
  holdout?: boolean;
}>;

const COMPARISON = /^\s*(<=|>=|<|>|=)\s*(-?\d+)\s*$/;

const comparison = z
  .string({ error: 'expected a comparison with an integer, e.g. ">= 2"' })
  .transform((text, ctx) => {
    const m = COMPARISON.exec(text);
    if (!m) {
      ctx.addIssue({
        code: 'custom',
        message: `expected <, <=, >, >= or = and an integer (money in minor units), e.g. ">= 100000"; got "${text}"`,
      });
      return z.NEVER;
    }
    return { op: m[1] as Comparator, value: Number(m[2]) } satisfies Comparison;
  });

const listOf = <T extends z.ZodType<string>>(entry: T, what: string) =>
  z.unknown().transform((input, ctx): z.output<T>[] => {
    const schema = Array.isArray(input)
      ? z.array(entry).min(1, { error: `list at least one ${what}` })
      : entry.transform((v) => [v]);
    const result = schema.safeParse(input);
    if (result.success) return result.data as z.output<T>[];
    for (const issue of result.error.issues)
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, input });
    return z.NEVER;
  });

export const segmentSchema = z
  .strictObject(
    {
      orderCount: comparison.optional(),
      ltv: comparison.optional(),
      aov: comparison.optional(),
      category: listOf(z.string().trim().min(1, { error: 'must not be empty' }), 'category').optional(),
      nps: listOf(
        z.enum(NPS_GROUPS, { error: `expected one of ${NPS_GROUPS.join(', ')}` }),
        'NPS group',
      ).optional(),
      holdout: z.boolean({ error: 'expected true or false' }).optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown condition ${issue.keys.map((k) => `"${k}"`).join(', ')}: expected orderCount, ltv, aov, category, nps or holdout`
          : 'expected an object of conditions (orderCount, ltv, aov, category, nps, holdout)',
    },
  )
  .refine((s) => Object.values(s).some((v) => v !== undefined), {
    when: (payload) => payload.issues.length === 0,
    error: 'name at least one condition: orderCount, ltv, aov, category, nps or holdout',
  });

/** One of the customer's orders as the store holds it. */
export type HeldOrder = Readonly<{ id: string; currency: string; total: number }>;

/** What the planner knows about the customer beyond the document; offline planning knows none of it. */
export type CustomerFacts = Readonly<{
  /** The customer's orders the store holds (any currency; this order may or may not be among them). */
  orders?: readonly HeldOrder[];
  /** Their latest NPS answer (0–10), when they gave one. */
  npsScore?: number;
  /** Whether the sequence's holdout holds this customer back. */
  heldOut?: boolean;
}>;

export function npsGroup(score: number | undefined): NpsGroup {
  if (score === undefined) return 'none';
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/** The figures a segment is judged on, for this document and the store's facts. */
export type SegmentFigures = Readonly<{
  orderCount: number;
  currency: string;
  ltv: number;
  aov: number;
  categories: readonly string[];
  nps: NpsGroup;
  holdout: boolean;
}>;

/**
 * `ltv`: the customer's orders the store holds in this order's currency (this order counted once, whether
 * or not the store holds it yet) plus `customer.totalSpent`; `aov`: that sum over the orders it covers.
 * Orders in other currencies count toward `orderCount` only: money is never converted.
 */
export function segmentFigures(document: OrderDocument, facts: CustomerFacts = {}): SegmentFigures {
  const { order, customer } = document;
  const held = new Map<string, HeldOrder>();
  for (const o of facts.orders ?? []) held.set(o.id, o);
  held.set(order.id, { id: order.id, currency: order.currency, total: order.total });
  const same = [...held.values()].filter((o) => o.currency === order.currency);
  const totalSpent = customer.totalSpent;
  const ltv = same.reduce((s, o) => s + o.total, 0) + (totalSpent ?? 0);
  const outside = totalSpent === undefined ? 0 : Math.max(customer.ordersCount - held.size, 0);
  const count = same.length + outside;
  return {
    orderCount: Math.max(customer.ordersCount, held.size),
    currency: order.currency,
    ltv,
    aov: Math.round(ltv / Math.max(count, 1)),
    categories: order.items.flatMap((item) => (item.category === undefined ? [] : [item.category])),
    nps: npsGroup(facts.npsScore),
    holdout: facts.heldOut === true,
  };
}

function holds(c: Comparison, x: number): boolean {
  switch (c.op) {
    case '<':
      return x < c.value;
    case '<=':
      return x <= c.value;
    case '>':
      return x > c.value;
    case '>=':
      return x >= c.value;
    case '=':
      return x === c.value;
  }
}

const lower = (s: string) => s.trim().toLowerCase();

type Condition = Readonly<{
  text: string;
  test: (f: SegmentFigures) => boolean;
  actual: (f: SegmentFigures) => string;
}>;

function conditionsOf(segment: Segment): Condition[] {
  const list: Condition[] = [];
  const compare = (name: 'orderCount' | 'ltv' | 'aov', money: boolean) => {
    const c = segment[name];
    if (!c) return;
    list.push({
      text: `${name} ${c.op} ${c.value}`,
      test: (f) => holds(c, f[name]),
      actual: (f) => `${name} ${f[name]}${money ? ` ${f.currency}` : ''}`,
    });
  };
  compare('orderCount', false);
  compare('ltv', true);
  compare('aov', true);
  const { category, nps, holdout } = segment;
  if (category)
    list.push({
      text: `category ${category.join('|')}`,
      test: (f) => f.categories.some((c) => category.some((want) => lower(want) === lower(c))),
      actual: (f) =>
        f.categories.length
          ? `categories ${[...new Set(f.categories)].join(', ')}`
          : 'no item has a category',
    });
  if (nps)
    list.push({
      text: `nps ${nps.join('|')}`,
      test: (f) => nps.includes(f.nps),
      actual: (f) => `nps ${f.nps}`,
    });
  if (holdout !== undefined)
    list.push({
      text: `holdout ${holdout}`,
      test: (f) => f.holdout === holdout,
      actual: (f) => (f.holdout ? 'held out' : 'not held out'),
    });
  return list;
}

/** The first condition the figures fail, in words (`ltv >= 100000 (ltv 45000 KRW)`), or undefined when all hold. */
export function failedCondition(segment: Segment, figures: SegmentFigures): string | undefined {
  for (const c of conditionsOf(segment)) if (!c.test(figures)) return `${c.text} (${c.actual(figures)})`;
  return undefined;
}
