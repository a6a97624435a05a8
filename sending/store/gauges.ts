/** What `/metrics` reads from the store at scrape time: steps by state, and the steps due but not yet released. */
import { type Kysely, sql } from 'kysely';
import type { Database, StepState } from './schema';

export const STEP_STATES: readonly StepState[] = [
  'planned',
  'sending',
  'sent',
  'scheduled',
  'failed',
  'skipped',
  'cancelled',
];

/** Every state with its count (0 for a state no step is in). */
export async function stepCounts(db: Kysely<Database>): Promise<Record<StepState, number>> {
  const rows = await db
    .selectFrom('steps')
    .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('state')
    .execute();
  const counts = Object.fromEntries(STEP_STATES.map((s) => [s, 0])) as Record<StepState, number>;
  for (const r of rows) counts[r.state] = Number(r.n);
  return counts;
}

export type QueueDue = Readonly<{ due: number; oldestDueSeconds: number }>;

/**
 * Planned steps whose release time has come (the worker's backlog) and how long the oldest has waited; 0 and 0
 * when the worker keeps up.
 */
export async function queueDue(db: Kysely<Database>): Promise<QueueDue> {
  const row = await db
    .selectFrom('steps')
    .select([
      (eb) => eb.fn.countAll<string>().as('n'),
      sql<string | null>`extract(epoch from now() - min(release_at))`.as('oldest'),
    ])
    .where('state', '=', 'planned')
    .where('release_at', '<=', sql<Date>`now()`)
    .executeTakeFirst();
  return { due: Number(row?.n ?? 0), oldestDueSeconds: Math.max(0, Number(row?.oldest ?? 0)) };
}
