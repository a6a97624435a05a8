/**
 * A database of its own on a Postgres server, for a benchmark run: created empty under a fresh name, and
 * dropped (its connections closed) when the run is done.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type ScratchDatabase = Readonly<{ url: string; drop: () => Promise<void> }>;

/** `prefix` names it (`<prefix>_<8 hex>`): letters, digits and underscores only. */
export async function createScratchDatabase(server: string, prefix: string): Promise<ScratchDatabase> {
  if (!/^[a-z][a-z0-9_]*$/.test(prefix)) throw new Error(`prefix: expected [a-z][a-z0-9_]*, got "${prefix}"`);
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await onServer(server, `CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function onServer(server: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
