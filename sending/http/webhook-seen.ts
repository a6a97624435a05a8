/**
 * What a webhook handler reports of one delivery (never its payload): the engine logs and counts it. Here, below
 * the engine, so the handlers in http/ and intake/ can name it without importing engine/.
 */

/** A webhook's fate (`ppe_webhooks_total`'s `outcome`); `ignored`: a type or topic we do not act on. */
export type WebhookOutcome = 'applied' | 'duplicate' | 'rejected' | 'ignored';

/** One webhook delivery as the handlers report it (never its payload). */
export type WebhookSeen = Readonly<{
  source: 'resend' | 'shopify';
  /** The event type or topic (`email.bounced`, `orders/create`), or `(unverified)` before the signature held. */
  type: string;
  outcome: WebhookOutcome;
  /** The sender's delivery id (`svix-id`, `X-Shopify-Webhook-Id`). */
  id?: string;
  order?: string;
  /** Why it was rejected: field paths, or the signature. */
  problems?: readonly string[];
}>;
