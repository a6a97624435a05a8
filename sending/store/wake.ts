/**
 * Waking the worker when steps come due, instead of letting it poll: the planning transaction sends a NOTIFY
 * (delivered at its commit, to every process listening on the database), and a worker on a Postgres server
 * LISTENs on its own connection. The embedded store belongs to one process (its lock file says so): there the
 * sequencer wakes its own worker in-process, and the NOTIFY is simply not heard.
 */
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

/** The channel: one per database (a worker releases only its own database's steps). */
export const DUE_CHANNEL = 'post_purchase_emails_due';

/** Inside the transaction that queued due jobs: listeners hear it once the transaction commits. */
export async function notifyDue(trx: Kysely<Database>): Promise<void> {
  await sql`SELECT pg_notify(${DUE_CHANNEL}, '')`.execute(trx);
}

export type DueListener = Readonly<{
  /** False once the connection is gone (the database restarted): open another. */
  alive(): boolean;
  close(): Promise<void>;
}>;

/**
 * A dedicated connection (not one of the pool's, which it would hold for ever) that LISTENs and calls `onDue`
 * for each notification. Rejects when the database cannot be reached; the worker then falls back to its poll.
 */
export async function listenForDue(connectionString: string, onDue: () => void): Promise<DueListener> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
  let alive = true;
  client.on('error', () => {
    alive = false;
  });
  client.on('end', () => {
    alive = false;
  });
  client.on('notification', (message) => {
    if (message.channel === DUE_CHANNEL) onDue();
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${DUE_CHANNEL}`);
  } catch (error) {
    alive = false;
    await client.end().catch(() => {});
    throw error;
  }
  return {
    alive: () => alive,
    close: async () => {
      alive = false;
      await client.end().catch(() => {});
    },
  };
}
