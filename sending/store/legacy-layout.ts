/**
 * Stores made before the store had a schema of its own kept their tables in `public` and the queue in `pgboss`.
 * On first open such a store moves: its tables into the store's schema in one transaction (`ALTER TABLE … SET
 * SCHEMA`: rows, indexes and keys move as they are, nothing is copied), then, once the queue is open in its own
 * schema, a job for every planned step is carried over and the old queue is removed — the whole `pgboss` schema
 * when our queue was all it held, else only our queue's jobs, so a shop's own pg-boss is left alone.
 */
import type pg from 'pg';
import type PgBoss from 'pg-boss';
import { jobId, STEP_QUEUE } from './queue';
import { LEGACY_QUEUE_SCHEMA } from './schema-name';

/**
 * Every table of the store, in the order they can move (all in one transaction, so any order works): the earlier
 * versions made the first six in `public`; the later ones are listed too, so a store in `public` made by any
 * version moves whole.
 */
export const LEGACY_TABLES = [
  'schema_migrations',
  'store_meta',
  'events',
  'suppressions',
  'steps',
  'orders',
  'interactions',
  'attributions',
  'feedback',
  'suppression_audit',
  'preferences',
  'link_requests',
  'ab_tests',
] as const;

/** An arbitrary constant: the advisory lock under which a store is moved (two processes opening it take turns). */
const MOVE_LOCK = 7_100_210_014;

async function locked<T>(pool: pg.Pool, run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MOVE_LOCK]);
    try {
      return await run(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MOVE_LOCK]).catch(() => {});
    }
  } finally {
    client.release();
  }
}

/** Moves a store found in `public` into `schema` (when `schema` has none yet); true when it did. */
export async function moveFromPublic(pool: pg.Pool, schema: string): Promise<boolean> {
  return locked(pool, async (client) => {
    const { rows } = await client.query<{ found: number; target: string | null }>(
      `SELECT (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1::text[])) AS found,
              to_regclass($2) AS target`,
      [['schema_migrations', 'steps', 'store_meta'], `"${schema}".schema_migrations`],
    );
    const here = rows[0];
    if (!here || here.found < 3 || here.target !== null) return false;
    await client.query('BEGIN');
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const present = await client.query<{ tablename: string }>(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1::text[])`,
        [[...LEGACY_TABLES]],
      );
      for (const { tablename } of present.rows)
        await client.query(`ALTER TABLE public."${tablename}" SET SCHEMA "${schema}"`);
      await client.query(
        `INSERT INTO "${schema}".store_meta (key, value) VALUES ('moved-from-public', now()::text)
           ON CONFLICT (key) DO NOTHING`,
      );
      await client.query('COMMIT');
      return true;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  });
}

/** Jobs written per statement while carrying the queue over. */
const CHUNK = 500;

/**
 * After a move: a job in the new queue for every planned step (the same job id a plan gives it, so a repeat
 * changes nothing), then the old queue removed. Runs once (`queue-carried` in store_meta); the number of jobs
 * carried, or undefined when there was nothing to do.
 */
export async function carryLegacyQueue(pool: pg.Pool, boss: PgBoss): Promise<number | undefined> {
  return locked(pool, async (client) => {
    const meta = await client.query<{ key: string }>(
      `SELECT key FROM store_meta WHERE key IN ('moved-from-public', 'queue-carried')`,
    );
    const keys = new Set(meta.rows.map((r) => r.key));
    if (!keys.has('moved-from-public') || keys.has('queue-carried')) return undefined;
    const planned = await client.query<{ id: string; release_at: Date }>(
      `SELECT id, release_at FROM steps WHERE state = 'planned' ORDER BY release_at`,
    );
    // Through the connection holding the lock: the embedded store's pool has only that one.
    const db: PgBoss.Db = {
      executeSql: async (text, values) => ({ rows: (await client.query(text, values)).rows }),
    };
    for (let i = 0; i < planned.rows.length; i += CHUNK)
      await boss.insert(
        planned.rows.slice(i, i + CHUNK).map((r) => ({
          id: jobId(r.id),
          name: STEP_QUEUE,
          data: { step: r.id },
          startAfter: new Date(r.release_at).toISOString(),
        })),
        { db },
      );
    const old = await client.query<{ queue: string | null }>(`SELECT to_regclass($1) AS queue`, [
      `${LEGACY_QUEUE_SCHEMA}.queue`,
    ]);
    if (old.rows[0]?.queue) {
      const names = await client.query<{ name: string }>(`SELECT name FROM ${LEGACY_QUEUE_SCHEMA}.queue`);
      if (names.rows.every((r) => r.name === STEP_QUEUE))
        await client.query(`DROP SCHEMA IF EXISTS ${LEGACY_QUEUE_SCHEMA} CASCADE`);
      else await client.query(`DELETE FROM ${LEGACY_QUEUE_SCHEMA}.job WHERE name = $1`, [STEP_QUEUE]);
    }
    await client.query(
      `INSERT INTO store_meta (key, value) VALUES ('queue-carried', now()::text) ON CONFLICT DO NOTHING`,
    );
    return planned.rows.length;
  });
}
