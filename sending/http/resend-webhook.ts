/**
 * Resend's webhooks as a web `Request` → `Response` handler. The signature (Svix / Standard Webhooks headers
 * over the raw body, five minutes' tolerance) is checked by the SDK's `resend.webhooks.verify`, not by code of
 * our own; nothing is recorded for a request that does not verify. Each `svix-id` is applied once: the store
 * records it in the same transaction as its effect, so a retried delivery is answered 200 and changes nothing.
 */
import { formatPath, isEmailAddress } from '../../core/order-document';
import { UNSTORABLE_MESSAGE, unstorablePaths } from '../../core/storable-text';
import { verifyResendWebhook } from '../provider/resend/signature';
import { jsonNestsDeeperThan, TOO_DEEP } from './json-depth';
import { json, readLimited } from './respond';
import type { WebhookSeen } from './webhook-seen';

/** What we act on; every other type is answered 200 and ignored. */
export const SUPPRESSING_EVENTS = ['email.bounced', 'email.complained', 'email.suppressed'] as const;
export const DELIVERY_EVENTS = [
  'email.sent',
  'email.delivered',
  'email.delivery_delayed',
  'email.failed',
] as const;
/** Engagement: a click is judged human or machine on arrival; an open is recorded and never used. */
export const ENGAGEMENT_EVENTS = ['email.clicked', 'email.opened'] as const;
/** Resend's own suppression list, mirrored into ours. */
export const SUPPRESSION_LIST_EVENTS = ['suppression.added', 'suppression.removed'] as const;
const HANDLED_EVENTS = [
  ...SUPPRESSING_EVENTS,
  ...DELIVERY_EVENTS,
  ...ENGAGEMENT_EVENTS,
  ...SUPPRESSION_LIST_EVENTS,
] as const;
export type SuppressingEvent = (typeof SUPPRESSING_EVENTS)[number];
export type DeliveryEvent = (typeof DELIVERY_EVENTS)[number];
export type EngagementEvent = (typeof ENGAGEMENT_EVENTS)[number];
export type SuppressionListEvent = (typeof SUPPRESSION_LIST_EVENTS)[number];

export type ResendEvent = Readonly<{
  /** The `svix-id` header: the same for every retry of one event. */
  svixId: string;
  type: SuppressingEvent | DeliveryEvent | EngagementEvent | SuppressionListEvent;
  /** When Resend says it happened. */
  createdAt: string;
  /** The Resend email id (`data.email_id`): finds the step. */
  emailId?: string;
  recipients: readonly string[];
  /** A bounce's or failure's own words, for the reason and `status`. */
  detail?: string;
  /**
   * `email.clicked`: the link, when, and the user agent — the agent is for the verdict only and is never
   * stored (nor is the IP address, which is dropped here).
   */
  click?: Readonly<{ link: string; at: string; userAgent?: string }>;
  /** `suppression.added` / `suppression.removed`: the address and why Resend listed it. */
  suppression?: Readonly<{ email: string; origin: string }>;
  /** The body as recorded: a click's IP address and user agent removed. */
  payload: unknown;
  /** The email's tags (`data.tags`: Resend sends an object of names to values; a list of `{ name, value }` too). */
  tags?: Readonly<Record<string, string>>;
}>;

/** `data.tags` as names → values; anything else in it is left out (tags only help find a step). */
function tagsOf(value: unknown): Record<string, string> | undefined {
  const pairs: [string, unknown][] = Array.isArray(value)
    ? value.map((t) => [String((t as { name?: unknown })?.name ?? ''), (t as { value?: unknown })?.value])
    : value && typeof value === 'object'
      ? Object.entries(value)
      : [];
  const tags = Object.fromEntries(
    pairs.filter((p): p is [string, string] => p[0] !== '' && typeof p[1] === 'string'),
  );
  return Object.keys(tags).length > 0 ? tags : undefined;
}

export type WebhookOutcome = 'applied' | 'duplicate';

export type ResendWebhookDeps = Readonly<{
  /** `RESEND_WEBHOOK_SECRET` (`whsec_…`). */
  secret: string | undefined;
  /** Records the event and its effect atomically, once per `svixId`. */
  apply(event: ResendEvent): Promise<WebhookOutcome>;
  /** Largest body accepted (Resend's events are a few KB). Default 256 KB. */
  maxBytes?: number;
  /** Told the outcome of every POST (for the log and `ppe_webhooks_total`). */
  observe?: (seen: WebhookSeen) => void;
}>;

export const WEBHOOK_MAX_BYTES = 256 * 1024;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isKnown = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

/** The fields we use from a verified event, or the problems that make it unusable (field paths). */
export function parseResendEvent(
  svixId: string,
  body: unknown,
): { event: ResendEvent } | { ignored: string } | { problems: string[] } {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return { problems: ['body: expected an object'] };
  const b = body as Record<string, unknown>;
  if (typeof b.type !== 'string') return { problems: ['type: expected a string'] };
  if (!isKnown(HANDLED_EVENTS, b.type)) return { ignored: b.type };
  const data = b.data;
  if (!data || typeof data !== 'object' || Array.isArray(data))
    return { problems: ['data: expected an object'] };
  const d = data as Record<string, unknown>;
  const createdAt = typeof b.created_at === 'string' ? b.created_at : new Date().toISOString();
  if (isKnown(SUPPRESSION_LIST_EVENTS, b.type)) {
    if (typeof d.email !== 'string' || d.email.trim() === '')
      return { problems: ['data.email: expected the suppressed address'] };
    return {
      event: {
        svixId,
        type: b.type,
        createdAt,
        recipients: [d.email],
        suppression: { email: d.email, origin: typeof d.origin === 'string' ? d.origin : 'unknown' },
        payload: body,
      },
    };
  }
  const problems: string[] = [];
  const to = typeof d.to === 'string' ? [d.to] : d.to;
  if (!Array.isArray(to) || !to.every((a) => typeof a === 'string'))
    problems.push('data.to: expected a list of addresses');
  if (d.email_id !== undefined && typeof d.email_id !== 'string')
    problems.push('data.email_id: expected a string');
  const click = b.type === 'email.clicked' ? parseClick(d.click, createdAt, problems) : undefined;
  if (problems.length) return { problems };
  (to as string[]).forEach((address, i) => {
    if (!isEmailAddress(address.trim())) problems.push(`data.to[${i}]: expected an email address`);
  });
  // The event is recorded as it came: every string in it must be one the store can hold.
  for (const path of unstorablePaths(body)) problems.push(`${formatPath(path)}: ${UNSTORABLE_MESSAGE}`);
  if (problems.length) return { problems };
  const bounce = d.bounce as Record<string, unknown> | undefined;
  const failed = d.failed as Record<string, unknown> | undefined;
  const tags = tagsOf(d.tags);
  const detail = [bounce?.type, bounce?.subType, bounce?.message, failed?.reason]
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .join(' / ');
  return {
    event: {
      svixId,
      type: b.type,
      createdAt,
      ...(typeof d.email_id === 'string' ? { emailId: d.email_id } : {}),
      recipients: to as string[],
      ...(detail ? { detail } : {}),
      ...(click ? { click } : {}),
      ...(tags ? { tags } : {}),
      payload: isKnown(ENGAGEMENT_EVENTS, b.type) ? withoutClient(b, d, click) : body,
    },
  };
}

/**
 * An engagement event as recorded: the click's link and time only; no IP address or user agent, wherever Resend
 * puts them (`data.click`, `data.open`, or `data` itself).
 */
function withoutClient(
  b: Record<string, unknown>,
  d: Record<string, unknown>,
  click: { link: string; at: string } | undefined,
): unknown {
  const strip = (value: unknown) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    const {
      ipAddress: _ip,
      userAgent: _agent,
      ip_address: _ip2,
      user_agent: _agent2,
      ...rest
    } = value as Record<string, unknown>;
    return rest;
  };
  const data = strip(d) as Record<string, unknown>;
  return {
    ...b,
    data: {
      ...data,
      ...(click ? { click: { link: click.link, timestamp: click.at } } : {}),
      ...(data.open === undefined ? {} : { open: strip(data.open) }),
    },
  };
}

/** `data.click` of an `email.clicked`: the link and time; the user agent for the verdict; the IP address dropped. */
function parseClick(
  value: unknown,
  createdAt: string,
  problems: string[],
): { link: string; at: string; userAgent?: string } | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problems.push('data.click: expected an object');
    return undefined;
  }
  const c = value as Record<string, unknown>;
  if (typeof c.link !== 'string' || c.link === '') {
    problems.push('data.click.link: expected the clicked URL');
    return undefined;
  }
  const at =
    typeof c.timestamp === 'string' && !Number.isNaN(Date.parse(c.timestamp)) ? c.timestamp : createdAt;
  return { link: c.link, at, ...(typeof c.userAgent === 'string' ? { userAgent: c.userAgent } : {}) };
}

/** `handleResendWebhook` for the given secret and store. */
export function createResendWebhookHandler(deps: ResendWebhookDeps): (request: Request) => Promise<Response> {
  const max = deps.maxBytes ?? WEBHOOK_MAX_BYTES;
  const observe = deps.observe ?? (() => {});
  const refuse = (response: Response, problem: string, type = '(unverified)', id?: string): Response => {
    observe({ source: 'resend', type, outcome: 'rejected', problems: [problem], ...(id ? { id } : {}) });
    return response;
  };
  return async (request) => {
    if (request.method.toUpperCase() !== 'POST')
      return json(
        405,
        { error: `${request.method} is not allowed here: Resend POSTs its webhooks` },
        { allow: 'POST' },
      );
    if (!deps.secret)
      return refuse(
        json(503, { error: 'webhooks cannot be verified: RESEND_WEBHOOK_SECRET is not set' }),
        'RESEND_WEBHOOK_SECRET is not set',
      );
    const raw = await readLimited(request, max);
    if (raw === undefined)
      return refuse(json(413, { error: `body: larger than ${max} bytes` }), `body: larger than ${max} bytes`);
    if (jsonNestsDeeperThan(raw)) return refuse(json(400, { error: TOO_DEEP }), TOO_DEEP);
    const headers = {
      id: request.headers.get('svix-id') ?? '',
      timestamp: request.headers.get('svix-timestamp') ?? '',
      signature: request.headers.get('svix-signature') ?? '',
    };
    let body: unknown;
    try {
      body = verifyResendWebhook(raw, headers, deps.secret);
    } catch (error) {
      const name = (error as Error).name;
      if (error instanceof SyntaxError)
        return refuse(
          json(400, { error: `body: not valid JSON (${(error as Error).message})` }),
          'body: not JSON',
        );
      if (name === 'WebhookVerificationError')
        return refuse(
          json(401, { error: `signature: ${(error as Error).message}` }),
          `signature: ${(error as Error).message}`,
        );
      return refuse(
        json(500, { error: 'RESEND_WEBHOOK_SECRET is not a usable signing secret (expected whsec_…)' }),
        'RESEND_WEBHOOK_SECRET is not a usable signing secret',
      );
    }
    const parsed = parseResendEvent(headers.id, body);
    const type = isObject(body) && typeof body.type === 'string' ? body.type : '(none)';
    if ('problems' in parsed)
      return refuse(
        json(400, { error: 'invalid event', problems: parsed.problems }),
        parsed.problems.join('; '),
        type,
        headers.id,
      );
    if ('ignored' in parsed) {
      observe({ source: 'resend', type, outcome: 'ignored', id: headers.id });
      return json(200, { ok: true, ignored: parsed.ignored });
    }
    const outcome = await deps.apply(parsed.event);
    observe({ source: 'resend', type, outcome, id: headers.id });
    return json(200, { ok: true, [outcome]: parsed.event.type });
  };
}
