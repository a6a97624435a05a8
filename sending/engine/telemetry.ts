/**
 * What the engine tells its host: a logger port and a metrics port, both plain objects, so the engine never
 * imports a logging or metrics library. A pino logger fits `Logger` as it is (`logger.info({ order }, 'msg')`);
 * a library user who passes nothing gets silence. `serve` passes pino and its Prometheus registry
 * (sending/server/logger.ts, sending/server/metrics.ts).
 */

/** `LOG_LEVEL`'s words, quietest last. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const isLogLevel = (value: string): value is LogLevel =>
  (LOG_LEVELS as readonly string[]).includes(value);

export type LogFields = Readonly<Record<string, unknown>>;

/** `fields` first, then the message: pino's order. Never give it a secret; addresses go through `maskAddress`. */
export interface Logger {
  debug(fields: LogFields, message: string): void;
  info(fields: LogFields, message: string): void;
  warn(fields: LogFields, message: string): void;
  error(fields: LogFields, message: string): void;
}

/** The library's default: nothing is written. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** What became of an email at release (`ppe_emails_total`'s `outcome`). */
export type EmailOutcome = 'sent' | 'scheduled' | 'skipped' | 'deferred' | 'failed';

/** A webhook's fate (`ppe_webhooks_total`'s `outcome`); `ignored`: a type or topic we do not act on. */
export type WebhookOutcome = 'applied' | 'duplicate' | 'rejected' | 'ignored';

/** One request to Resend, each attempt on its own: its HTTP status, `error` (no answer) or `timeout`. */
export type ResendRequest = Readonly<{ status: string; seconds: number; ok: boolean }>;

/** Counters the engine bumps; the host decides where they go. */
export interface EngineMetrics {
  emails(template: string, outcome: EmailOutcome, count: number): void;
  resendRequest(request: ResendRequest): void;
  webhook(source: string, outcome: WebhookOutcome): void;
}

export const noMetrics: EngineMetrics = { emails() {}, resendRequest() {}, webhook() {} };

/** The engine's two ports together. */
export type Telemetry = Readonly<{ log: Logger; metrics: EngineMetrics }>;

export const silentTelemetry: Telemetry = { log: silentLogger, metrics: noMetrics };

const ADDRESS = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g;

/**
 * `jane.doe@example.com` → `j***@example.com`, wherever an address appears in the text (a message, a reason
 * Resend gave, a URL's query with `%40` decoded or not). The domain stays: it tells an operator which mailbox
 * provider bounced, and names nobody.
 */
export function maskAddresses(text: string): string {
  return text
    .replace(/%40/gi, '@')
    .replace(ADDRESS, (_all, first: string, domain: string) => `${first}***@${domain}`);
}

/** One address, masked (an empty or odd value is shown as `***`). */
export function maskAddress(address: string): string {
  const masked = maskAddresses(address.trim());
  return masked.includes('***@') ? masked : '***';
}

/** Counts by template, for `EngineMetrics.emails`. */
export function countByTemplate(rows: readonly Readonly<{ template: string }>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.template, (counts.get(r.template) ?? 0) + 1);
  return counts;
}

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

/** Logs and counts a webhook: a rejection at `warn`, with its reasons. */
export function observeWebhook(telemetry: Telemetry): (seen: WebhookSeen) => void {
  return (seen) => {
    telemetry.metrics.webhook(seen.source, seen.outcome);
    const problems = seen.problems?.map(maskAddresses);
    const fields = {
      event: 'webhook',
      source: seen.source,
      type: seen.type,
      outcome: seen.outcome,
      ...(seen.id === undefined ? {} : { webhookId: seen.id }),
      ...(seen.order === undefined ? {} : { order: seen.order }),
      ...(problems ? { problems } : {}),
    };
    const message = `${seen.source} webhook ${seen.type}: ${seen.outcome}${problems ? ` (${problems.join('; ')})` : ''}`;
    if (seen.outcome === 'rejected') telemetry.log.warn(fields, message);
    else telemetry.log.info(fields, message);
  };
}
