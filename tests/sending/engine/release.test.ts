/**
 * The release path against Resend's failures (sending/engine/release.ts through sending/provider/sender.ts): what reaches
 * Resend, pacing under a rate limit, retries with backoff on 429, 5xx, timeouts and dropped connections, a 4xx
 * that is never retried, and a request whose answer was lost. One store for the file (embedded PGlite, or
 * Postgres with DATABASE_URL); each test plans its own orders without releasing them, then releases with a
 * Sender of its own options through `release()`, so every test here leaves no due step behind it.
 */
import type PgBoss from 'pg-boss';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type OrderDocument, orderDocumentSchema } from '../../../core/order-document';
import { release } from '../../../sending/engine/release';
import { stopForAddress } from '../../../sending/engine/stops';
import { resendApi } from '../../../sending/provider/resend/api';
import { type EmailApi, Sender, type SenderOptions } from '../../../sending/provider/sender';
import type { Sequencer } from '../../../sending/sequencer';
import { openQueue } from '../../../sending/store/queue';
import type { Store } from '../../../sending/store/store';
import { BACKEND, useLiveEngine } from '../../support/databases';
import { FakeResend } from '../../support/fake-resend';
import { dayOffsetSequence, PACING_HOP_MS, secret, seoulAnyHour } from '../../support/send-fixtures';

const KEY = 're_release_test_key';
const FAST: SenderOptions = {
  ratePerSecond: 0,
  // Long enough for a batch of 100 on a loaded machine; the tests of a hanging request shorten it.
  timeoutMs: 15_000,
  baseDelayMs: 2,
  maxDelayMs: 10,
  maxAttempts: 6,
};
/** One sequence day lasts ten minutes: days 0–3 fall within the default release window of an hour. */
const COMPRESS_MS = 600_000;
const TRANSACTIONAL = ['order-confirmation', 'shipping-update'];

let fake: FakeResend;
let sequencer: Sequencer;
let store: Store;
let boss: PgBoss;

function order(id: string): OrderDocument {
  return {
    ...seoulAnyHour,
    customer: { ...seoulAnyHour.customer, email: `${id}@example.com` },
    order: { ...seoulAnyHour.order, id, placedAt: '2026-01-05T09:30:00+09:00' },
  } as OrderDocument;
}

/** `n` minutes from now, as day 0 of a compressed test send. */
const inMinutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

/**
 * Releases every due step through `fake` (or another fake), with a Sender of these options; `leaving` records
 * the moment each request leaves the sender (after its pacing).
 */
function releaseWith(options: SenderOptions = {}, through: FakeResend = fake, leaving: number[] = []) {
  const previous = process.env.RESEND_BASE_URL;
  process.env.RESEND_BASE_URL = through.url;
  // The SDK reads its base URL when the client is made.
  const sdk = resendApi(KEY);
  process.env.RESEND_BASE_URL = previous;
  const api: EmailApi = {
    batch: (payloads, o) => {
      leaving.push(performance.now());
      return sdk.batch(payloads, o);
    },
    send: (payload, o) => {
      leaving.push(performance.now());
      return sdk.send(payload, o);
    },
    cancel: (id, o) => sdk.cancel(id, o),
  };
  return release({
    db: store.db,
    boss,
    sender: new Sender(api, { ...FAST, ...options }),
    unsubscribeSecret: secret,
  });
}

/** Accepted emails per idempotency key since `from` (an index into `emails`): every value must be 1. */
function acceptedPerKey(emails: FakeResend['emails'], from = 0): number[] {
  const counts = new Map<string, number>();
  for (const e of emails.slice(from)) {
    const key = `${e.idempotencyKey}|${String(e.body.to)}|${JSON.stringify(e.body.tags)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.values()];
}

useLiveEngine(
  'send_release',
  {
    apiKey: KEY,
    sequence: dayOffsetSequence,
    sender: FAST,
  },
  async (engine) => {
    ({ fake, sequencer } = engine);
    store = await sequencer.store();
    boss = await openQueue(store.pool);
  },
);

beforeEach(() => {
  fake.faults.length = 0;
  fake.faultFor = undefined;
});

describe(`releasing to Resend (${BACKEND})`, () => {
  it('hands Resend each rendered email under the key, with its tags and, for marketing, one-click unsubscribe headers', async () => {
    await sequencer.enqueue([order('payload-0')], { release: false });
    const before = fake.batchRequests.length;
    const report = await releaseWith();
    expect(report).toMatchObject({ sent: 6, failed: [] });
    const [request] = fake.batchRequests.slice(before);
    expect(fake.batchRequests.length - before).toBe(1);
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.headers['idempotency-key']).toMatch(/^batch\/[0-9a-f]{48}$/);
    const emails = request?.body as Record<string, unknown>[];
    const status = (await sequencer.status({ order: 'payload-0' })).steps;
    const planned = new Map(
      (
        await store.db
          .selectFrom('steps')
          .select(['template', 'day', 'kind'])
          .where('order_id', '=', 'payload-0')
          .execute()
      ).map((s) => [s.template, s]),
    );
    // Every step that went out is in the one batch, and some are marketing.
    expect(emails.map((e) => (e.tags as { value: string }[])[0]?.value).sort()).toEqual(
      status
        .filter((s) => s.state === 'sent')
        .map((s) => s.template)
        .sort(),
    );
    expect(status.filter((s) => s.state === 'sent' && s.kind === 'marketing').length).toBeGreaterThan(0);
    for (const email of emails) {
      const [template, orderTag, step] = email.tags as { name: string; value: string }[];
      expect(email).toMatchObject({
        from: 'Hanok Goods <orders@hanok.example>',
        to: 'payload-0@example.com',
      });
      expect(email.subject).toEqual(expect.any(String));
      expect(String(email.html)).toContain('<html');
      expect(String(email.text).length).toBeGreaterThan(0);
      expect(orderTag).toEqual({ name: 'order', value: 'payload-0' });
      const row = planned.get(template?.value ?? '');
      expect(row?.kind).toMatch(/^(transactional|marketing)$/);
      expect(step).toEqual({ name: 'step', value: String(row?.day) });
      const headers = (email.headers ?? {}) as Record<string, string>;
      if (row?.kind === 'transactional') expect(headers).not.toHaveProperty('List-Unsubscribe');
      else {
        expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
        expect(headers['List-Unsubscribe']).toContain('payload-0%40example.com');
      }
    }
  });

  it("renders a document kept under today's schema without parsing it again, and parses one kept under another", async () => {
    await sequencer.enqueue([order('schema-today'), order('schema-older')], { release: false });
    const kept = await store.db
      .selectFrom('orders')
      .select(['id', 'document_schema'])
      .where('id', 'in', ['schema-today', 'schema-older'])
      .execute();
    expect(kept.map((o) => o.document_schema)).toEqual([expect.any(String), expect.any(String)]);
    // As a document written by an older release of the package (or before the fingerprint was kept) looks.
    await store.db
      .updateTable('orders')
      .set({ document_schema: null })
      .where('id', '=', 'schema-older')
      .execute();
    const parses = vi.spyOn(orderDocumentSchema, 'safeParse');
    try {
      const report = await releaseWith();
      expect(report).toMatchObject({ sent: 12, failed: [] });
      // One parse for the older document (its six steps share it), none for today's.
      expect(parses).toHaveBeenCalledTimes(1);
    } finally {
      parses.mockRestore();
    }
  });

  it('gets every email accepted exactly once through a 429 storm, waiting what retry-after says', async () => {
    await sequencer.enqueue(
      Array.from({ length: 20 }, (_, i) => order(`storm-${i}`)),
      { release: false },
    );
    const before = fake.batchRequests.length;
    const accepted = fake.emails.length;
    let n = 0;
    fake.faultFor = () =>
      ++n % 3 === 0
        ? undefined
        : { status: 429, name: 'rate_limit_exceeded', headers: { 'retry-after': '0.05' } };
    const waits: number[] = [];
    const report = await releaseWith({ onRetry: ({ delayMs }) => waits.push(delayMs) });
    // 120 steps: two batches; two of every three requests are refused.
    expect(report).toMatchObject({ sent: 120, failed: [] });
    expect(fake.batchRequests.length - before).toBe(6);
    expect(waits).toEqual([50, 50, 50, 50]);
    expect(fake.emails.length - accepted).toBe(120);
    expect(acceptedPerKey(fake.emails, accepted).every((n) => n === 1)).toBe(true);
  });

  it('stays under a real rate limit: follows ratelimit-remaining, and waits out the 429s it still gets', async () => {
    const limited = await FakeResend.start({
      apiKey: KEY,
      rateLimit: { limit: 2, windowMs: 300, retryAfter: '0.3' },
    });
    try {
      // Three orders × two transactional steps, each within the window but ahead of its time: six single
      // requests with scheduledAt.
      const start = inMinutes(5);
      await sequencer.enqueue(['limit-0', 'limit-1', 'limit-2'].map(order), {
        start,
        compressMs: COMPRESS_MS,
        only: TRANSACTIONAL,
        release: false,
      });
      const report = await releaseWith({ maxAttempts: 10 }, limited);
      expect(report).toMatchObject({ scheduled: 6, failed: [] });
      expect(limited.emails).toHaveLength(6);
      expect(acceptedPerKey(limited.emails).every((n) => n === 1)).toBe(true);
      // At most two per 300 ms: six requests span at least two more windows.
      const times = limited.emails.map((e) => e.createdAt).sort((a, b) => a - b);
      expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(600);
    } finally {
      await limited.close();
    }
  });

  it('paces requests at the configured rate: never more in any second, never two closer than half the interval', async () => {
    const start = inMinutes(5);
    await sequencer.enqueue(['pace-0', 'pace-1'].map(order), {
      start,
      compressMs: COMPRESS_MS,
      only: TRANSACTIONAL,
      release: false,
    });
    const leaving: number[] = [];
    const report = await releaseWith({ ratePerSecond: 2 }, fake, leaving);
    expect(report).toMatchObject({ scheduled: 4, requests: 4, failed: [] });
    // 2 requests/s (with the sender's 2 % margin): at most 2 in any 1.02 s, counted from when each really left,
    // and consecutive ones at least half the interval (255 ms) apart, less the event-loop hops (PACING_HOP_MS).
    expect(leaving).toHaveLength(4);
    for (let k = 1; k < leaving.length; k++)
      expect((leaving[k] ?? 0) - (leaving[k - 1] ?? 0)).toBeGreaterThanOrEqual(255 - PACING_HOP_MS);
    for (let k = 2; k < leaving.length; k++)
      expect((leaving[k] ?? 0) - (leaving[k - 2] ?? 0)).toBeGreaterThanOrEqual(1020 - PACING_HOP_MS);
  });

  it('retries a 500, a reset connection and a request that hangs past the timeout', async () => {
    await sequencer.enqueue([order('retry-0')], { release: false });
    const before = fake.batchRequests.length;
    const accepted = fake.emails.length;
    fake.faults.push({ status: 500, name: 'internal_server_error' }, 'reset', 'hang');
    const reasons: string[] = [];
    const report = await releaseWith({ timeoutMs: 1000, onRetry: ({ reason }) => reasons.push(reason) });
    expect(report).toMatchObject({ sent: 6, failed: [] });
    expect(reasons).toEqual([
      expect.stringMatching(/^500 internal_server_error/),
      expect.stringMatching(/^no response/),
      'timed out after 1000 ms',
    ]);
    expect(fake.batchRequests.length - before).toBe(4);
    expect(fake.emails.length - accepted).toBe(6);
  });

  it('does not duplicate emails whose answer was lost: the retry replays the same key and body', async () => {
    await sequencer.enqueue([order('lost-0')], { release: false });
    const before = fake.batchRequests.length;
    const accepted = fake.emails.length;
    const replays = fake.replays;
    fake.faults.push('hang-after-accept', 'reset-after-accept');
    const report = await releaseWith({ timeoutMs: 1000 });
    expect(report).toMatchObject({ sent: 6, failed: [] });
    const requests = fake.batchRequests.slice(before);
    expect(requests).toHaveLength(2);
    expect(new Set(requests.map((r) => r.raw)).size).toBe(1);
    expect(new Set(requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(fake.replays).toBe(replays + 1);
    expect(fake.emails.length - accepted).toBe(6);
    const status = (await sequencer.status({ order: 'lost-0' })).steps;
    expect(status.filter((s) => s.state === 'sent').map((s) => s.resendId)).toEqual(
      expect.arrayContaining(fake.emails.slice(accepted).map((e) => e.id)),
    );
  });

  it('never retries a 4xx that rejects the payload; the other steps go on; planning again sends only the failed one', async () => {
    fake.faultFor = (_n, body) =>
      (body.tags as { value: string }[] | undefined)?.[0]?.value === 'shipping-update'
        ? { status: 422, name: 'validation_error', message: 'Invalid `to` field.' }
        : undefined;
    const start = inMinutes(5);
    const options = { start, compressMs: COMPRESS_MS, only: TRANSACTIONAL, release: false };
    await sequencer.enqueue([order('reject-0')], options);
    const before = fake.sendRequests.length;
    const first = await releaseWith();
    expect(first.scheduled).toBe(1);
    expect(first.failed).toEqual([
      expect.objectContaining({
        template: 'shipping-update',
        reason: '422 validation_error: Invalid `to` field.',
      }),
    ]);
    const forShipping = () =>
      fake.sendRequests
        .slice(before)
        .filter((r) => r.headers['idempotency-key']?.includes('shipping-update'));
    expect(forShipping()).toHaveLength(1);

    fake.faultFor = undefined;
    const again = await sequencer.enqueue([order('reject-0')], options);
    expect(again.orders[0]?.written).toBe(1);
    const sentBefore = fake.sendRequests.length;
    const second = await releaseWith();
    expect(second).toMatchObject({ scheduled: 1, failed: [] });
    expect(fake.sendRequests.length - sentBefore).toBe(1);
    expect(forShipping()).toHaveLength(2);
    const status = (await sequencer.status({ order: 'reject-0' })).steps;
    expect(status.filter((s) => TRANSACTIONAL.includes(s.template)).map((s) => s.state)).toEqual([
      'scheduled',
      'scheduled',
    ]);
  });

  it('replays the recorded request after a lost answer even if the order was planned again since: no 409', async () => {
    const options = { compressMs: COMPRESS_MS, only: ['order-confirmation'], release: false };
    await sequencer.enqueue([order('replan-0')], { ...options, start: inMinutes(10) });
    const [planned] = (await sequencer.status({ order: 'replan-0' })).steps;
    // Accepted, but every answer is lost: the outcome is unknown, the step waits to be replayed.
    fake.faults.push('reset-after-accept', 'reset', 'reset');
    const first = await releaseWith({ maxAttempts: 3 });
    expect(first.failed).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/replayed on the next run/) }),
    ]);
    // The same order again with another day 0: a fresh request would carry another scheduledAt (→ 409).
    await sequencer.enqueue([order('replan-0')], { ...options, start: inMinutes(20) });
    const replays = fake.replays;
    const accepted = fake.emails.filter((e) => e.body.to === 'replan-0@example.com');
    const second = await releaseWith();
    expect(second).toMatchObject({ scheduled: 1, replayed: 1, failed: [] });
    expect(fake.replays).toBe(replays + 1);
    expect(accepted).toHaveLength(1);
    expect(fake.emails.filter((e) => e.body.to === 'replan-0@example.com')).toHaveLength(1);
    const [step] = (await sequencer.status({ order: 'replan-0' })).steps;
    expect(step).toMatchObject({ state: 'scheduled', sendAt: planned?.sendAt, resendId: accepted[0]?.id });
    expect(accepted[0]?.body.scheduled_at).toBe(planned?.sendAt);
  });

  it('cancels at Resend a scheduled step whose answer was lost, once the replay finds its id', async () => {
    const options = { compressMs: COMPRESS_MS, only: ['order-confirmation'], release: false };
    await sequencer.enqueue([order('lostcancel-0')], { ...options, start: inMinutes(20) });
    fake.faults.push('reset-after-accept', 'reset', 'reset');
    const first = await releaseWith({ maxAttempts: 3 });
    expect(first.failed).toHaveLength(1);
    // Cancelled while the step's outcome is unknown: it may be at Resend, so it cannot simply be skipped.
    await sequencer.event({ type: 'order-cancelled', orderId: 'lostcancel-0', id: 'evt-lostcancel' });
    const second = await releaseWith();
    expect(second).toMatchObject({ scheduled: 1, replayed: 1 });
    const emails = fake.emails.filter((e) => e.body.to === 'lostcancel-0@example.com');
    expect(emails).toHaveLength(1);
    expect(emails[0]?.status).toBe('cancelled');
    const [step] = (await sequencer.status({ order: 'lostcancel-0' })).steps;
    expect(step).toMatchObject({ state: 'cancelled', resendId: emails[0]?.id });
    expect(step?.reason).toContain('cancelled at Resend');
  });

  it('without a Resend client, a stop leaves a scheduled email at Resend as it is and says so on the step', async () => {
    const options = { compressMs: COMPRESS_MS, only: ['order-confirmation'], release: false };
    await sequencer.enqueue([order('nokey-0')], { ...options, start: inMinutes(20) });
    expect(await releaseWith()).toMatchObject({ scheduled: 1, failed: [] });
    const result = await stopForAddress(store.db, undefined, 'nokey-0@example.com', 'all', 'bounced');
    expect(result).toMatchObject({ skipped: 0, cancelledAtResend: 0 });
    expect(result.failed).toEqual([expect.stringContaining('no Resend client to cancel it with')]);
    const [step] = (await sequencer.status({ order: 'nokey-0' })).steps;
    expect(step).toMatchObject({
      state: 'scheduled',
      reason: 'bounced; not cancelled at Resend (no API key here)',
    });
    expect(fake.emails.find((e) => e.id === step?.resendId)?.status).toBe('scheduled');
  });
});
