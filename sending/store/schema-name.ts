/**
 * Where the store lives in a Postgres database: every table of ours in one schema (`DATABASE_SCHEMA`, default
 * `post_purchase_emails`) and pg-boss's queue in a second one named from it (`<schema>_queue`), so the store can
 * share a shop's database without touching its tables.
 */
export const DEFAULT_SCHEMA = 'post_purchase_emails';

/** Where an earlier version kept the queue (tables in `public`, pg-boss in `pgboss`). */
export const LEGACY_QUEUE_SCHEMA = 'pgboss';

/**
 * A plain lower-case identifier, so it never needs quoting and `<schema>_queue` still fits Postgres's 63 bytes;
 * not `pg_…` (reserved) nor `public` or `pgboss` (where earlier stores lived).
 */
export function schemaNameProblem(name: string): string | undefined {
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    return 'expected a lower-case identifier: letters a–z, digits and _, not starting with a digit';
  if (name.length > 57) return 'at most 57 characters (the queue schema adds _queue)';
  if (name.startsWith('pg_')) return 'names starting with pg_ are reserved by Postgres';
  if (name === 'public' || name === LEGACY_QUEUE_SCHEMA || name === 'information_schema')
    return `"${name}" is not the store's own schema; pick another name`;
  return undefined;
}

export const queueSchemaOf = (schema: string): string => `${schema}_queue`;
