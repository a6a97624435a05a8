/**
 * The databases of the store tests, and the live engine a store test file shares between its tests.
 * `DATABASE_URL` names a Postgres server other test runs share at the same time, so every test file creates its
 * own uniquely named database and drops it afterwards. Without it, only the embedded PGlite backend is tested.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { resendApi } from '../../sending/provider/resend/api';
import type { SenderOptions } from '../../sending/provider/sender';
import { createSequencer, type Sequencer, type SequencerOptions } from '../../sending/sequencer';
import { openStore, type Store } from '../../sending/store/store';
import { FakeResend } from './fake-resend';
import { secret } from './send-fixtures';

export const SERVER_URL = process.env.DATABASE_URL?.trim() || undefined;

export type TestDatabase = Readonly<{ url: string; drop: () => Promise<void> }>;

export async function createDatabase(prefix: string): Promise<TestDatabase> {
  if (!SERVER_URL) throw new Error('createDatabase needs DATABASE_URL');
  const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: SERVER_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * The backend a store test runs on: the embedded PGlite (`npm test`), or Postgres when DATABASE_URL is set
 * (CI runs the store tests a second time that way).
 */
export const BACKEND = SERVER_URL ? 'Postgres' : 'embedded PGlite';

/** What a store test file shares between its tests: the fake Resend, the store, one sequencer over both. */
export type LiveEngine = Readonly<{
  fake: FakeResend;
  sequencer: Sequencer;
  /** The file's own temporary directory; removed on close. */
  dir: string;
  /** The file's own database on the DATABASE_URL server (more sequencers may open it: several workers). */
  databaseUrl?: string;
  close: () => Promise<void>;
}>;

export type LiveEngineOptions = Omit<SequencerOptions, 'databaseUrl' | 'ledgerDir' | 'api' | 'apiKey'> &
  Readonly<{ apiKey: string }>;

/**
 * One live engine per test file, opened once in `beforeAll` (opening a store costs seconds): the fake Resend,
 * with the SDK pointed at it through RESEND_BASE_URL; a store (its own database on the DATABASE_URL server, else
 * the worker's embedded PGlite, emptied for the file: see `embeddedStore`); and one sequencer over both, its store
 * already open. Tests share it, each with its own order ids and addresses. `close` undoes all of it,
 * RESEND_BASE_URL included, so the next file in the same worker starts clean.
 */
export async function openLiveEngine(name: string, options: LiveEngineOptions): Promise<LiveEngine> {
  const previousBaseUrl = process.env.RESEND_BASE_URL;
  const fake = await FakeResend.start({ apiKey: options.apiKey });
  process.env.RESEND_BASE_URL = fake.url;
  const dir = await mkdtemp(join(tmpdir(), `${name.replaceAll('_', '-')}-`));
  const database = SERVER_URL ? await createDatabase(name) : undefined;
  const sequencer = createSequencer({
    ...options,
    ...(database ? { databaseUrl: database.url } : { store: await embeddedStore() }),
    api: resendApi(options.apiKey),
  });
  await sequencer.store();
  return {
    fake,
    sequencer,
    dir,
    ...(database ? { databaseUrl: database.url } : {}),
    close: async () => {
      await sequencer.close();
      await database?.drop();
      await fake.close();
      await rm(dir, { recursive: true, force: true });
      if (previousBaseUrl === undefined) delete process.env.RESEND_BASE_URL;
      else process.env.RESEND_BASE_URL = previousBaseUrl;
    },
  };
}

/**
 * The sender's options for tests against the fake Resend, which answers at once: no pacing, and retries a few
 * milliseconds apart. (The tests of pacing, backoff and timeouts set their own.)
 */
export const QUICK_SENDER = {
  ratePerSecond: 0,
  baseDelayMs: 1,
  maxDelayMs: 5,
  maxAttempts: 3,
} as const satisfies SenderOptions;

/** What a file says about its engine: the key, and any option where it differs from the shop the tests send as. */
export type FileEngineOptions = Partial<LiveEngineOptions> & Readonly<{ apiKey: string }>;

/**
 * The file's live engine (openLiveEngine), opened before its tests and closed after them: Hanok Goods as the
 * sender, the tests' unsubscribe secret and QUICK_SENDER unless `options` says otherwise. `opened` gets it (to
 * keep its parts in the file's variables); hooks the file registers afterwards run with the engine open.
 */
export function useLiveEngine(
  name: string,
  options: FileEngineOptions,
  opened: (engine: LiveEngine) => unknown = () => {},
): void {
  let engine: LiveEngine | undefined;
  beforeAll(async () => {
    engine = await openLiveEngine(name, {
      from: 'Hanok Goods <orders@hanok.example>',
      unsubscribeSecret: secret,
      sender: QUICK_SENDER,
      ...options,
    });
    await opened(engine);
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
  });
}

/** The embedded store the live-engine files of one test worker share (vitest runs them one after another). */
let shared: Promise<Store> | undefined;

/**
 * The worker's embedded store, emptied: every table of ours but the migrations' record, and pg-boss's jobs (its
 * queue definitions stay). Opening a PGlite store costs about two seconds of CPU; opened once per worker rather
 * than once per file, it keeps `npm test` within its minute. A file sees the store as new: no steps, orders,
 * suppressions, events or jobs of another file. (Opening a store from scratch is tested on its own, in
 * tests/sending/store/store.test.ts and tests/sending/cli/send-command.test.ts.) The worker's exit leaves the
 * store behind, in a temporary directory removed then.
 */
export async function embeddedStore(): Promise<Store> {
  shared ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'live-engine-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return openStore({ ledgerDir: join(dir, 'ledger') });
  })();
  const store = await shared;
  const { rows } = await store.pool.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
      WHERE (schemaname = $1 AND tablename <> 'schema_migrations')
         OR (schemaname = $2 AND tablename IN ('job', 'archive'))`,
    [store.schema, store.queueSchema],
  );
  if (rows.length) await store.pool.query(`TRUNCATE ${rows.map((r) => r.name).join(', ')} CASCADE`);
  return store;
}
