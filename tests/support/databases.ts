/**
 * Postgres for the store tests. `DATABASE_URL` names a server other test runs share at the same time, so every
 * test file creates its own uniquely named database and drops it afterwards. Without it, only the embedded
 * PGlite backend is tested.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

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
