/**
 * The job queue: pg-boss 10 in the store's own database, in its own schema (`<DATABASE_SCHEMA>_queue`). Every planned step gets one job,
 * inserted in the transaction that writes the step and starting at the step's release time; the worker fetches
 * due jobs in batches and claims their steps (sending/engine/release.ts). The job id is derived from the step id alone,
 * so a step has one job for its whole life: planning the same order twice, re-planning it, or deferring a step
 * at release moves that job to the new time (`scheduleStepJobs`) instead of adding another.
 *
 * pg-boss's maintenance runs (every few minutes, one process at a time): completed jobs are archived an hour
 * after completion and the archive emptied a day later, so the queue holds what is pending and little else.
 */
import { createHash } from 'node:crypto';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import type pg from 'pg';
import PgBoss from 'pg-boss';
import type { Database } from './schema';
import { DEFAULT_SCHEMA, queueSchemaOf } from './schema-name';

export const STEP_QUEUE = 'post-purchase-steps';

export type StepJob = Readonly<{ step: string }>;

/** The queue, as the engine holds it. */
export type Queue = PgBoss;
/** A step's job, before it is queued: the step, and when it is due. */
export type NewStepJob = StepJobTime;
/** A step's job, as fetched. */
export type FetchedStepJob = PgBoss.Job<StepJob>;

/** The one job of a step released at `releaseAt` (its id comes from the step alone: see `scheduleStepJobs`). */
export function stepJob(stepId: string, releaseAt: Date | string): NewStepJob {
  return { step: stepId, startAfter: typeof releaseAt === 'string' ? new Date(releaseAt) : releaseAt };
}

/** Queues jobs in the transaction that writes their steps: no step without its job, no job without its step. */
export async function queueStepJobs(
  trx: Kysely<Database>,
  boss: Queue,
  jobs: readonly NewStepJob[],
): Promise<void> {
  await scheduleStepJobs(trx, boss, jobs);
}

/** Up to `batchSize` due jobs, each now the caller's. */
export function fetchStepJobs(boss: Queue, batchSize: number): Promise<FetchedStepJob[]> {
  return boss.fetch<StepJob>(STEP_QUEUE, { batchSize });
}

/** Marks fetched jobs done (their steps are claimed). */
export async function completeStepJobs(boss: Queue, ids: readonly string[]): Promise<void> {
  await boss.complete(STEP_QUEUE, [...ids]);
}

/** Stops the queue without waiting for timers (it has none of its own: our worker drives it). */
export async function stopQueue(boss: Queue): Promise<void> {
  await boss.stop({ graceful: false, close: false, wait: true });
}

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

/** How pg-boss keeps its tables small: archive a completed job after an hour, drop the archive after a day. */
export const QUEUE_MAINTENANCE = {
  supervise: true,
  maintenanceIntervalSeconds: 300,
  archiveCompletedAfterSeconds: 3600,
  archiveFailedAfterSeconds: 3600,
  deleteAfterDays: 1,
} as const;

/**
 * Starts pg-boss on the store's pool (migrating its schema) with its maintenance but without its scheduler or
 * workers: our worker drives the fetching.
 */
/** The schema each open queue lives in (a checked identifier: see store/schema-name.ts), for our own SQL on it. */
const QUEUE_SCHEMAS = new WeakMap<PgBoss, string>();

export async function openQueue(pool: pg.Pool, schema = queueSchemaOf(DEFAULT_SCHEMA)): Promise<PgBoss> {
  const boss = new PgBoss({
    db: poolExecutor(pool),
    schema,
    ...QUEUE_MAINTENANCE,
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
  QUEUE_SCHEMAS.set(boss, schema);
  return boss;
}

export type StepJobTime = Readonly<{ step: string; startAfter: Date }>;

/**
 * Each step's one job, due at `startAfter`: the existing job (completed when the step was claimed, or still
 * waiting) is moved back to `created` at the new time; a step without one gets it. Inside the caller's
 * transaction, so a step and its job change together.
 */
export async function scheduleStepJobs(
  db: Kysely<Database>,
  boss: PgBoss,
  jobs: readonly StepJobTime[],
): Promise<void> {
  if (jobs.length === 0) return;
  const ids = jobs.map((j) => jobId(j.step));
  const starts = jobs.map((j) => j.startAfter.toISOString());
  const schema = QUEUE_SCHEMAS.get(boss) ?? queueSchemaOf(DEFAULT_SCHEMA);
  await db.executeQuery(
    CompiledQuery.raw(
      `UPDATE ${schema}.job AS j
          SET state = 'created', start_after = u.start_after, started_on = NULL, completed_on = NULL,
              retry_count = 0, output = NULL, keep_until = u.start_after + interval '14 days'
         FROM unnest($2::uuid[], $3::timestamptz[]) AS u(id, start_after)
        WHERE j.name = $1 AND j.id = u.id`,
      [STEP_QUEUE, ids, starts],
    ),
  );
  await boss.insert(
    jobs.map((j, i) => ({
      id: ids[i] as string,
      name: STEP_QUEUE,
      data: { step: j.step },
      startAfter: starts[i] as string,
    })),
    { db: kyselyExecutor(db) },
  );
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
