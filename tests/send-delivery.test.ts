/**
 * The live path against the fake Resend server (no network): the library directly, with tiny timeouts and
 * backoff so failures cost milliseconds. The CLI's exit codes are in send-cli.test.ts.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { templates } from '../emails';
import { type ComposeOptions, composeSequence } from '../sending/compose';
import { cancel, deliver, resume } from '../sending/delivery';
import { FileLedger, type Ledger, MemoryLedger } from '../sending/ledger';
import { resendApi, Sender, type SenderOptions } from '../sending/resend-sender';
import { parseSequence } from '../sending/sequence';
import {
  checkSendEmail,
  FakeResend,
  OPENAPI_SPEC_PATH,
  readOpenApiSubset,
  SEND_EMAIL_SCHEMAS,
} from './support/fake-resend';
import { dayOffsetSequence, newYork, secret, seoul } from './support/send-fixtures';

const KEY = 're_test_0123456789abcdef';
const FAST: SenderOptions = {
  ratePerSecond: 0,
  timeoutMs: 250,
  baseDelayMs: 2,
  maxDelayMs: 10,
  maxAttempts: 6,
};

let fake: FakeResend;
let dir: string;
let ledger: Ledger;

beforeEach(async () => {
  fake = await FakeResend.start({ apiKey: KEY });
  process.env.RESEND_BASE_URL = fake.url;
  dir = await mkdtemp(join(tmpdir(), 'send-delivery-'));
  ledger = await FileLedger.open(dir);
});
afterEach(async () => {
  delete process.env.RESEND_BASE_URL;
  await ledger.close();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

const sender = (options: SenderOptions = {}) => new Sender(resendApi(KEY), { ...FAST, ...options });
const compose = (doc: unknown, options: ComposeOptions) =>
  composeSequence(doc, {
    sequence: dayOffsetSequence,
    unsubscribeSecret: secret,
    from: 'Shop <orders@shop.example>',
    ...options,
  });
async function run(doc: unknown, options: ComposeOptions & { sender?: Sender } = {}) {
  const composed = await compose(doc, options);
  const rows = await deliver(composed, {
    ledger,
    sender: options.sender ?? sender(),
    ...(options.now ? { now: options.now } : {}),
  });
  return { composed, rows };
}
/** Accepted emails per idempotency key: every value must be 1. */
const acceptedPerKey = () => {
  const counts: Record<string, number> = {};
  for (const e of fake.emails) counts[e.idempotencyKey ?? '-'] = (counts[e.idempotencyKey ?? '-'] ?? 0) + 1;
  return counts;
};

describe('the fake Resend server', () => {
  it.runIf(existsSync(OPENAPI_SPEC_PATH))(
    'validates against the same schemas as the OpenAPI spec holds',
    () => {
      const spec = readOpenApiSubset();
      expect(spec.schemas).toEqual(SEND_EMAIL_SCHEMAS);
      expect(spec.idempotencyKeyMaxLength).toBe(256);
    },
  );

  it('rejects bodies the API would reject', () => {
    expect(checkSendEmail({ from: 'a@b.co', to: 'c@d.co', subject: 's', html: '<p>' })).toEqual([]);
    expect(checkSendEmail({ to: ['c@d.co'], subject: 1, html: '<p>' })).toEqual([
      'body.from: required',
      'body.subject: expected string, got number',
    ]);
    expect(
      checkSendEmail({ from: 'a@b.co', to: 'c@d.co', subject: 's', text: 't', scheduledAt: 'x' }),
    ).toEqual(['body.scheduledAt: not a field of SendEmailRequest']);
    expect(
      checkSendEmail({
        from: 'a@b.co',
        to: 'c@d.co',
        subject: 's',
        text: 't',
        tags: [{ name: 'order', value: 'ord 1' }],
      }),
    ).toHaveLength(1);
  });

  it('refuses an invalid email alike on POST /emails and in a batch, naming it; a permissive batch sends the rest', async () => {
    const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
      const response = await fetch(`${fake.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };
    const good = { from: 'a@b.co', to: 'c@d.co', subject: 's', text: 't' };
    const bad = { ...good, subject: 1, scheduledAt: 'x' };
    fake.rejectEmail = (body) => (body.to === 'refused@d.co' ? 'to: not allowed' : undefined);
    try {
      const single = await post('/emails', bad);
      expect(single).toEqual({
        status: 422,
        json: {
          statusCode: 422,
          name: 'validation_error',
          message:
            'body.subject: expected string, got number; body.scheduledAt: not a field of SendEmailRequest',
        },
      });
      expect((await post('/emails', { ...good, to: 'refused@d.co' })).json.message).toBe('to: not allowed');
      const strict = await post('/emails/batch', [good, bad]);
      expect(strict.status).toBe(422);
      expect(strict.json.message).toBe(
        'emails[1].subject: expected string, got number; emails[1].scheduledAt: not a field of SendEmailRequest',
      );
      expect(fake.emails).toHaveLength(0);
      const permissive = await post('/emails/batch', [bad, good, { ...good, to: 'refused@d.co' }], {
        'x-batch-validation': 'permissive',
      });
      expect(permissive.status).toBe(200);
      expect(permissive.json.errors).toEqual([
        {
          index: 0,
          message:
            'emails[0].subject: expected string, got number; emails[0].scheduledAt: not a field of SendEmailRequest',
        },
        { index: 2, message: 'to: not allowed' },
      ]);
      expect(permissive.json.data).toEqual([{ id: fake.emails[0]?.id }]);
      expect(fake.emails.map((e) => e.body)).toEqual([good]);
    } finally {
      fake.rejectEmail = undefined;
    }
  });

  it('answers 409 for the same key with a different payload, and the original id for the same payload', async () => {
    const api = resendApi(KEY);
    const signal = new AbortController().signal;
    const payload = { from: 'a@b.co', to: 'c@d.co', subject: 's', html: '<p>hi</p>', text: 'hi', tags: [] };
    const first = await api.send(payload, { idempotencyKey: 'k1', signal });
    const again = await api.send(payload, { idempotencyKey: 'k1', signal });
    const changed = await api.send({ ...payload, subject: 't' }, { idempotencyKey: 'k1', signal });
    expect(again.data?.id).toBe(first.data?.id);
    expect(changed.error).toMatchObject({ statusCode: 409, name: 'invalid_idempotent_request' });
    expect(fake.emails).toHaveLength(1);
  });
});

describe('deliver()', () => {
  it('schedules the default sequence for ko / Asia/Seoul at the exact times, with tags, headers and keys', async () => {
    const { composed, rows } = await run(seoul, { now: new Date('2026-11-19T00:00:00Z') });
    expect(rows.every((r) => r.action === 'scheduled')).toBe(true);
    const expected: Record<string, string> = {
      'order-confirmation': '2026-11-20T00:30:00.000Z',
      'shipping-update': '2026-11-22T00:30:00.000Z',
      'thank-you': '2026-11-23T01:00:00.000Z',
      'product-instructions': '2026-11-27T01:00:00.000Z',
      'review-request': '2026-12-04T01:00:00.000Z',
      'cross-sell': '2026-12-11T01:00:00.000Z',
    };
    expect(
      fake.emails.map((e) => [(e.body.tags as { value: string }[])[0]?.value, e.body.scheduled_at]),
    ).toEqual(Object.entries(expected).filter(([id]) => Object.hasOwn(templates, id)));
    for (const [i, request] of fake.sendRequests.entries()) {
      const step = composed.steps[i];
      expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(request.headers['idempotency-key']).toBe(step?.idempotencyKey);
      expect(request.body).toMatchObject({
        to: 'jisoo@example.com',
        subject: step?.payload.subject,
        html: step?.payload.html,
      });
      expect((request.body as { tags: unknown }).tags).toEqual([
        { name: 'template', value: step?.template },
        { name: 'order', value: 'ord_1001' },
        { name: 'step', value: String(step?.day) },
      ]);
      if (step?.kind === 'marketing')
        expect((request.body as { headers: Record<string, string> }).headers['List-Unsubscribe-Post']).toBe(
          'List-Unsubscribe=One-Click',
        );
    }
    expect((await ledger.entries()).map((e) => e.resendId)).toEqual(fake.emails.map((e) => e.id));
  });

  it('keeps 10:00 local across New York’s DST change (en / America/New_York)', async () => {
    await run(newYork, { now: new Date('2026-10-29T00:00:00Z') });
    const expected: Record<string, string> = {
      'order-confirmation': '2026-10-30T18:15:00.000Z',
      'shipping-update': '2026-11-01T19:15:00.000Z',
      'thank-you': '2026-11-02T15:00:00.000Z',
      'product-instructions': '2026-11-06T15:00:00.000Z',
      'review-request': '2026-11-13T15:00:00.000Z',
      'cross-sell': '2026-11-20T15:00:00.000Z',
      referral: '2026-11-27T15:00:00.000Z',
    };
    expect(
      Object.fromEntries(
        fake.emails.map((e) => [(e.body.tags as { value: string }[])[0]?.value, e.body.scheduled_at]),
      ),
    ).toEqual(Object.fromEntries(Object.entries(expected).filter(([id]) => Object.hasOwn(templates, id))));
  });

  it('sends nothing on a second run', async () => {
    const now = new Date('2026-11-19T00:00:00Z');
    await run(seoul, { now });
    const before = fake.requests.length;
    const { rows } = await run(seoul, { now: new Date('2026-11-19T05:00:00Z') });
    expect(fake.requests.length).toBe(before);
    expect(rows.every((r) => r.action === 'already-scheduled')).toBe(true);
  });

  it('gets every email accepted exactly once through a 429 storm, honouring retry-after', async () => {
    fake.faultFor = (n) =>
      n % 3 === 0
        ? undefined
        : { status: 429, name: 'rate_limit_exceeded', headers: { 'retry-after': '0.02' } };
    const { composed, rows } = await run(seoul, { now: new Date('2026-11-19T00:00:00Z') });
    expect(rows.map((r) => r.action)).toEqual(composed.steps.map(() => 'scheduled'));
    expect(fake.sendRequests).toHaveLength(composed.steps.length * 3);
    expect(Object.values(acceptedPerKey())).toEqual(composed.steps.map(() => 1));
  });

  it('stays under a real rate limit: paced, and waits out the 429s it still gets', async () => {
    await fake.close();
    fake = await FakeResend.start({ apiKey: KEY, rateLimit: { limit: 2, windowMs: 300, retryAfter: '0.3' } });
    process.env.RESEND_BASE_URL = fake.url;
    const started = Date.now();
    const { composed, rows } = await run(seoul, {
      now: new Date('2026-11-19T00:00:00Z'),
      sender: sender({ ratePerSecond: 0 }),
    });
    expect(rows.every((r) => r.action === 'scheduled')).toBe(true);
    expect(Object.values(acceptedPerKey())).toEqual(composed.steps.map(() => 1));
    expect(Date.now() - started).toBeGreaterThanOrEqual(300 * (Math.ceil(composed.steps.length / 2) - 1));
  });

  it('paces requests at the configured rate', async () => {
    const started = Date.now();
    await run(seoul, {
      now: new Date('2026-11-19T00:00:00Z'),
      only: ['order-confirmation', 'shipping-update'],
      sender: sender({ ratePerSecond: 10 }),
    });
    await run(newYork, {
      now: new Date('2026-10-29T00:00:00Z'),
      only: ['order-confirmation', 'shipping-update'],
      sender: sender({ ratePerSecond: 10 }),
    });
    expect(fake.sendRequests).toHaveLength(4);
    // Two senders, two requests each: one gap of 100 ms apiece at 10 requests/s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('retries a 500, a reset connection and a request that hangs past the timeout', async () => {
    fake.faults.push({ status: 500, name: 'internal_server_error' }, 'reset', 'hang');
    const { rows } = await run(seoul, {
      now: new Date('2026-11-19T00:00:00Z'),
      only: ['order-confirmation'],
    });
    expect(rows).toEqual([expect.objectContaining({ action: 'scheduled' })]);
    expect(fake.sendRequests).toHaveLength(4);
    expect(fake.emails).toHaveLength(1);
  });

  it('does not duplicate an email whose answer was lost: the retry replays the same key and payload', async () => {
    fake.faults.push('hang-after-accept', 'reset-after-accept');
    const { rows } = await run(seoul, {
      now: new Date('2026-11-19T00:00:00Z'),
      only: ['order-confirmation'],
    });
    expect(rows[0]?.action).toBe('scheduled');
    expect(fake.emails).toHaveLength(1);
    expect(fake.replays).toBe(1);
    expect(rows[0]?.resendId).toBe(fake.emails[0]?.id);
  });

  it('never retries a 4xx that rejects the payload; the other steps go on; a re-run sends only the failed one', async () => {
    fake.faultFor = (_n, body) =>
      (body.tags as { value: string }[])[0]?.value === 'shipping-update'
        ? { status: 422, name: 'validation_error', message: 'Invalid `to` field.' }
        : undefined;
    const now = new Date('2026-11-19T00:00:00Z');
    const first = await run(seoul, { now });
    const failed = first.rows.filter((r) => r.action === 'failed');
    expect(failed).toEqual([
      expect.objectContaining({
        step: 2,
        template: 'shipping-update',
        error: '422 validation_error: Invalid `to` field.',
      }),
    ]);
    expect(
      fake.sendRequests.filter((r) => r.headers['idempotency-key']?.includes('shipping-update')),
    ).toHaveLength(1);
    expect(fake.emails).toHaveLength(first.composed.steps.length - 1);

    fake.faultFor = undefined;
    const before = fake.sendRequests.length;
    const second = await run(seoul, { now });
    expect(fake.sendRequests.length - before).toBe(1);
    expect(second.rows.find((r) => r.template === 'shipping-update')?.action).toBe('scheduled');
    expect(Object.values(acceptedPerKey()).every((n) => n === 1)).toBe(true);
  });

  it('replays the stored payload after a failed attempt even if the plan changed since, so Resend never sees a 409', async () => {
    fake.faults.push('reset-after-accept');
    await run(seoul, {
      now: new Date('2026-11-19T00:00:00Z'),
      only: ['shipping-update'],
      sender: sender({ maxAttempts: 1 }),
    });
    expect((await ledger.entries())[0]).toMatchObject({ status: 'failed', definitive: false });
    // The same command later with another day 0: a fresh payload would carry another scheduledAt (→ 409).
    const { rows } = await run(seoul, {
      now: new Date('2026-11-19T01:00:00Z'),
      only: ['shipping-update'],
      start: '2026-11-21T09:30:00+09:00',
    });
    expect(rows[0]).toMatchObject({ action: 'scheduled', sendAt: '2026-11-22T00:30:00.000Z' });
    expect(fake.replays).toBe(1);
    expect(fake.emails).toHaveLength(1);
  });

  it('works with any Ledger implementation', async () => {
    const memory = new MemoryLedger();
    const composed = await compose(seoul, { now: new Date('2026-11-19T00:00:00Z') });
    await deliver(composed, { ledger: memory, sender: sender(), now: new Date('2026-11-19T00:00:00Z') });
    const again = await deliver(composed, { ledger: memory, sender: sender() });
    expect(again.every((r) => r.action === 'already-scheduled')).toBe(true);
    expect(fake.emails).toHaveLength(composed.steps.length);
  });
});

describe('resume()', () => {
  const longSequence = parseSequence({
    name: 'long',
    steps: [
      { template: 'order-confirmation', day: 0 },
      { template: 'shipping-update', day: 2 },
      { template: 'shipping-update', day: 45, at: '10:00' },
    ],
  });

  it('keeps a step beyond the 30-day horizon pending, and submits it once it is within reach', async () => {
    const { rows } = await run(seoul, { sequence: longSequence, now: new Date('2026-11-19T00:00:00Z') });
    expect(rows.map((r) => r.action)).toEqual(['scheduled', 'scheduled', 'pending']);
    expect(fake.sendRequests).toHaveLength(2);

    expect(
      (await resume({ ledger, sender: sender(), now: new Date('2026-11-25T00:00:00Z') })).map(
        (r) => r.action,
      ),
    ).toEqual(['pending']);
    expect(fake.sendRequests).toHaveLength(2);

    // Day 45 = 2027-01-04 10:00 KST; within 30 days from 2026-12-10.
    const resumed = await resume({ ledger, sender: sender(), now: new Date('2026-12-10T00:00:00Z') });
    expect(resumed).toEqual([
      expect.objectContaining({ action: 'scheduled', template: 'shipping-update', day: 45 }),
    ]);
    expect(fake.emails[2]?.body.scheduled_at).toBe('2027-01-04T01:00:00.000Z');
    expect(await resume({ ledger, sender: sender(), now: new Date('2026-12-11T00:00:00Z') })).toEqual([]);

    // A re-run of the send leaves it alone now.
    const again = await run(seoul, { sequence: longSequence, now: new Date('2026-12-11T00:00:00Z') });
    expect(again.rows.map((r) => r.action)).toEqual([
      'already-scheduled',
      'already-scheduled',
      'already-scheduled',
    ]);
    expect(fake.sendRequests).toHaveLength(3);
  });

  it('sends a pending step at once if resume runs after its time', async () => {
    await run(seoul, { sequence: longSequence, now: new Date('2026-11-19T00:00:00Z') });
    const late = await resume({ ledger, sender: sender(), now: new Date('2027-01-05T00:00:00Z') });
    expect(late).toEqual([expect.objectContaining({ action: 'sent' })]);
    expect(fake.emails[2]?.body.scheduled_at).toBeUndefined();
  });

  it('only says what it would submit without a sender', async () => {
    await run(seoul, { sequence: longSequence, now: new Date('2026-11-19T00:00:00Z') });
    expect((await resume({ ledger, now: new Date('2026-12-10T00:00:00Z') })).map((r) => r.action)).toEqual([
      'would-submit',
    ]);
    expect(fake.sendRequests).toHaveLength(2);
  });
});

describe('cancel()', () => {
  /** Real clock: the fake decides "scheduled" against its own time. */
  const future = () => new Date(Date.now() + 3_600_000).toISOString();

  it('cancels every scheduled step that has not gone out, and a re-run sends none of them', async () => {
    const start = future();
    const { composed } = await run(seoul, { start, to: 'delivered@resend.dev', compressMs: 60_000 });
    const rows = await cancel({ ledger, orderId: seoul.order.id, sender: sender() });
    expect(rows.map((r) => r.action)).toEqual(composed.steps.map(() => 'cancelled'));
    expect(fake.emails.every((e) => e.status === 'cancelled')).toBe(true);
    expect(fake.requests.filter((r) => r.path.endsWith('/cancel'))).toHaveLength(composed.steps.length);

    const before = fake.requests.length;
    const rerun = await run(seoul, { start, to: 'delivered@resend.dev', compressMs: 60_000 });
    expect(rerun.rows.every((r) => r.action === 'already-cancelled')).toBe(true);
    expect(
      (await cancel({ ledger, orderId: seoul.order.id, sender: sender() })).every(
        (r) => r.action === 'already-cancelled',
      ),
    ).toBe(true);
    expect(fake.requests.length).toBe(before);
  });

  it('leaves steps that went out, cancels pending ones locally, and only one recipient’s with --to', async () => {
    const start = new Date(Date.now() - 60_000).toISOString();
    const sequence = parseSequence({
      steps: [
        { template: 'order-confirmation', day: 0 },
        { template: 'shipping-update', day: 2 },
        { template: 'shipping-update', day: 60 },
      ],
    });
    await run(seoul, { sequence, start, to: 'delivered@resend.dev' });
    await run(seoul, { sequence, start, to: 'other@resend.dev', only: ['order-confirmation'] });
    const rows = await cancel({
      ledger,
      orderId: seoul.order.id,
      to: 'delivered@resend.dev',
      sender: sender(),
    });
    expect(rows.map((r) => [r.day, r.action])).toEqual([
      [0, 'already-sent'],
      [2, 'cancelled'],
      [60, 'cancelled'],
    ]);
    expect(fake.emails.map((e) => e.status)).toEqual(['sent', 'cancelled', 'sent']);
  });

  it('finds the id of a step whose answer was lost (replay, same key) and cancels it', async () => {
    fake.faults.push('reset-after-accept');
    await run(seoul, { start: future(), only: ['order-confirmation'], sender: sender({ maxAttempts: 1 }) });
    expect((await ledger.entries())[0]?.status).toBe('failed');
    const rows = await cancel({ ledger, orderId: seoul.order.id, sender: sender() });
    expect(rows).toEqual([expect.objectContaining({ action: 'cancelled', resendId: fake.emails[0]?.id })]);
    expect(fake.emails).toHaveLength(1);
    expect(fake.emails[0]?.status).toBe('cancelled');
  });

  it('changes nothing without a sender', async () => {
    await run(seoul, { start: future(), only: ['order-confirmation'] });
    expect((await cancel({ ledger, orderId: seoul.order.id })).map((r) => r.action)).toEqual([
      'would-cancel',
    ]);
    expect(fake.emails[0]?.status).toBe('scheduled');
  });
});
