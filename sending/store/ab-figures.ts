/**
 * The figures an A/B test is judged on, from the outcomes the store records: per variant, the live steps of the
 * test that went out (test sends left out), those with a human click, those credited with an order, and the
 * credited revenue per recipient in the test's main currency.
 */
import { type Kysely, sql } from 'kysely';
import type { AbMetric, ArmFigures } from '../plan/ab-decision';
import type { Database } from './schema';

export type AbFiguresQuery = Readonly<{
  sequence: string;
  /** `thank-you@d3`. */
  test: string;
  template: string;
  /** The step's key (`d3`, `delivered+5`): its rows' ids hold `/<key>-<template>/`. */
  key: string;
  metric: AbMetric;
  variants: readonly string[];
  /** Steps count once they went out by then. */
  now: Date;
}>;

const went = sql<Date>`coalesce(s.delivered_at, greatest(coalesce(s.sent_at, s.send_at), s.send_at))`;

/** The test's live steps that went out by `now`: the rows the arms are counted over. */
function testSteps(db: Kysely<Database>, query: AbFiguresQuery, now: Date) {
  return (
    db
      .selectFrom('steps as s')
      .innerJoin('orders as o', 'o.id', 's.order_id')
      .where('o.sequence', '=', query.sequence)
      .where('s.template', '=', query.template)
      .where('s.id', 'like', `pp/%/${query.key}-${query.template}/%`)
      .where('s.variant', 'in', [...query.variants])
      .where(sql<boolean>`lower(s.recipient) = lower(o.customer_email)`)
      // A test run (a marketer's sample) is never a recipient of the test.
      .where('s.test', '=', false)
      .where((eb) =>
        eb.or([eb('s.state', 'in', ['sent', 'scheduled']), eb('s.delivered_at', 'is not', null)]),
      )
      .where('s.bounced_at', 'is', null)
      .where(went, '<=', now)
  );
}

export async function abArmFigures(
  db: Kysely<Database>,
  query: AbFiguresQuery,
): Promise<Record<string, ArmFigures>> {
  const rows = await testSteps(db, query, query.now)
    .select([
      's.variant',
      sql<string>`count(*)`.as('recipients'),
      sql<string>`count(*) filter (where exists (select 1 from interactions i where i.step_id = s.id and i.type = 'click' and i.verdict = 'human'))`.as(
        'clickers',
      ),
      sql<string>`count(*) filter (where exists (select 1 from attributions a where a.step_id = s.id and a.withdrawn is null))`.as(
        'orderers',
      ),
    ])
    .groupBy('s.variant')
    .execute();
  const arms: Record<
    string,
    { recipients: number; successes: number; revenue?: { sum: number; sumSquares: number } }
  > = Object.fromEntries(query.variants.map((v) => [v, { recipients: 0, successes: 0 }]));
  for (const row of rows) {
    if (row.variant === null) continue;
    arms[row.variant] = {
      recipients: Number(row.recipients),
      successes: Number(query.metric === 'click' ? row.clickers : row.orderers),
    };
  }
  if (query.metric !== 'revenue') return arms;
  // Revenue per recipient in the currency most of the test's credited orders are in (money is never converted).
  const ids = testSteps(db, query, query.now).select('s.id');
  const credits = await db
    .selectFrom('attributions as a')
    .innerJoin('steps as s', 's.id', 'a.step_id')
    .select(['s.variant', 'a.step_id', 'a.currency', sql<string>`sum(a.amount)`.as('amount')])
    .where('a.step_id', 'in', ids)
    .where('a.withdrawn', 'is', null)
    .groupBy(['s.variant', 'a.step_id', 'a.currency'])
    .execute();
  const byCurrency = new Map<string, number>();
  for (const c of credits) byCurrency.set(c.currency, (byCurrency.get(c.currency) ?? 0) + 1);
  const main = [...byCurrency.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  for (const arm of Object.values(arms)) arm.revenue = { sum: 0, sumSquares: 0 };
  for (const c of credits) {
    const arm = c.variant === null ? undefined : arms[c.variant];
    if (!arm?.revenue || c.currency !== main) continue;
    const amount = Number(c.amount);
    arm.revenue.sum += amount;
    arm.revenue.sumSquares += amount * amount;
  }
  return arms;
}

/** Each address's latest NPS answer (0–10), by lower-cased address. */
export async function latestNpsScores(
  db: Kysely<Database>,
  addresses: readonly string[],
): Promise<Map<string, number>> {
  const keys = [...new Set(addresses.map((a) => a.trim().toLowerCase()))];
  const result = new Map<string, number>();
  if (keys.length === 0) return result;
  const rows = await db
    .selectFrom('feedback as f')
    .innerJoin('orders as o', 'o.id', 'f.order_id')
    .select([sql<string>`lower(o.customer_email)`.as('address'), 'f.score', 'f.answered_at'])
    .where('f.scale', '=', 'nps')
    .where(sql<string>`lower(o.customer_email)`, 'in', keys)
    .orderBy('f.answered_at', 'asc')
    .execute();
  for (const row of rows) result.set(row.address, row.score);
  return result;
}
