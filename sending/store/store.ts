/**
 * The store: one Postgres database, either a server (`DATABASE_URL`) or an embedded PGlite in the ledger
 * directory, served on 127.0.0.1 (a random port) through pglite-socket so that both are reached through the
 * same `pg` pool, the same Kysely queries and the same pg-boss queue. Opening it runs the migrations (under an
 * advisory lock) and, once, imports an old `ledger.jsonl` found in the ledger directory.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { importLedger } from './ledger-import';
import { moveFromPublic } from './legacy-layout';
import { isAlive } from './lock-file';
import { MIGRATIONS } from './migrations';
import type { Database } from './schema';
import { DEFAULT_SCHEMA, queueSchemaOf, schemaNameProblem } from './schema-name';

export type Backend = 'postgres' | 'pglite';

/** Why the store could not be opened, in one line that names it (the CLI prints it and exits 1). */
export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

export type StoreOptions = Readonly<{
  /** A postgres:// URL; without one the store is PGlite in `ledgerDir`. */
  databaseUrl?: string;
  /** Default `.sends`. Holds the embedded database (`pgdata/`) and an old `ledger.jsonl`, if any. */
  ledgerDir?: string;
  /** Connections for a server (the embedded database takes one at a time). Default 4. */
  maxConnections?: number;
  /** The schema every table of the store lives in (`DATABASE_SCHEMA`). Default `post_purchase_emails`. */
  schema?: string;
}>;

export type Store = Readonly<{
  db: Kysely<Database>;
  pool: pg.Pool;
  backend: Backend;
  /** The database as a person names it: the URL without its password, or the directory. */
  location: string;
  /** Steps imported from an old ledger.jsonl while opening (0 almost always). */
  imported: number;
  /** The schema holding the store's tables, and the one holding the queue (pg-boss). */
  schema: string;
  queueSchema: string;
  /** True when this open moved a store an earlier version made in `public` into `schema`. */
  movedFromPublic: boolean;
  /** A server's connection string (never printed): a connection of its own that LISTENs (store/wake.ts). */
  connectionString?: string;
  close(): Promise<void>;
}>;

/** A URL with its password replaced, fit for an error message. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const ledgerDir = options.ledgerDir ?? '.sends';
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const bad = schemaNameProblem(schema);
  if (bad) throw new StoreError(`DATABASE_SCHEMA ${schema}: ${bad}`);
  if (options.databaseUrl !== undefined) return openServer(options.databaseUrl, ledgerDir, options, schema);
  return openEmbedded(ledgerDir, schema);
}

/**
 * Every connection of the pool looks in the store's schema first (and only there, besides pg_catalog): set
 * before the pool hands the connection out (pg-pool's `onConnect` waits for it), never queued behind the
 * caller's first query, which pg deprecates.
 */
function inSchema(schema: string): Pick<pg.PoolConfig, 'onConnect'> {
  return {
    onConnect: async (client: pg.ClientBase) => {
      await client.query(`SET search_path TO "${schema}"`);
    },
  };
}

async function openServer(
  url: string,
  ledgerDir: string,
  options: StoreOptions,
  schema: string,
): Promise<Store> {
  const location = describeUrl(url);
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new StoreError(`DATABASE_URL ${location}: expected a postgres:// URL`);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 4,
    connectionTimeoutMillis: 10_000,
    ...inSchema(schema),
  });
  pool.on('error', () => {});
  // A connection cut while a client is checked out between two queries (a transaction, the database restarting)
  // makes that client emit 'error'; unheard, it would end the process. Its next query fails instead, and the
  // server answers 503 (store/unreachable.ts).
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new StoreError(`DATABASE_URL ${location}: cannot connect (${(error as Error).message})`);
  }
  return finishOpen(
    pool,
    'postgres',
    location,
    ledgerDir,
    schema,
    async () => {
      await pool.end();
    },
    url,
  );
}

async function openEmbedded(ledgerDir: string, schema: string): Promise<Store> {
  const dir = resolve(ledgerDir);
  const dataDir = join(dir, 'pgdata');
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new StoreError(`--ledger ${ledgerDir}: cannot create it (${(error as Error).message})`);
  }
  const lockPath = join(dir, 'store.lock');
  await takeLock(lockPath, ledgerDir);
  let pglite: import('@electric-sql/pglite').PGlite | undefined;
  let server: import('@electric-sql/pglite-socket').PGLiteSocketServer | undefined;
  try {
    const info = await stat(dataDir).catch(() => undefined);
    if (info && !info.isDirectory())
      throw new StoreError(`--ledger ${ledgerDir}: ${dataDir} is not a directory`);
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const fresh = info === undefined;
    const template = fresh ? await readTemplate(schema) : undefined;
    try {
      pglite = await PGlite.create(dataDir, {
        ...(template ? { loadDataDir: template } : {}),
        startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
      });
      await pglite.query('select 1');
    } catch (error) {
      throw new StoreError(
        `--ledger ${ledgerDir}: the embedded database in ${dataDir} cannot be opened (${describeError(error)}); move it aside to start afresh`,
      );
    }
    server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
    const [host, port] = server.getServerConn().split(':');
    // One connection: PGlite runs one query at a time, and one connection keeps every transaction whole.
    const pool = new pg.Pool({
      host,
      port: Number(port),
      user: 'postgres',
      database: 'postgres',
      max: 1,
      ...inSchema(schema),
    });
    pool.on('error', () => {});
    const db = pglite;
    const socket = server;
    const store = await finishOpen(pool, 'pglite', ledgerDir, ledgerDir, schema, async () => {
      await pool.end().catch(() => {});
      await socket.stop().catch(() => {});
      await db.close().catch(() => {});
      await rm(lockPath, { force: true });
    });
    // The first new store writes the template: migrated, and empty (nothing was imported into it).
    if (fresh && !template && store.imported === 0) await writeTemplate(db, schema);
    return store;
  } catch (error) {
    await server?.stop().catch(() => {});
    await pglite?.close().catch(() => {});
    await rm(lockPath, { force: true });
    throw error;
  }
}

/**
 * The embedded database's buffer pool. PGlite runs inside the engine's process and its WebAssembly memory never
 * shrinks, so Postgres's default of 128 MB would sit in the process for good once a long release had filled it;
 * the data files stay in the operating system's page cache all the same, which reads them back at memory speed.
 */
const EMBEDDED_SHARED_BUFFERS = '32MB';

/**
 * A new embedded database starts from a copy of a pristine one: PGlite's initdb takes 10–40 s on a busy
 * 2-core machine, loading its tarball a few. The copy is a cache in the OS temp directory, per PGlite version and
 * set of migrations (it holds them applied, so a new store skips them too), written once (atomically) by the
 * first store created without it. The key holds the schema too (the copy has its tables there) and the layout's
 * version (tables in their own schema since layout 2): a copy made by an earlier layout is never used.
 */
const LAYOUT = 2;

async function templatePath(schema: string): Promise<string> {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  let version = 'unknown';
  try {
    // The package does not export its package.json: find it beside the resolved entry.
    const entry = require.resolve('@electric-sql/pglite');
    const root = entry.slice(0, entry.lastIndexOf('/dist/'));
    version = (JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {}
  const migrations = createHash('sha256')
    .update(JSON.stringify({ MIGRATIONS, LAYOUT, schema }))
    .digest('hex')
    .slice(0, 12);
  return join(tmpdir(), `post-purchase-emails-pglite-${version}-${migrations}.tar.gz`);
}

async function readTemplate(schema: string): Promise<Blob | undefined> {
  try {
    return new Blob([await readFile(await templatePath(schema))]);
  } catch {
    return undefined;
  }
}

async function writeTemplate(db: import('@electric-sql/pglite').PGlite, schema: string): Promise<void> {
  try {
    const path = await templatePath(schema);
    const dump = await db.dumpDataDir('gzip');
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, Buffer.from(await dump.arrayBuffer()));
    await rename(temp, path);
  } catch {
    // Only a cache: the next new store runs initdb again.
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}

async function finishOpen(
  pool: pg.Pool,
  backend: Backend,
  location: string,
  ledgerDir: string,
  schema: string,
  closeAll: () => Promise<void>,
  connectionString?: string,
): Promise<Store> {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    const movedFromPublic = await moveFromPublic(pool, schema);
    await migrate(pool, schema);
    const imported = await importLedger(db, ledgerDir);
    // The embedded store is this process's alone (its lock file says so): whatever was mid-send belonged to a
    // process that is gone, so its claims lapse now rather than after their lease.
    if (backend === 'pglite')
      await db
        .updateTable('steps')
        .set({ lease_until: sql`now() - interval '1 second'` })
        .where('state', '=', 'sending')
        .execute();
    let closed = false;
    return {
      db,
      pool,
      backend,
      location,
      imported,
      schema,
      queueSchema: queueSchemaOf(schema),
      movedFromPublic,
      ...(connectionString === undefined ? {} : { connectionString }),
      close: async () => {
        if (closed) return;
        closed = true;
        await closeAll();
      },
    };
  } catch (error) {
    await closeAll().catch(() => {});
    if (error instanceof StoreError) throw error;
    throw new StoreError(
      `${backend === 'postgres' ? `DATABASE_URL ${location}` : `--ledger ${location}`}: cannot prepare the store (${describeError(error)})`,
    );
  }
}

/** An arbitrary constant: the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 7_100_210_011;

/**
 * Runs every migration not yet applied, each in its own transaction, under a session advisory lock, in the
 * store's schema (created if need be).
 */
export async function migrate(pool: pg.Pool, schema: string = DEFAULT_SCHEMA): Promise<number[]> {
  const bad = schemaNameProblem(schema);
  if (bad) throw new StoreError(`DATABASE_SCHEMA ${schema}: ${bad}`);
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(`SET search_path TO "${schema}"`);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const done = new Set(rows.map((r) => r.version));
      for (const migration of MIGRATIONS) {
        if (done.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
            migration.version,
            migration.name,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        }
        applied.push(migration.version);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    }
  } finally {
    client.release();
  }
  return applied;
}

/** The embedded database is one process's at a time: `<ledger>/store.lock` holds its pid. */
async function takeLock(lockPath: string, ledgerDir: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST')
        throw new StoreError(`--ledger ${ledgerDir}: cannot lock it (${(error as Error).message})`);
      const pid = (await readFile(lockPath, 'utf8').catch(() => '')).trim();
      if (/^\d+$/.test(pid) && Number(pid) !== process.pid && isAlive(Number(pid)))
        throw new StoreError(
          `--ledger ${ledgerDir}: the embedded store is in use by process ${pid}; wait for it to finish, stop it, or set DATABASE_URL to share a Postgres server between processes`,
        );
      // The process that held it is gone (it crashed): the lock is stale.
      await rm(lockPath, { force: true });
    }
  }
  throw new StoreError(`--ledger ${ledgerDir}: the embedded store is locked`);
}

/** One round trip to the database (serve's readiness check). */
export async function ping(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
