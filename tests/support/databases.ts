/**
 * The databases of the store tests, and the live engine a store test file shares between its tests.
 * `DATABASE_URL` names a Postgres server other test runs share at the same time, so every test file creates its
 * own uniquely named database and drops it afterwards. Without it, only the embedded PGlite backend is tested.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { resendApi } from '../../sending/resend-sender';
import { createSequencer, type Sequencer, type SequencerOptions } from '../../sending/sequencer';
import { FakeResend } from './fake-resend';

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
  /** The file's own temporary directory (an embedded store lives in `ledger/` under it); removed on close. */
  dir: string;
  /** The file's own database on the DATABASE_URL server (more sequencers may open it: several workers). */
  databaseUrl?: string;
  close: () => Promise<void>;
}>;

export type LiveEngineOptions = Omit<SequencerOptions, 'databaseUrl' | 'ledgerDir' | 'api' | 'apiKey'> &
  Readonly<{ apiKey: string }>;

/**
 * One live engine per test file, opened once in `beforeAll` (opening a store costs seconds): the fake Resend,
 * with the SDK pointed at it through RESEND_BASE_URL; a store of the file's own (its own database on the
 * DATABASE_URL server, else an embedded PGlite in a temporary directory); and one sequencer over both, its
 * store already open. Tests share it, each with its own order ids and addresses. `close` undoes all of it,
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
    ...(database ? { databaseUrl: database.url } : { ledgerDir: join(dir, 'ledger') }),
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
