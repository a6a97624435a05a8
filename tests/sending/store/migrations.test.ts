/**
 * Migration 5 on a store an earlier version filled: a test send recorded under the live order (a step to another
 * address than the customer's) becomes a run of its own, its step id kept, so re-running the same command still
 * sends nothing twice; the live order keeps its own steps.
 *
 * The earlier store is built in a schema of its own inside the test worker's embedded database, in one
 * transaction rolled back at the end: a new database would cost PGlite's initdb, seconds of CPU.
 */
import type { PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../sending/store/migrations';
import { embeddedStore } from '../../support/databases';

let db: PoolClient;

beforeAll(async () => {
  db = await (await embeddedStore()).pool.connect();
  await db.query('BEGIN');
  await db.query('CREATE SCHEMA before_migration_5');
  await db.query('SET LOCAL search_path TO before_migration_5');
  for (const m of MIGRATIONS.filter((m) => m.version < 5)) await db.query(m.sql);
  await db.query(`
    INSERT INTO orders (id, document, customer_email, placed_at, sequence, rules, cancelled)
    VALUES ('ord_1', '{"order":{"id":"ord_1"}}', 'Jisoo@example.com', now(), 'post-purchase', '{}', 'order cancelled');
    INSERT INTO steps (id, order_id, step, template, kind, day, state, send_at, local_time, release_at, recipient,
                       sender, idempotency_key)
    VALUES ('pp/ord_1/d0-order-confirmation/aaa', 'ord_1', 1, 'order-confirmation', 'transactional', 0, 'sent',
            now(), 'x', now(), 'jisoo@example.com', 's', 'k1'),
           ('pp/ord_1/d0-order-confirmation/bbb', 'ord_1', 1, 'order-confirmation', 'transactional', 0, 'sent',
            now(), 'x', now(), 'Me@Shop.example', 's', 'k2'),
           ('pp/ord_1/d3-thank-you/bbb', 'ord_1', 2, 'thank-you', 'marketing', 3, 'cancelled',
            now(), 'x', now(), 'me@shop.example', 's', 'k3');`);
  const five = MIGRATIONS.find((m) => m.version === 5);
  if (!five) throw new Error('no migration 5');
  await db.query(five.sql);
}, 60_000);

afterAll(async () => {
  await db?.query('ROLLBACK');
  db?.release();
});

describe('migration 5', () => {
  it('moves earlier test sends into runs of their own, ids kept; the live order keeps its steps', async () => {
    const steps = await db.query<{ id: string; order_id: string; test: boolean }>(
      'SELECT id, order_id, test FROM steps ORDER BY id',
    );
    expect(steps.rows).toEqual([
      { id: 'pp/ord_1/d0-order-confirmation/aaa', order_id: 'ord_1', test: false },
      { id: 'pp/ord_1/d0-order-confirmation/bbb', order_id: 'test:ord_1:me@shop.example', test: true },
      { id: 'pp/ord_1/d3-thank-you/bbb', order_id: 'test:ord_1:me@shop.example', test: true },
    ]);
    const run = await db.query<{
      test_of: string;
      test_to: string;
      cancelled: string;
      customer_email: string;
    }>(
      `SELECT test_of, test_to, cancelled, customer_email FROM orders WHERE id = 'test:ord_1:me@shop.example'`,
    );
    expect(run.rows).toEqual([
      {
        test_of: 'ord_1',
        test_to: 'me@shop.example',
        cancelled: 'order cancelled',
        customer_email: 'me@shop.example',
      },
    ]);
    const audit = await db.query('SELECT * FROM suppression_audit');
    expect(audit.rows).toEqual([]);
  });
});
