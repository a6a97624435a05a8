/**
 * Suppressions on the live store (embedded PGlite, or Postgres with DATABASE_URL): the one-click unsubscribe
 * taken from an email's own List-Unsubscribe header and a signed bounce webhook stop what Resend already holds.
 */
import { describe, expect, it, vi } from 'vitest';
import type { OrderDocument } from '../../../core/order-document';
import { renderEmail } from '../../../emails';
import type { Sequencer } from '../../../sending/sequencer';
import { BACKEND, QUICK_SENDER, useLiveEngine } from '../../support/databases';
import type { FakeResend } from '../../support/fake-resend';
import { dayOffsetSequence, secret, seoul } from '../../support/send-fixtures';
import { resendEvent, signWebhook, WEBHOOK_SECRET } from '../../support/svix';

const KEY = 're_guard_test_key';
let fake: FakeResend;
let sequencer: Sequencer;

function order(id: string, email: string): OrderDocument {
  return {
    ...seoul,
    customer: { ...seoul.customer, email },
    order: { ...seoul.order, id, placedAt: new Date(Date.now() + 3_600_000).toISOString() },
  } as OrderDocument;
}

useLiveEngine(
  'guard_store',
  {
    apiKey: KEY,
    sequence: dayOffsetSequence,
    webhookSecret: WEBHOOK_SECRET,
    // Everything Resend can schedule is handed to it at once, so there is something to take back.
    releaseWindowMs: 30 * 86_400_000,
    // A request Resend leaves hanging is given up after half a second (the worker's cancels below).
    sender: { ...QUICK_SENDER, timeoutMs: 500, maxAttempts: 1 },
  },
  (engine) => {
    ({ fake, sequencer } = engine);
  },
);

const statusAt = (email: string) =>
  fake.emails.filter((e) => (e.body.to as string[] | string).toString() === email);

describe(`suppressions on ${BACKEND}`, () => {
  it('one-click unsubscribe from the email’s own header cancels every scheduled marketing step at Resend, and only those', async () => {
    const email = 'unsub@example.com';
    const doc = order('guard-unsub', email);
    await sequencer.enqueue(doc);
    const scheduled = statusAt(email);
    expect(scheduled.some((e) => e.status === 'scheduled')).toBe(true);
    const { headers } = await renderEmail('thank-you', doc, { unsubscribeSecret: secret });
    const link = /<(https:[^>]+)>/.exec(headers['List-Unsubscribe'] ?? '')?.[1] ?? '';

    const get = await sequencer.handleUnsubscribe(new Request(link));
    expect(get.status).toBe(200);
    expect(statusAt(email).every((e) => e.status !== 'cancelled')).toBe(true);

    const foreign = link.replace(encodeURIComponent(email), encodeURIComponent('other@example.com'));
    expect((await sequencer.handleUnsubscribe(new Request(foreign, { method: 'POST' }))).status).toBe(403);
    expect(await sequencer.suppressions()).toEqual([]);

    const post = await sequencer.handleUnsubscribe(
      new Request(link, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
    expect(post.status).toBe(200);
    const steps = (await sequencer.status({ order: 'guard-unsub' })).steps;
    for (const step of steps) {
      if (step.kind === 'marketing') expect(['cancelled', 'skipped'], step.template).toContain(step.state);
      else expect(['scheduled', 'sent', 'skipped'], step.template).toContain(step.state);
    }
    const atResend = statusAt(email);
    const marketingIds = new Set(steps.filter((s) => s.kind === 'marketing').map((s) => s.resendId));
    for (const e of atResend)
      expect(e.status, String(e.body.subject)).toBe(marketingIds.has(e.id) ? 'cancelled' : 'scheduled');
    expect((await sequencer.suppressions()).map((s) => [s.email, s.scope, s.source])).toEqual([
      [email, 'marketing', 'unsubscribe'],
    ]);
  });

  it('a signed bounce stops every remaining step; the same webhook again is applied once', async () => {
    const email = 'bounce@example.com';
    await sequencer.enqueue(order('guard-bounce', email));
    const first = statusAt(email).find((e) => e.status === 'scheduled');
    expect(first).toBeDefined();
    const body = resendEvent('email.bounced', email, first?.id ?? '', {
      bounce: { type: 'Permanent', subType: 'General', message: 'no such mailbox' },
    });
    const headers = signWebhook(body, { id: 'msg_guard_bounce' });
    const res = await sequencer.handleResendWebhook(
      new Request('https://x/webhooks/resend', { method: 'POST', body, headers }),
    );
    expect(res.status).toBe(200);
    const later = (await sequencer.status({ order: 'guard-bounce' })).steps.filter(
      (s) => Date.parse(s.sendAt) > Date.now() + 5 * 60_000,
    );
    expect(later.length).toBeGreaterThan(0);
    for (const s of later) expect(['cancelled', 'skipped'], s.template).toContain(s.state);
    const suppressions = await sequencer.suppressions();
    expect(suppressions.find((s) => s.email === email)).toMatchObject({ scope: 'all', source: 'resend' });

    const cancels = fake.requests.filter((r) => r.path.endsWith('/cancel')).length;
    const again = await sequencer.handleResendWebhook(
      new Request('https://x/webhooks/resend', { method: 'POST', body, headers }),
    );
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true, duplicate: 'email.bounced' });
    expect(fake.requests.filter((r) => r.path.endsWith('/cancel')).length).toBe(cancels);

    const forged = await sequencer.handleResendWebhook(
      new Request('https://x/webhooks/resend', {
        method: 'POST',
        body: body.replace(email, 'x@example.com'),
        headers,
      }),
    );
    expect(forged.status).toBe(401);
  });

  it('while a worker runs, a cancellation answers at once even with Resend hanging; the worker cancels there after', async () => {
    const email = 'later@example.com';
    await sequencer.enqueue(order('guard-later', email));
    const scheduled = () => statusAt(email).filter((e) => e.status === 'scheduled');
    expect(scheduled().length).toBeGreaterThan(0);
    const cancelRequests = () => fake.requests.filter((r) => r.path.endsWith('/cancel')).length;
    const cancelsBefore = cancelRequests();
    const worker = new AbortController();
    const working = sequencer.work({ signal: worker.signal, pollMs: 200 });
    try {
      fake.faultFor = () => 'hang';
      fake.cancelFaultFor = () => 'hang';
      const started = performance.now();
      await sequencer.event({ type: 'order-cancelled', orderId: 'guard-later' });
      // Resend hangs: each attempt waits out its timeout, three times per email. The event waits on none of them.
      expect(performance.now() - started).toBeLessThan(1000);
      const steps = (await sequencer.status({ order: 'guard-later' })).steps;
      const waiting = steps.filter((s) => s.state === 'scheduled');
      expect(waiting.length).toBe(scheduled().length);
      for (const s of waiting) expect(s.reason).toMatch(/being cancelled at Resend$/);
      // The worker tries while Resend hangs; what it cannot cancel stays wanted for its next pass.
      await vi.waitFor(() => expect(cancelRequests()).toBeGreaterThan(cancelsBefore), { timeout: 10_000 });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // Nothing was cancelled while Resend hung: every email still waits there, every step still says so.
      expect(scheduled().length).toBe(waiting.length);
      const meanwhile = (await sequencer.status({ order: 'guard-later' })).steps;
      expect(meanwhile.filter((s) => s.state === 'scheduled').length).toBe(waiting.length);
      fake.faultFor = undefined;
      fake.cancelFaultFor = undefined;
      await vi.waitFor(
        async () => {
          expect(scheduled()).toEqual([]);
          const after = (await sequencer.status({ order: 'guard-later' })).steps;
          expect(after.filter((s) => s.state === 'scheduled')).toEqual([]);
        },
        { timeout: 30_000, interval: 200 },
      );
      const after = (await sequencer.status({ order: 'guard-later' })).steps;
      for (const s of after.filter((x) => x.state === 'cancelled' && x.resendId))
        expect(s.reason).toMatch(/cancelled at Resend/);
    } finally {
      fake.faultFor = undefined;
      fake.cancelFaultFor = undefined;
      worker.abort();
      await working;
    }
  }, 60_000);
});
