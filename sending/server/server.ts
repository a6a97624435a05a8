/**
 * `serve`'s routes as one web `Request` → `Response` app (sending/server/http-node.ts serves it with node:http):
 *
 *   POST /orders              one order document or an array (bearer INTAKE_TOKEN): planned like `send --data`
 *   POST /events              { type: order-cancelled | order-refunded, orderId } or { type: shipment, document }
 *   GET|POST /unsubscribe     the one-click unsubscribe page and action (RFC 8058)
 *   POST /webhooks/resend     Resend's delivery, bounce and complaint webhooks (Svix signatures)
 *   POST /webhooks/shopify    Shopify's webhooks, when the engine has a handler for them
 *   GET /status?order=|to=    the same JSON as `status --json` (bearer INTAKE_TOKEN)
 *   GET /report?since=30d     what each email achieved (bearer INTAKE_TOKEN): the report document
 *   GET|POST /feedback        a review request's rating link and its thank-you page with a comment form
 *   GET /healthz              ok or not per check (store, worker, Resend); details with the intake token
 *   GET /metrics              Prometheus text (bearer METRICS_TOKEN when it is set), when the app has metrics
 *
 * Every error is JSON (`{ error, problems? }`); a request refused for its token or its content records nothing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { UnsubscribeSecretMissing } from '../../core/links';
import { ValidationError } from '../../core/order-document';
import { parseSince } from '../cli/send-options';
import type { OutcomeReport } from '../engine/outcome-report';
import type { StatusReport } from '../engine/status-report';
import { describeInvalid } from '../intake/order-input';
import { InvalidOrdersError, type Sequencer } from '../sequencer';

export type Handler = (request: Request) => Promise<Response>;

/** What the routes need from the engine: `engineOf(sequencer)` makes one from a `Sequencer`. */
export type ServeEngine = Readonly<{
  /** Plans one order document or a list; its answer is the 200's body. */
  enqueue(documents: unknown): Promise<unknown>;
  event(event: ServeEvent): Promise<unknown>;
  /** The same document as `status --json` (`sequencer.status()`). */
  status(filter: Readonly<{ order?: string; to?: string }>): Promise<StatusReport>;
  handleUnsubscribe: Handler;
  handleResendWebhook: Handler;
  handleShopifyWebhook?: Handler;
  /** The outcome report over the `sinceMs` before now; without it, /report answers 404. */
  report?(sinceMs: number): Promise<OutcomeReport>;
  /** Review-request answers (`GET|POST /feedback`); without it, /feedback answers 404. */
  handleFeedback?: Handler;
  /**
   * The checks for /healthz; `ok: false` answers 503. Default: `{ ok: true }`. `detailed` when the caller showed the intake token: the
   * last errors and the configuration check may be added then, never otherwise.
   */
  health?(detailed: boolean): Promise<Readonly<{ ok: boolean }> & Record<string, unknown>>;
}>;

/**
 * A `Sequencer` as the app's engine: `POST /orders` answers each order planned (its id, recipient, and how many
 * steps were planned and skipped); `health` is yours to give (serve's checks the store and its worker).
 */
export function engineOf(
  sequencer: Sequencer,
  options: Readonly<{ health?: ServeEngine['health'] }> = {},
): ServeEngine {
  return {
    enqueue: async (documents) => {
      const result = await sequencer.enqueue(documents);
      return {
        orders: result.orders.map((o) => ({
          order: o.order,
          to: o.to,
          steps: o.plan.steps.length,
          skipped: o.plan.skipped.length,
        })),
      };
    },
    event: (event) => sequencer.event(event),
    status: (filter) => sequencer.status(filter),
    handleUnsubscribe: (request) => sequencer.handleUnsubscribe(request),
    handleResendWebhook: (request) => sequencer.handleResendWebhook(request),
    handleShopifyWebhook: (request) => sequencer.handleShopifyWebhook(request),
    report: (sinceMs) => sequencer.report({ sinceMs }),
    handleFeedback: (request) => sequencer.handleFeedback(request),
    ...(options.health ? { health: options.health } : {}),
  };
}

export type ServeEvent =
  | Readonly<{ type: 'order-cancelled' | 'order-refunded'; orderId: string }>
  | Readonly<{ type: 'shipment'; document: unknown }>;

export type AppOptions = Readonly<{
  /** `INTAKE_TOKEN`: without it, the bearer routes answer 401 to everyone. */
  intakeToken?: string | undefined;
  /**
   * Turns an error the engine threw into problems for a 400 (invalid documents, a bad event), or undefined
   * for anything else (a 500). Default: the problems of an `InvalidOrdersError` or a `ValidationError`.
   */
  problemsOf?: (error: unknown) => readonly string[] | undefined;
  onError?: (error: unknown) => void;
  /**
   * Where this server's operator sets the unsubscribe secret (`serve`: `UNSUBSCRIBE_SECRET`), named in the 503 an
   * order gets when its links cannot be signed. Default: the message names the `unsubscribeSecret` option.
   */
  unsubscribeSecretSetting?: string;
  /** `GET /metrics`'s text; without it the route answers 404. */
  metrics?: () => Promise<Readonly<{ contentType: string; body: string }>>;
  /** `METRICS_TOKEN`: when set, /metrics wants it as a bearer token. */
  metricsToken?: string;
}>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** Constant-time bearer check: both sides hashed, so neither content nor length leaks through timing. */
export function bearerMatches(header: string | null, token: string | undefined): boolean {
  if (!token) return false;
  const m = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? '');
  const given = createHash('sha256')
    .update(m?.[1] ?? '')
    .digest();
  const expected = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, expected) && m !== null;
}

const eventSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.enum(['order-cancelled', 'order-refunded']),
      orderId: z.string({ error: 'expected the order id' }).trim().min(1, { error: 'must not be empty' }),
    }),
    z.strictObject({
      type: z.literal('shipment'),
      // z.custom, not z.unknown(): zod reports a missing unknown() key as "expected nonoptional".
      document: z.custom<unknown>((value) => value !== undefined, {
        error: 'required: the order document whose shipment is the news',
      }),
    }),
  ],
  { error: 'expected "order-cancelled", "order-refunded" or "shipment"' },
);

function zodProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length
      ? issue.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '')
      : 'body';
    return `${path}: ${issue.message}`;
  });
}

type Route = Readonly<{ methods: readonly string[]; handle: Handler }>;

/** What a document refused by the engine says, field by field: a 400, not a 500. */
export function defaultProblemsOf(error: unknown): readonly string[] | undefined {
  if (error instanceof InvalidOrdersError) return describeInvalid(error.invalid);
  if (error instanceof ValidationError) return error.problems;
  return undefined;
}

/** The routes above as one web `Request` → `Response` function (`serveApp` in sending/http-node.ts listens with it). */
export function createApp(engine: ServeEngine, options: AppOptions = {}): Handler {
  const problemsOf = options.problemsOf ?? defaultProblemsOf;

  const authorized = (request: Request): Response | undefined => {
    if (bearerMatches(request.headers.get('authorization'), options.intakeToken)) return undefined;
    return json(
      401,
      {
        error: options.intakeToken
          ? 'authorization: expected "Bearer <INTAKE_TOKEN>"'
          : 'authorization: INTAKE_TOKEN is not set on this server, so intake is closed',
      },
      { 'www-authenticate': 'Bearer' },
    );
  };

  const readJson = async (request: Request): Promise<{ value: unknown } | { response: Response }> => {
    const type = request.headers.get('content-type') ?? '';
    if (type && !/^application\/(.+\+)?json\b/i.test(type))
      return { response: json(415, { error: `content-type: expected application/json, got ${type}` }) };
    const text = await request.text();
    if (text.trim() === '') return { response: json(400, { error: 'body: expected JSON, got nothing' }) };
    try {
      return { value: JSON.parse(text) as unknown };
    } catch (error) {
      return { response: json(400, { error: `body: not valid JSON (${(error as Error).message})` }) };
    }
  };

  const refused = (error: unknown): Response => {
    const problems = problemsOf(error);
    if (problems) return json(400, { error: 'invalid input, nothing recorded', problems });
    // The server's configuration, not the request: say so, rather than "internal error".
    if (error instanceof UnsubscribeSecretMissing)
      return json(503, {
        error: options.unsubscribeSecretSetting
          ? `shop.unsubscribeUrl contains {token}, but this server has no unsubscribe secret: set ${options.unsubscribeSecretSetting}; nothing recorded`
          : `${error.message}; nothing recorded`,
      });
    throw error;
  };

  const routes: Record<string, Route> = {
    '/orders': {
      methods: ['POST'],
      handle: async (request) => {
        const denied = authorized(request);
        if (denied) return denied;
        const body = await readJson(request);
        if ('response' in body) return body.response;
        if (Array.isArray(body.value) && body.value.length === 0)
          return json(400, {
            error: 'invalid input, nothing recorded',
            problems: ['(body): an empty list; expected an order document or a list of them'],
          });
        try {
          return json(200, await engine.enqueue(body.value));
        } catch (error) {
          return refused(error);
        }
      },
    },
    '/events': {
      methods: ['POST'],
      handle: async (request) => {
        const denied = authorized(request);
        if (denied) return denied;
        const body = await readJson(request);
        if ('response' in body) return body.response;
        const parsed = eventSchema.safeParse(body.value);
        if (!parsed.success)
          return json(400, { error: 'invalid event, nothing recorded', problems: zodProblems(parsed.error) });
        try {
          return json(200, await engine.event(parsed.data as ServeEvent));
        } catch (error) {
          return refused(error);
        }
      },
    },
    '/status': {
      methods: ['GET', 'HEAD'],
      handle: async (request) => {
        const denied = authorized(request);
        if (denied) return denied;
        const params = new URL(request.url).searchParams;
        const order = params.get('order') ?? undefined;
        const to = params.get('to') ?? undefined;
        const unknown = [...params.keys()].filter((k) => k !== 'order' && k !== 'to');
        if (unknown.length)
          return json(400, {
            error: 'invalid query',
            problems: unknown.map((k) => `${k}: unknown parameter (use order or to)`),
          });
        return json(200, await engine.status({ ...(order ? { order } : {}), ...(to ? { to } : {}) }));
      },
    },
    '/report': {
      methods: ['GET', 'HEAD'],
      handle: async (request) => {
        const denied = authorized(request);
        if (denied) return denied;
        if (!engine.report) return json(404, { error: 'the report is not served by this engine' });
        const params = new URL(request.url).searchParams;
        const unknown = [...params.keys()].filter((k) => k !== 'since');
        if (unknown.length)
          return json(400, {
            error: 'invalid query',
            problems: unknown.map((k) => `${k}: unknown parameter (use since)`),
          });
        const since = params.get('since') ?? '30d';
        const sinceMs = parseSince(since);
        if (sinceMs === undefined)
          return json(400, {
            error: 'invalid query',
            problems: [`since: expected a duration such as 7d, 30d or 12h, got "${since}"`],
          });
        return json(200, await engine.report(sinceMs));
      },
    },
    '/feedback': {
      methods: ['GET', 'HEAD', 'POST'],
      handle: async (request) =>
        engine.handleFeedback
          ? engine.handleFeedback(request)
          : json(404, { error: 'feedback is not served by this engine' }),
    },
    '/unsubscribe': {
      methods: ['GET', 'HEAD', 'POST'],
      handle: (request) => engine.handleUnsubscribe(request),
    },
    '/webhooks/resend': { methods: ['POST'], handle: (request) => engine.handleResendWebhook(request) },
    '/webhooks/shopify': {
      methods: ['POST'],
      handle: async (request) =>
        engine.handleShopifyWebhook
          ? engine.handleShopifyWebhook(request)
          : json(404, { error: 'Shopify webhooks are not handled by this build' }),
    },
    '/healthz': {
      methods: ['GET', 'HEAD'],
      handle: async (request) => {
        const detailed = bearerMatches(request.headers.get('authorization'), options.intakeToken);
        const health = engine.health ? await engine.health(detailed) : { ok: true };
        return json(health.ok ? 200 : 503, health);
      },
    },
    '/metrics': {
      methods: ['GET', 'HEAD'],
      handle: async (request) => {
        if (!options.metrics) return json(404, { error: '/metrics: no such route' });
        if (
          options.metricsToken &&
          !bearerMatches(request.headers.get('authorization'), options.metricsToken)
        )
          return json(
            401,
            { error: 'authorization: expected "Bearer <METRICS_TOKEN>"' },
            { 'www-authenticate': 'Bearer' },
          );
        const { contentType, body } = await options.metrics();
        return new Response(body, {
          status: 200,
          headers: { 'content-type': contentType, 'cache-control': 'no-store' },
        });
      },
    },
  };

  return async (request) => {
    const path = new URL(request.url).pathname.replace(/\/+$/, '') || '/';
    const route = routes[path];
    if (!route) return json(404, { error: `${path}: no such route` });
    const method = request.method.toUpperCase();
    if (!route.methods.includes(method))
      return json(
        405,
        { error: `${method} ${path}: use ${route.methods.join(' or ')}` },
        { allow: route.methods.join(', ') },
      );
    try {
      return await route.handle(request);
    } catch (error) {
      options.onError?.(error);
      return json(500, { error: 'internal error' });
    }
  };
}
