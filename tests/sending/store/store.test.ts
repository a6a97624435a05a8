/**
 * The live engine in-process: the store (embedded PGlite, or Postgres with DATABASE_URL), the queue, and batch
 * release against the fake Resend. One store per file, each test with its own orders and addresses.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { OrderDocument } from '../../../core/order-document';
import { BATCH_MAX } from '../../../sending/engine/release';
import type { SenderOptions } from '../../../sending/provider/sender';
import { createSequencer, InvalidOrdersError, type Sequencer } from '../../../sending/sequencer';
import { FileLedger } from '../../../sending/store/ledger';
import { STEP_QUEUE } from '../../../sending/store/queue';
import { openStore, StoreError } from '../../../sending/store/store';
import { BACKEND, SERVER_URL, useLiveEngine } from '../../support/databases';
import type { FakeResend } from '../../support/fake-resend';
import { dayOffsetSequence, FUTURE_YEAR, secret, seoulAnyHour } from '../../support/send-fixtures';

const KEY = 're_store_test_key';
const FAST: SenderOptions = {
  ratePerSecond: 0,
  timeoutMs: 1500,
  baseDelayMs: 2,
  maxDelayMs: 10,
  maxAttempts: 3,
};
const FROM = 'Hanok Goods <orders@hanok.example>';
/** Orders whose steps are all still ahead (they stay planned while other tests release theirs). */
const FUTURE = `${FUTURE_YEAR}-01-05T09:30:00+09:00`;

let fake: FakeResend;
let dir: string;
let sequencer: Sequencer;

/** An order of its own: every test uses fresh ids and addresses, so the tests share one store. */
function order(id: string, overrides: { placedAt?: string; email?: string } = {}): OrderDocument {
  return {
    ...seoulAnyHour,
    customer: { ...seoulAnyHour.customer, email: overrides.email ?? `${id}@example.com` },
    order: { ...seoulAnyHour.order, id, placedAt: overrides.placedAt ?? '2026-01-05T09:30:00+09:00' },
  } as OrderDocument;
}
const orders = (prefix: string, n: number, overrides: { placedAt?: string } = {}) =>
  Array.from({ length: n }, (_, i) => order(`${prefix}-${i}`, overrides));

/** Accepted emails per recipient and step (tags name order, template and day): every count must be 1. */
function deliveries(prefix: string): number[] {
  return [...fake.deliveriesTo()].filter(([k]) => k.startsWith(prefix)).map(([, n]) => n);
}

useLiveEngine(
  'send_store',
  {
    apiKey: KEY,
    from: FROM,
    // Every step a fixed day after the order: exact times, and every step of an old order is due.
    sequence: dayOffsetSequence,
    sender: FAST,
  },
  (engine) => {
    ({ fake, sequencer, dir } = engine);
  },
);

describe(`the store on ${BACKEND}`, () => {
  it('plans each order’s steps with their queue jobs, and planning again adds nothing', async () => {
    const docs = orders('plan', 3, { placedAt: FUTURE });
    const first = await sequencer.enqueue(docs, { release: false });
    expect(first.orders.map((o) => o.order)).toEqual(['plan-0', 'plan-1', 'plan-2']);
    const { db } = await sequencer.store();
    const steps = await db.selectFrom('steps').selectAll().where('order_id', 'like', 'plan-%').execute();
    // Seven steps each; the first-order customer is not in the referral step's `returning`.
    expect(steps).toHaveLength(21);
    const planned = steps.filter((s) => s.state === 'planned');
    expect(planned).toHaveLength(18);
    expect(steps.filter((s) => s.state === 'skipped').map((s) => s.reason)).toEqual([
      'when: returning does not match this customer (first-order)',
      'when: returning does not match this customer (first-order)',
      'when: returning does not match this customer (first-order)',
    ]);
    // Release = send time − 1 h (the default window).
    for (const s of planned)
      expect(new Date(s.send_at).getTime() - new Date(s.release_at).getTime()).toBe(3_600_000);
    const jobs = async () =>
      (
        await sql<{
          n: string;
        }>`SELECT count(*) AS n FROM post_purchase_emails_queue.job WHERE name = ${STEP_QUEUE}
          AND data->>'step' LIKE ${'pp/plan-%'}`.execute(db)
      ).rows[0]?.n;
    expect(await jobs()).toBe('18');
    const again = await sequencer.enqueue(docs, { release: false });
    expect(again.orders.map((o) => o.written)).toEqual([0, 0, 0]);
    expect(
      await db.selectFrom('steps').select('id').where('order_id', 'like', 'plan-%').execute(),
    ).toHaveLength(21);
    expect(await jobs()).toBe('18');
    const status = (await sequencer.status({ order: 'plan-1' })).steps;
    expect(status.map((s) => [s.step, s.template, s.state, s.local])).toEqual([
      [1, 'order-confirmation', 'planned', `${FUTURE_YEAR}-01-05T09:30:00+09:00`],
      [2, 'shipping-update', 'planned', `${FUTURE_YEAR}-01-07T09:30:00+09:00`],
      [3, 'thank-you', 'planned', `${FUTURE_YEAR}-01-08T10:00:00+09:00`],
      [4, 'product-instructions', 'planned', `${FUTURE_YEAR}-01-12T10:00:00+09:00`],
      [5, 'review-request', 'planned', `${FUTURE_YEAR}-01-19T10:00:00+09:00`],
      [6, 'cross-sell', 'planned', `${FUTURE_YEAR}-01-26T10:00:00+09:00`],
      [7, 'referral', 'skipped', `${FUTURE_YEAR}-02-02T10:00:00+09:00`],
    ]);
  });

  it('refuses every document when one is invalid, naming its position and field, and plans nothing', async () => {
    const docs: unknown[] = orders('invalid', 3, { placedAt: FUTURE });
    docs[1] = {
      ...(docs[1] as OrderDocument),
      order: { ...(docs[1] as OrderDocument).order, total: 'lots' },
    };
    const error = await sequencer.enqueue(docs).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOrdersError);
    expect((error as InvalidOrdersError).invalid).toEqual([
      { position: 'orders[1]', problems: ['order.total: expected an integer'] },
    ]);
    expect((await sequencer.status({ order: 'invalid-0' })).steps).toEqual([]);
    const skipping = await sequencer.enqueue(docs, { skipInvalid: true, release: false });
    expect(skipping.orders.map((o) => o.order)).toEqual(['invalid-0', 'invalid-2']);
    expect(skipping.invalid.map((i) => i.position)).toEqual(['orders[1]']);
  });

  it('releases due steps in batches of at most 100 under one key each, every step exactly once', async () => {
    const before = fake.batchRequests.length;
    // 17 orders × 6 steps, all in the past: due now, so they go out at once through /emails/batch, a full batch of
    // 100 and one of 2 (more orders would only render more emails).
    const report = await sequencer.enqueue(orders('batch', 17));
    expect(report.released).toMatchObject({ sent: 102, scheduled: 0, failed: [] });
    // By key: a slow answer on a loaded machine may be retried, which Resend (and the fake) answers as a replay.
    const batches = new Map(
      fake.batchRequests.slice(before).map((b) => [String(b.headers['idempotency-key']), b] as const),
    );
    expect([...batches.values()].map((b) => (b.body as unknown[]).length).sort((a, b) => b - a)).toEqual([
      BATCH_MAX,
      2,
    ]);
    for (const key of batches.keys()) expect(key).toMatch(/^batch\/[0-9a-f]{48}$/);
    for (const b of batches.values())
      for (const email of b.body as Record<string, unknown>[])
        expect(email).not.toHaveProperty('scheduled_at');
    expect(deliveries('batch-')).toHaveLength(102);
    expect(deliveries('batch-').every((n) => n === 1)).toBe(true);
    const status = (await sequencer.status({ order: 'batch-7' })).steps;
    expect(status.filter((s) => s.state === 'sent')).toHaveLength(6);
    for (const s of status.filter((s) => s.state === 'sent'))
      expect(fake.emails.find((e) => e.id === s.resendId)?.body.to).toBe('batch-7@example.com');
    const again = await sequencer.work({ once: true });
    expect(again.requests).toBe(0);
  });

  it('replays a batch whose answer was lost whole, under the same key: Resend keeps one copy', async () => {
    await sequencer.enqueue(orders('lost', 2), { release: false });
    // Accepted, but the connection drops before the answer; the retries within the run drop too. (A request
    // that hangs past the timeout is the same case to the sender: tests/sending/engine/release.test.ts times one out.)
    fake.faults.push('reset-after-accept', 'reset', 'reset');
    const first = await sequencer.work({ once: true });
    expect(first.sent).toBe(0);
    expect(first.failed).toHaveLength(12);
    expect(first.failed[0]?.reason).toMatch(/^no response .*\(replayed on the next run\)$/);
    const accepted = fake.emails.length;
    const keyOfLost = fake.batchRequests.at(-1)?.headers['idempotency-key'];
    const replays = fake.replays;
    const second = await sequencer.work({ once: true });
    expect(second).toMatchObject({ sent: 12, replayed: 12, failed: [] });
    expect(fake.batchRequests.at(-1)?.headers['idempotency-key']).toBe(keyOfLost);
    expect(fake.replays).toBe(replays + 1);
    expect(fake.emails.length).toBe(accepted);
    expect(deliveries('lost-').every((n) => n === 1)).toBe(true);
  });

  it('fails only the email Resend rejects; its neighbours in the batch go out', async () => {
    fake.rejectEmail = (body) =>
      body.to === 'reject-1@example.com' ? 'to: this address is not allowed' : undefined;
    try {
      const report = await sequencer.enqueue([order('reject-0'), order('reject-1'), order('reject-2')]);
      expect(report.released?.sent).toBe(12);
      expect(report.released?.failed).toHaveLength(6);
      expect(new Set(report.released?.failed.map((f) => f.order))).toEqual(new Set(['reject-1']));
      const status = (await sequencer.status({ order: 'reject-1' })).steps;
      expect(status.filter((s) => s.state === 'failed').map((s) => s.reason)).toContain(
        'rejected by Resend: to: this address is not allowed',
      );
      expect(
        (await sequencer.status({ order: 'reject-2' })).steps.filter((s) => s.state === 'sent'),
      ).toHaveLength(6);
    } finally {
      fake.rejectEmail = undefined;
    }
  });

  it('stops on a quota error with the steps left planned, and sends them on the next run', async () => {
    await sequencer.enqueue([order('quota-0')], { release: false });
    fake.faults.push({
      status: 429,
      name: 'daily_quota_exceeded',
      message: 'You have reached your daily quota',
    });
    const stopped = await sequencer.work({ once: true });
    expect(stopped.stopped).toMatch(/daily_quota_exceeded/);
    expect(stopped.sent).toBe(0);
    expect(
      (await sequencer.status({ order: 'quota-0' })).steps.filter((s) => s.state === 'planned'),
    ).toHaveLength(6);
    const next = await sequencer.work({ once: true });
    expect(next.sent).toBe(6);
    expect(deliveries('quota-0')).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('checks suppressions at release: marketing scope spares transactional steps, all stops everything', async () => {
    await sequencer.suppress('supp-0@example.com', { scope: 'marketing', reason: 'unsubscribed' });
    await sequencer.suppress('SUPP-1@example.com', { scope: 'all', reason: 'bounced' });
    await sequencer.enqueue([order('supp-0'), order('supp-1')]);
    const s0 = (await sequencer.status({ to: 'supp-0@example.com' })).steps;
    expect(s0.filter((s) => s.state === 'sent').map((s) => s.template)).toEqual([
      'order-confirmation',
      'shipping-update',
      'product-instructions',
    ]);
    expect(s0.filter((s) => s.state === 'skipped').map((s) => s.reason)).toContain(
      'suppressed (marketing: unsubscribed)',
    );
    const s1 = (await sequencer.status({ order: 'supp-1' })).steps;
    expect(s1.filter((s) => s.state === 'sent')).toEqual([]);
    expect((await sequencer.suppressions()).map((s) => [s.email, s.scope])).toEqual([
      ['supp-0@example.com', 'marketing'],
      ['supp-1@example.com', 'all'],
    ]);
  });

  it('hands steps within the release window to Resend with scheduledAt, and keeps later ones waiting', async () => {
    const start = new Date(Date.now() - 1000).toISOString();
    const before = fake.sendRequests.length;
    // A compressed test: one day = 10 minutes, so days 0–3 fall within the hour and days 7+ wait.
    const report = await sequencer.enqueue([order('window')], { start, compressMs: 600_000 });
    expect(report.released).toMatchObject({ sent: 1, scheduled: 2, failed: [] });
    const singles = fake.sendRequests.slice(before).map((r) => r.body as Record<string, unknown>);
    expect(singles.map((b) => typeof b.scheduled_at)).toEqual(['undefined', 'string', 'string'].sort());
    const status = (await sequencer.status({ order: 'window' })).steps;
    expect(status.map((s) => s.state)).toEqual([
      'sent',
      'scheduled',
      'scheduled',
      'planned',
      'planned',
      'planned',
      'skipped',
    ]);
    const scheduled = status.filter((s) => s.state === 'scheduled');
    for (const s of scheduled) {
      const email = fake.emails.find((e) => e.id === s.resendId);
      expect(email?.body.scheduled_at).toBe(s.sendAt);
      expect(email?.idempotencyKey).toMatch(/^pp\/window\//);
    }
  });

  it('cancels an order’s steps that have not gone out, at Resend too when scheduled there', async () => {
    const start = new Date(Date.now() - 1000).toISOString();
    await sequencer.enqueue([order('cancel')], { start, compressMs: 600_000 });
    const result = await sequencer.event({ type: 'order-cancelled', orderId: 'cancel', id: 'evt-cancel-1' });
    expect(result).toMatchObject({ applied: true, cancelled: 5 });
    const status = (await sequencer.status({ order: 'cancel' })).steps;
    expect(status.map((s) => s.state)).toEqual([
      'sent',
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
      'skipped',
    ]);
    const cancelledAtResend = status.filter((s) => s.reason?.includes('cancelled at Resend'));
    expect(cancelledAtResend).toHaveLength(2);
    for (const s of cancelledAtResend)
      expect(fake.emails.find((e) => e.id === s.resendId)?.status).toBe('cancelled');
    // The same event again is recognised and not applied twice.
    expect(
      await sequencer.event({ type: 'order-cancelled', orderId: 'cancel', id: 'evt-cancel-1' }),
    ).toMatchObject({
      applied: false,
    });
  });

  it('supersedes an older order’s marketing steps when the customer orders again', async () => {
    const email = 'again@example.com';
    await sequencer.enqueue([order('first', { email, placedAt: '2026-12-20T09:30:00+09:00' })], {
      release: false,
    });
    await sequencer.enqueue([order('second', { email, placedAt: '2026-12-22T09:30:00+09:00' })], {
      release: false,
    });
    const first = (await sequencer.status({ order: 'first' })).steps;
    expect(
      first
        .filter((s) => s.state === 'skipped' && s.reason === 'superseded by order second')
        .map((s) => s.template),
    ).toEqual(['thank-you', 'review-request', 'cross-sell']);
    expect(first.filter((s) => s.state === 'planned').map((s) => s.template)).toEqual([
      'order-confirmation',
      'shipping-update',
      'product-instructions',
    ]);
  });
  it('serves several sequencers over one store, and leaves it open for its owner when they close', async () => {
    const store = await sequencer.store();
    const brand = (from: string) =>
      createSequencer({ store, from, sequence: dayOffsetSequence, unsubscribeSecret: secret, dryRun: true });
    const hanok = brand(FROM);
    const other = brand('Other Shop <orders@other.example>');
    await hanok.enqueue([order('shared-a', { placedAt: FUTURE })], { release: false });
    await other.enqueue([order('shared-b', { placedAt: FUTURE })], { release: false });
    await hanok.close();
    // One store: the other sequencer still works after the first closed, and sees both orders.
    expect((await other.status({ order: 'shared-a' })).steps).toHaveLength(7);
    const senders = await store.db
      .selectFrom('steps')
      .select(['order_id', 'sender'])
      .distinct()
      .where('order_id', 'like', 'shared-%')
      .orderBy('order_id')
      .execute();
    expect(senders).toEqual([
      { order_id: 'shared-a', sender: FROM },
      { order_id: 'shared-b', sender: 'Other Shop <orders@other.example>' },
    ]);
    await other.close();
    // Still open: the file's own sequencer, its owner, goes on using it.
    expect((await sequencer.status({ order: 'shared-b' })).steps).toHaveLength(7);
  });
});

describe.runIf(!SERVER_URL)('opening the embedded store', () => {
  it('imports an old ledger.jsonl once, with states, Resend ids and payloads; a dead process’s claims lapse at open', async () => {
    const ledgerDir = join(dir, 'old');
    const old = await FileLedger.open(ledgerDir);
    const base = {
      orderId: 'old-1',
      template: 'order-confirmation',
      day: 0,
      to: 'old@example.com',
      sendAt: '2026-01-01T00:00:00.000Z',
      local: '2026-01-01T09:00:00+09:00',
      payload: { from: FROM, to: 'old@example.com', subject: 'Hi', html: '<p>Hi</p>', text: 'Hi', tags: [] },
      recordedAt: '2026-01-01T00:00:00.000Z',
    };
    await old.record({
      ...base,
      id: 'pp/old-1/a',
      idempotencyKey: 'k-a',
      step: 1,
      status: 'sent',
      resendId: 're-1',
    });
    await old.record({ ...base, id: 'pp/old-1/b', idempotencyKey: 'k-b', step: 2, status: 'pending' });
    await old.close();
    const store = await openStore({ ledgerDir });
    expect(store.imported).toBe(2);
    const rows = await store.db
      .selectFrom('steps')
      .select(['id', 'state', 'resend_id'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 'pp/old-1/a', state: 'sent', resend_id: 're-1' },
      { id: 'pp/old-1/b', state: 'planned', resend_id: null },
    ]);
    // A step claimed for five minutes by a process about to die.
    await store.db
      .updateTable('steps')
      .set({ state: 'sending', lease_until: sql`now() + interval '5 minutes'` })
      .where('id', '=', 'pp/old-1/b')
      .execute();
    await store.close();
    const reopened = await openStore({ ledgerDir });
    expect(reopened.imported).toBe(0);
    // The embedded store is one process's: whoever opens it next owns every claim, so they lapse at once.
    const claimed = await reopened.db
      .selectFrom('steps')
      .select(['state', sql<boolean>`lease_until < now()`.as('lapsed')])
      .where('id', '=', 'pp/old-1/b')
      .executeTakeFirst();
    expect(claimed).toEqual({ state: 'sending', lapsed: true });
    await reopened.close();
  }, 120_000);

  it('names a locked or unreadable store in one line', async () => {
    const locked = join(dir, 'locked');
    await rm(locked, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(locked, { recursive: true }));
    // A live process (our parent) holds the lock.
    await writeFile(join(locked, 'store.lock'), String(process.ppid));
    const error = await openStore({ ledgerDir: locked }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(
      /^--ledger .*locked: the embedded store is in use by process \d+;/,
    );
    expect((error as Error).message.split('\n')).toHaveLength(1);

    const corrupt = join(dir, 'corrupt');
    await import('node:fs/promises').then((fs) => fs.mkdir(join(corrupt, 'pgdata'), { recursive: true }));
    await writeFile(join(corrupt, 'pgdata', 'PG_VERSION'), 'not a database\n');
    const broken = await openStore({ ledgerDir: corrupt }).catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(StoreError);
    expect((broken as Error).message).toMatch(
      /^--ledger .*corrupt: the embedded database in .* cannot be opened/,
    );
  }, 120_000);

  it('names a bad DATABASE_URL in one line, without its password', async () => {
    const error = await openStore({ databaseUrl: 'postgres://me:hunter2@127.0.0.1:1/nothing' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(
      /^DATABASE_URL postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/nothing: cannot connect/,
    );
    expect((error as Error).message).not.toContain('hunter2');
    const notUrl = await openStore({ databaseUrl: 'mysql://x' }).catch((e: unknown) => e);
    expect((notUrl as Error).message).toMatch(/expected a postgres:\/\/ URL/);
  });
});
