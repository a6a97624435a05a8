/**
 * The job queue: pg-boss 10 in the store's own database, in its own schema (`<DATABASE_SCHEMA>_queue`). Every planned step gets one job,
 * inserted in the transaction that writes the step and starting at the step's release time; the worker fetches
 * due jobs in batches and claims their steps (sending/engine/release.ts). The job id is derived from the step id, so
 * planning the same order twice never queues a step twice.
 */
import { createHash } from 'node:crypto';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import type pg from 'pg';
import PgBoss from 'pg-boss';
import type { Database } from './schema';
import { DEFAULT_SCHEMA, queueSchemaOf } from './schema-name';

export const STEP_QUEUE = 'post-purchase-steps';

export type StepJob = Readonly<{ step: string }>;

/** pg-boss's executor over anything that runs SQL with parameters (the pool, or a transaction). */
export function poolExecutor(pool: pg.Pool): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const result = await pool.query(text, values);
      return { rows: result.rows };
    },
  };
}

export function kyselyExecutor(db: Kysely<Database>): PgBoss.Db {
  return {
    executeSql: async (text, values: readonly unknown[]) => {
      const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, [...values]));
      return { rows: [...result.rows] };
    },
  };
}

/** A UUID derived from the step id: the same step always maps to the same job. */
export function jobId(stepId: string): string {
  const h = createHash('sha256').update(`job:${stepId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Starts pg-boss on the store's pool (migrating its schema) without its timers: our worker drives it. */
export async function openQueue(pool: pg.Pool, schema = queueSchemaOf(DEFAULT_SCHEMA)): Promise<PgBoss> {
  const boss = new PgBoss({
    db: poolExecutor(pool),
    schema,
    supervise: false,
    schedule: false,
    migrate: true,
  });
  boss.on('error', () => {});
  await boss.start();
  if (!(await boss.getQueue(STEP_QUEUE))) {
    try {
      await boss.createQueue(STEP_QUEUE, { name: STEP_QUEUE, retryLimit: 0, expireInSeconds: 900 });
    } catch (error) {
      // Another process created it at the same moment.
      if (!(await boss.getQueue(STEP_QUEUE))) throw error;
    }
  }
  await fetchIndex(pool, schema);
  return boss;
}

/** An arbitrary constant: the advisory lock under which the fetch index is created. */
const FETCH_INDEX_LOCK = 7_100_210_013;

/**
 * pg-boss fetches the first jobs in `priority DESC, created_on, id` order among those due, but its own index
 * (`job_i5`) is on `(name, start_after)`: with many jobs due at once (a worker catching up, a bulk import) every
 * fetch read and sorted all of them, on disk, to return a hundred — 0.2 s per fetch at 70,000 due jobs, so a
 * release slowed quadratically. This index gives the planner that order directly (a fetch reads its hundred
 * rows and stops); with few jobs due it keeps using `job_i5`. Created once, on the partitioned table, so every
 * queue's partition has it.
 */
async function fetchIndex(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [FETCH_INDEX_LOCK]);
      await client.query(
        `CREATE INDEX IF NOT EXISTS job_fetch_order ON "${schema}".job (name, priority DESC, created_on, id)
           WHERE state < 'active'`,
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  } finally {
    client.release();
  }
}

/**
 * Refreshes the planner's statistics of the steps and of the queue's jobs (after a bulk plan), wherever the
 * store's schema is: the queue's schema is named from the connection's own.
 */
export async function analyzeQueue(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  const schema = rows[0]?.schema ?? DEFAULT_SCHEMA;
  await sql`ANALYZE steps, ${sql.id(queueSchemaOf(schema), 'job')}`.execute(db);
}
