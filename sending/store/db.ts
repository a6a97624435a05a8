/**
 * The store's handle as the engine sees it: a database it passes back to the store's functions, and a transaction
 * around several of them. The engine never writes SQL; every statement is a named function in this folder.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** The store's database, or a transaction on it: every store function takes either. */
export type Db = Kysely<Database>;

/** Runs `work` in one transaction: its statements commit together or not at all. */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
