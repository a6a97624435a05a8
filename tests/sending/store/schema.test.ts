/**
 * The store in its own schema. A store made by the code before it (tables in `public`, the queue in `pgboss`) is
 * built here as that code built it — its migrations run with the default search path, its queue opened in
 * `pgboss`, its orders planned by the engine — and then opened by today's code: every table moves into
 * `post_purchase_emails`, every row as it was, the planned steps' jobs carried into the new queue, the old queue
 * gone; and the worker sends from it. On Postgres, a shop's own `public.orders` is left alone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueOrders } from '../../../sending/engine/enqueue';
import type { EmailApi } from '../../../sending/provider/sender';
import { createSequencer } from '../../../sending/sequencer';
import { MIGRATIONS } from '../../../sending/store/migrations';
import { openQueue, STEP_QUEUE } from '../../../sending/store/queue';
import type { Database } from '../../../sending/store/schema';
import { openStore } from '../../../sending/store/store';
import { createDatabase, SERVER_URL, type TestDatabase } from '../../support/databases';
import { dayOffsetSequence, newYork, seoul } from '../../support/send-fixtures';

/**
 * The layout before the store had a schema: its tables in `public`. Every migration is applied there (not only
 * those of that time), so that today's engine can fill the store the way the earlier code did; what is tested is
 * the move out of `public`, with every row and job.
 */
const LEGACY_MIGRATIONS = MIGRATIONS;

let dir: string;
let database: TestDatabase | undefined;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'store-schema-'));
  database = SERVER_URL ? await createDatabase('store_schema') : undefined;
});
afterAll(async () => {
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

type Target = { databaseUrl: string } | { ledgerDir: string };

/** A pool on the target with Postgres's default search path (`"$user", public`), as the earlier code had it. */
async function rawPool<T>(target: Target, run: (pool: pg.Pool) => Promise<T>): Promise<T> {
  if ('databaseUrl' in target) {
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 2 });
    try {
      return await run(pool);
    } finally {
      await pool.end();
    }
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create(join(target.ledgerDir, 'pgdata'));
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  const pool = new pg.Pool({ host, port: Number(port), user: 'postgres', database: 'postgres', max: 1 });
  try {
    return await run(pool);
  } finally {
    await pool.end();
    await server.stop();
    await db.close();
  }
}

/** Builds the earlier layout and fills it through the engine; returns every row, as that code left them. */
/** `shopQueue`: the shop's own pg-boss shares the `pgboss` schema, with a queue and a job of its own. */
async function legacyStore(target: Target, shopQueue = false): Promise<Record<string, unknown[]>> {
  if ('ledgerDir' in target) {
    // A new embedded database starts from the cached copy (initdb costs half a minute); emptied of today's layout,
    // it is a bare database again, where the earlier layout is built.
    const fresh = await openStore(target);
    await fresh.close();
  }
  return rawPool(target, async (pool) => {
    await pool.query('DROP SCHEMA IF EXISTS post_purchase_emails CASCADE');
    await pool.query(`CREATE TABLE schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    for (const m of LEGACY_MIGRATIONS) {
      await pool.query(m.sql);
      await pool.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    const boss = await openQueue(pool, 'pgboss');
    if (shopQueue) {
      await boss.createQueue('shop-invoices');
      await boss.send('shop-invoices', { invoice: 42 });
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const now = new Date();
    await enqueueOrders(db, boss, [seoul, newYork], {
      sequence: dayOffsetSequence,
      from: 'Hanok Goods <orders@hanok.example>',
      releaseWindowMs: 3_600_000,
      unsubscribeSecret: 'legacy-secret',
      now,
    });
    // Some history: a step already sent, a suppression, an event.
    await sql`UPDATE steps SET state = 'sent', resend_id = 'legacy-resend-1', sent_at = now()
      WHERE id = (SELECT id FROM steps WHERE template = 'order-confirmation' ORDER BY id LIMIT 1)`.execute(
      db,
    );
    await sql`INSERT INTO suppressions (email, scope, reason, source) VALUES ('gone@example.com', 'all', 'bounced', 'resend')`.execute(
      db,
    );
    await sql`INSERT INTO events (id, source, type, payload) VALUES ('resend:msg_1', 'resend', 'email.delivered', '{}')`.execute(
      db,
    );
    const planned = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${STEP_QUEUE}`.execute(db);
    expect(planned.rows[0]?.n).toBeGreaterThan(0);
    await boss.stop({ graceful: false, close: false, wait: true });
    return rows(pool, 'public');
  });
}

async function rows(pool: pg.Pool, schema: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of ['orders', 'steps', 'suppressions', 'events'])
    out[table] = (await pool.query(`SELECT * FROM "${schema}"."${table}" ORDER BY 1`)).rows;
  out.schema_migrations = (
    await pool.query(`SELECT version, name FROM "${schema}".schema_migrations ORDER BY 1`)
  ).rows;
  return out;
}

/** A Resend stand-in that accepts everything (no network). */
function acceptingApi(sent: string[]): EmailApi {
  let n = 0;
  return {
    send: async (payload) => {
      sent.push(payload.subject);
      return { data: { id: `moved-${++n}` }, error: null, headers: null };
    },
    batch: async (payloads) => {
      sent.push(...payloads.map((p) => p.subject));
      return { data: { data: payloads.map(() => ({ id: `moved-${++n}` })) }, error: null, headers: null };
    },
    cancel: async (id) => ({ data: { id }, error: null, headers: null }),
  };
}

async function movedAndWorks(target: Target, shopQueue = false) {
  const before = await legacyStore(target, shopQueue);
  const plannedBefore = (before.steps as { state: string }[]).filter((s) => s.state === 'planned').length;
  const sent: string[] = [];
  const sequencer = createSequencer({
    ...target,
    from: 'Hanok Goods <orders@hanok.example>',
    api: acceptingApi(sent),
    unsubscribeSecret: 'legacy-secret',
  });
  try {
    const store = await sequencer.store();
    expect(store.movedFromPublic).toBe(true);
    const after = await rows(store.pool, 'post_purchase_emails');
    // Every row as it was, the migrations' record included; today's migrations (if any) after them.
    // Columns today's migrations added after the move are left out: every column the old store had, as it was.
    const asBefore = (table: string) =>
      (after[table] ?? []).map((row, i) => {
        const old = (before[table]?.[i] ?? {}) as Record<string, unknown>;
        return Object.fromEntries(
          Object.keys(old).map((key) => [key, (row as Record<string, unknown>)[key]]),
        );
      });
    for (const table of ['orders', 'steps', 'suppressions', 'events']) {
      expect(after[table]?.length, table).toBe(before[table]?.length);
      expect(JSON.stringify(asBefore(table)), table).toBe(JSON.stringify(before[table]));
    }
    expect(after.schema_migrations?.slice(0, LEGACY_MIGRATIONS.length)).toEqual(before.schema_migrations);
    const tables = await store.pool.query<{ schemaname: string; tablename: string }>(
      `SELECT schemaname, tablename FROM pg_tables WHERE tablename IN ('orders', 'steps', 'suppressions', 'events', 'store_meta', 'schema_migrations')`,
    );
    expect(new Set(tables.rows.map((r) => r.schemaname))).toEqual(new Set(['post_purchase_emails']));
    const schemas = await store.pool.query<{ nspname: string }>(
      `SELECT nspname FROM pg_namespace WHERE nspname LIKE '%pgboss%' OR nspname LIKE 'post_purchase%'`,
    );
    expect(schemas.rows.map((r) => r.nspname).sort()).toEqual([
      ...(shopQueue ? ['pgboss'] : []),
      'post_purchase_emails',
      'post_purchase_emails_queue',
    ]);
    if (shopQueue) {
      // The shop's pg-boss keeps its queue and its job; ours is gone from there.
      const left = await store.pool.query<{ name: string; data: unknown }>(
        'SELECT name, data FROM pgboss.job ORDER BY name',
      );
      expect(left.rows).toEqual([{ name: 'shop-invoices', data: { invoice: 42 } }]);
    }
    const jobs = await store.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM post_purchase_emails_queue.job WHERE name = $1`,
      [STEP_QUEUE],
    );
    expect(jobs.rows[0]?.n).toBe(plannedBefore);
    // The worker sends from the moved store: every step that was due goes out once.
    const report = await sequencer.work({ once: true });
    expect(report.sent + report.scheduled).toBeGreaterThan(0);
    expect(new Set(sent).size).toBe(sent.length);
    const { steps: states } = await sequencer.status();
    expect(states.find((s) => s.resendId === 'legacy-resend-1')?.state).toBe('sent');
  } finally {
    await sequencer.close();
  }
  // Opened again: nothing moves twice.
  const again = await openStore(target);
  try {
    expect(again.movedFromPublic).toBe(false);
    const steps = await again.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM steps');
    expect(steps.rows[0]?.n).toBe(before.steps?.length);
  } finally {
    await again.close();
  }
}

describe('the store in its own schema', () => {
  it('moves an embedded store made in public into post_purchase_emails, every row kept, the queue carried', async () => {
    await movedAndWorks({ ledgerDir: join(dir, 'legacy-embedded') });
  }, 180_000);

  it('keeps a DATABASE_SCHEMA of its own in the embedded store too', async () => {
    const store = await openStore({ ledgerDir: join(dir, 'named'), schema: 'shop_emails' });
    try {
      const { rows: found } = await store.pool.query<{ schemaname: string }>(
        `SELECT DISTINCT schemaname FROM pg_tables WHERE tablename IN ('steps', 'orders', 'schema_migrations')`,
      );
      expect(found.map((r) => r.schemaname)).toEqual(['shop_emails']);
      expect(store.queueSchema).toBe('shop_emails_queue');
    } finally {
      await store.close();
    }
  }, 180_000);

  it.runIf(SERVER_URL)(
    'moves a Postgres store made in public, and shares a database with a shop’s own orders table',
    async () => {
      const url = database?.url ?? '';
      await movedAndWorks({ databaseUrl: url }, true);

      const shop = await createDatabase('store_schema_shop');
      try {
        const admin = new pg.Client({ connectionString: shop.url });
        // Dropping the database at the end ends this connection too, should a failure leave it open.
        admin.on('error', () => {});
        await admin.connect();
        await admin.query(`CREATE TABLE public.orders (id serial PRIMARY KEY, total numeric NOT NULL)`);
        await admin.query(`INSERT INTO public.orders (total) VALUES (12.5), (99)`);
        const sequencer = createSequencer({
          databaseUrl: shop.url,
          databaseSchema: 'shop_emails',
          from: 'Hanok Goods <orders@hanok.example>',
          dryRun: true,
          unsubscribeSecret: 'legacy-secret',
        });
        try {
          const result = await sequencer.enqueue(seoul, { release: false });
          expect(result.orders).toHaveLength(1);
          expect((await sequencer.status({ order: seoul.order.id })).steps.length).toBeGreaterThan(0);
        } finally {
          await sequencer.close();
        }
        const theirs = await admin.query('SELECT id, total FROM public.orders ORDER BY id');
        expect(theirs.rows).toEqual([
          { id: 1, total: '12.5' },
          { id: 2, total: '99' },
        ]);
        const columns = await admin.query(
          `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'orders' ORDER BY 1`,
        );
        expect(columns.rows.map((r) => r.column_name)).toEqual(['id', 'total']);
        await admin.end();
      } finally {
        await shop.drop();
      }
    },
    180_000,
  );
});
