/**
 * Signs a webhook as Resend does (Svix / Standard Webhooks): `svix-signature: v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">`, keyed by the base64-decoded part of the secret after `whsec_`. Written independently
 * of the library the handler verifies with, so a test signs what Resend would send, not what the code expects.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const WEBHOOK_SECRET = `whsec_${Buffer.from('post-purchase-test-webhook-key-32b').toString('base64')}`;

export function signWebhook(
  body: string,
  options: { id?: string; timestampSec?: number; secret?: string } = {},
): Record<string, string> {
  const id = options.id ?? `msg_${randomBytes(12).toString('hex')}`;
  const timestamp = String(options.timestampSec ?? Math.floor(Date.now() / 1000));
  const key = Buffer.from((options.secret ?? WEBHOOK_SECRET).replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    'content-type': 'application/json',
    'svix-id': id,
    'svix-timestamp': timestamp,
    'svix-signature': `v1,${signature}`,
  };
}

/** An event body as Resend sends it. */
export function resendEvent(
  type: string,
  to: string,
  emailId: string,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    type,
    created_at: '2026-11-20T10:00:00.000Z',
    data: {
      created_at: '2026-11-20T09:59:58.000Z',
      email_id: emailId,
      from: 'Hanok Goods <orders@shop.example.com>',
      to: [to],
      subject: 'Thanks for your order',
      ...extra,
    },
  });
}
