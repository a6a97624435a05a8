import { describe, expect, it } from 'vitest';
import { createResendWebhookHandler, type ResendEvent } from '../../../sending/http/resend-webhook';
import { resendEvent, signWebhook, WEBHOOK_SECRET } from '../../support/svix';

const URL_ = 'https://shop.example.com/webhooks/resend';

function handler(secret: string | undefined, maxBytes?: number) {
  const applied: ResendEvent[] = [];
  const seen = new Set<string>();
  const handle = createResendWebhookHandler({
    secret,
    ...(maxBytes === undefined ? {} : { maxBytes }),
    apply: async (event) => {
      if (seen.has(event.svixId)) return 'duplicate';
      seen.add(event.svixId);
      applied.push(event);
      return 'applied';
    },
  });
  return { handle, applied };
}

const post = (body: string, headers: Record<string, string>) =>
  new Request(URL_, { method: 'POST', body, headers });

describe('handleResendWebhook', () => {
  it('applies a signed bounce with its recipient, Resend id and bounce detail', async () => {
    const { handle, applied } = handler(WEBHOOK_SECRET);
    const body = resendEvent('email.bounced', 'jisoo@example.com', 'em_1', {
      bounce: { type: 'Permanent', subType: 'General', message: 'mailbox does not exist' },
    });
    const res = await handle(post(body, signWebhook(body, { id: 'msg_1' })));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, applied: 'email.bounced' });
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({
      svixId: 'msg_1',
      type: 'email.bounced',
      emailId: 'em_1',
      recipients: ['jisoo@example.com'],
      detail: 'Permanent / General / mailbox does not exist',
      createdAt: '2026-11-20T10:00:00.000Z',
    });
  });

  it('answers a replayed svix-id with 200 and applies it once', async () => {
    const { handle, applied } = handler(WEBHOOK_SECRET);
    const body = resendEvent('email.delivered', 'jisoo@example.com', 'em_2');
    const headers = signWebhook(body, { id: 'msg_2' });
    expect((await handle(post(body, headers))).status).toBe(200);
    const again = await handle(post(body, headers));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true, duplicate: 'email.delivered' });
    expect(applied).toHaveLength(1);
  });

  it('refuses a wrong signature, another secret, a stale or future timestamp, missing headers: 401, nothing applied', async () => {
    const { handle, applied } = handler(WEBHOOK_SECRET);
    const body = resendEvent('email.complained', 'jisoo@example.com', 'em_3');
    const now = Math.floor(Date.now() / 1000);
    const other = `whsec_${Buffer.from('another-key-another-key-another!!').toString('base64')}`;
    const cases: Record<string, string>[] = [
      { ...signWebhook(body), 'svix-signature': 'v1,AAAA' },
      signWebhook(body, { secret: other }),
      signWebhook(body, { timestampSec: now - 6 * 60 }),
      signWebhook(body, { timestampSec: now + 6 * 60 }),
      { 'content-type': 'application/json' },
    ];
    for (const headers of cases) {
      const res = await handle(post(body, headers));
      expect(res.status).toBe(401);
      expect((await res.json()).error).toMatch(/^signature: /);
    }
    // The body is what was signed: the same headers over a changed body fail too.
    const signed = signWebhook(body);
    expect((await handle(post(body.replace('jisoo', 'mallory'), signed))).status).toBe(401);
    expect(applied).toEqual([]);
  });

  it('ignores event types it does not act on, with 200', async () => {
    const { handle, applied } = handler(WEBHOOK_SECRET);
    const body = resendEvent('contact.created', 'jisoo@example.com', 'em_4');
    const res = await handle(post(body, signWebhook(body)));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, ignored: 'contact.created' });
    expect(applied).toEqual([]);
  });

  it('refuses malformed JSON and unusable events with 400, a large body with 413, other methods with 405', async () => {
    const { handle, applied } = handler(WEBHOOK_SECRET, 1024);
    const broken = '{"type":"email.bounced",';
    expect((await handle(post(broken, signWebhook(broken)))).status).toBe(400);
    const noTo = JSON.stringify({ type: 'email.bounced', created_at: 'x', data: { email_id: 'em' } });
    const res = await handle(post(noTo, signWebhook(noTo)));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid event',
      problems: ['data.to: expected a list of addresses'],
    });
    const big = resendEvent('email.bounced', 'jisoo@example.com', 'em_5', { pad: 'x'.repeat(2000) });
    expect((await handle(post(big, signWebhook(big)))).status).toBe(413);
    const get = await handle(new Request(URL_));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(applied).toEqual([]);
  });

  it('answers 503 when no secret is configured, and 500 for a secret that is not one', async () => {
    const body = resendEvent('email.bounced', 'jisoo@example.com', 'em_6');
    expect((await handler(undefined).handle(post(body, signWebhook(body)))).status).toBe(503);
    const bad = handler('whsec_!!!not base64!!!');
    const res = await bad.handle(post(body, signWebhook(body)));
    expect([401, 500]).toContain(res.status);
    expect(bad.applied).toEqual([]);
  });
});
