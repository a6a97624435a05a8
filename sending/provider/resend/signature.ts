/**
 * Resend's webhook signature (Svix / Standard Webhooks headers over the raw body, five minutes' tolerance),
 * checked by the SDK's `resend.webhooks.verify`, not by code of ours. Returns the parsed body; throws a
 * `SyntaxError` for a body that is not JSON and a `WebhookVerificationError` for a bad signature.
 */
import { Resend } from 'resend';

export type SignatureHeaders = Readonly<{ id: string; timestamp: string; signature: string }>;

export function verifyResendWebhook(raw: string, headers: SignatureHeaders, webhookSecret: string): unknown {
  // The SDK needs no API key to verify; it is the library call the contract names.
  return new Resend('re_verify_only').webhooks.verify({
    payload: raw,
    headers: { ...headers },
    webhookSecret,
  });
}
