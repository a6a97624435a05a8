/**
 * `serve`'s routes as one web `Request` → `Response` app (sending/server/http-node.ts serves it with node:http):
 *
 *   POST /orders              one order document or an array (bearer INTAKE_TOKEN): planned like `send --data`
 *   POST /events              { type: order-cancelled | order-refunded, orderId } or { type: shipment, document }
 *   GET|POST /unsubscribe     the one-click unsubscribe page and action (RFC 8058)
 *   GET|POST /preferences     the preference centre (signed link), or the form to have a link emailed
 *   POST /webhooks/resend     Resend's delivery, bounce and complaint webhooks (Svix signatures)
 *   POST /webhooks/shopify    Shopify's webhooks, when the engine has a handler for them
 *   GET /status?order=|to=    the same JSON as `status --json`, a page at a time (`limit`, `cursor`; bearer INTAKE_TOKEN)
 *   GET /report?since=30d     what each email achieved (bearer INTAKE_TOKEN): the report document
 *   GET|POST /feedback        a review request's rating link and its thank-you page with a comment form
 *   GET /healthz              ok or not per check (store, worker, Resend); details with the intake token
 *   GET /metrics              Prometheus text (bearer METRICS_TOKEN when it is set), when the app has metrics
 *   /admin/…                  the console (sending/server/console/), when ADMIN_PASSWORD is set; else 404
 *
 * Every error is JSON (`{ error, problems? }`); a request refused for its token or its content records nothing.
 * Every response forbids framing (`frame-ancestors 'none'`, `X-Frame-Options: DENY`); while the store cannot be
 * reached, every route answers `503` with `Retry-After`.
 */
import { z } from 'zod';
import { UnsubscribeSecretMissing } from '../../core/links';
import { issueLines, ValidationError } from '../../core/order-document';
import { isStorableText } from '../../core/storable-text';
import type { GuardrailState } from '../engine/guardrail';
import type { OutcomeReport } from '../engine/outcome-report';
import { type StatusReport, statusReport } from '../engine/status-report';
import { jsonNestsDeeperThan, TOO_DEEP } from '../http/json-depth';
import { json } from '../http/respond';
import { type StatusPage, statusPageOf } from '../http/status-page';
import { describeInvalid } from '../intake/order-input';
import { parseSince } from '../plan/duration';
import { InvalidOrdersError, type Sequencer } from '../sequencer';
import { isStoreUnreachable, RETRY_AFTER_SECONDS } from '../store/unreachable';
import { bearerMatches, secured, unauthorized } from './guards';
import { intakeBatcher } from './intake-batch';

export type Handler = (request: Request) => Promise<Response>;

/** What the routes need from the engine: `engineOf(sequencer)` makes one from a `Sequencer`. */
export type ServeEngine = Readonly<{
  /** Plans one order document or a list; its answer is the 200's body. */
  enqueue(documents: unknown): Promise<unknown>;
  event(event: ServeEvent): Promise<unknown>;
  /**
   * The steps (at most `limit`, after `cursor` when given) as the same document as `status --json`
   * (`sequencer.status()`); the route adds the cursor of the next page.
   */
  status(filter: StatusPage): Promise<StatusReport>;
  handleUnsubscribe: Handler;
  /** The preference centre (GET shows, POST saves; without a signed link, the form to have one emailed). */
  handlePreferences?: Handler;
  /** The complaint guardrail, for `GET /status` (absent: the field is left out). */
  guardrail?(): Promise<GuardrailState>;
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
  options: Readonly<{
    health?: ServeEngine['health'];
    /** `false`: intake plans and answers, leaving the release to a worker (serve's); default: the sequencer's own rule. */
    release?: false;
  }> = {},
): ServeEngine {
  // Without the release in the request (serve's worker sends), concurrent orders share their transactions.
  const batcher =
    options.release === false
      ? intakeBatcher(async (documents) => (await sequencer.enqueue(documents, { release: false })).orders)
      : undefined;
  return {
    enqueue: async (documents) => {
      const orders = batcher ? await batcher.submit(documents) : (await sequencer.enqueue(documents)).orders;
      return {
        orders: orders.map((o) => ({
          order: o.order,
          to: o.to,
          steps: o.plan.steps.length,
          skipped: o.plan.skipped.length,
        })),
      };
    },
    event: (event) => sequencer.event(event, options.release === false ? { release: false } : {}),
    status: (filter) => sequencer.status(filter),
    handleUnsubscribe: (request) => sequencer.handleUnsubscribe(request),
    handleResendWebhook: (request) => sequencer.handleResendWebhook(request),
    handleShopifyWebhook: (request) => sequencer.handleShopifyWebhook(request),
    handlePreferences: (request) => sequencer.handlePreferences(request),
    guardrail: () => sequencer.guardrailState(),
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
  /** The console's handler for every `/admin` path (createConsole); without it `/admin` answers 404. */
  console?: Handler;
}>;

export { json } from '../http/respond';
export { bearerMatches, refuseBeforeBody, SECURITY_HEADERS, secured } from './guards';

const eventSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.enum(['order-cancelled', 'order-refunded']),
      orderId: z
        .string({ error: 'expected the order id' })
        .trim()
        .min(1, { error: 'must not be empty' })
        .refine((v) => isStorableText(v) && !/[\r\n]/.test(v), {
          error: 'must be one line of storable text',
        }),
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
  return issueLines(error, 'body');
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

  const authorized = (request: Request): Response | undefined =>
    bearerMatches(request.headers.get('authorization'), options.intakeToken)
      ? undefined
      : unauthorized(options.intakeToken);

  const readJson = async (request: Request): Promise<{ value: unknown } | { response: Response }> => {
    const type = request.headers.get('content-type') ?? '';
    if (type && !/^application\/(.+\+)?json\b/i.test(type))
      return { response: json(415, { error: `content-type: expected application/json, got ${type}` }) };
    const text = await request.text();
    if (text.trim() === '') return { response: json(400, { error: 'body: expected JSON, got nothing' }) };
    if (jsonNestsDeeperThan(text)) return { response: json(400, { error: TOO_DEEP }) };
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
        return statusRoute(engine, request);
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
    '/preferences': {
      methods: ['GET', 'HEAD', 'POST'],
      handle: async (request) =>
        engine.handlePreferences
          ? engine.handlePreferences(request)
          : json(404, { error: 'the preference centre is not served by this engine' }),
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
    if (path === '/admin' || path.startsWith('/admin/')) {
      if (!options.console) return json(404, { error: `${path}: no such route` });
      try {
        return await options.console(request);
      } catch (error) {
        options.onError?.(error);
        return json(500, { error: 'internal error' });
      }
    }
    const route = routes[path];
    if (!route) return secured(json(404, { error: `${path}: no such route` }));
    const method = request.method.toUpperCase();
    if (!route.methods.includes(method))
      return secured(
        json(
          405,
          { error: `${method} ${path}: use ${route.methods.join(' or ')}` },
          { allow: route.methods.join(', ') },
        ),
      );
    try {
      return secured(await route.handle(request));
    } catch (error) {
      if (isStoreUnreachable(error))
        return secured(
          json(
            503,
            { error: 'the store cannot be reached right now; nothing was recorded, try again shortly' },
            { 'retry-after': String(RETRY_AFTER_SECONDS) },
          ),
        );
      options.onError?.(error);
      return secured(json(500, { error: 'internal error' }));
    }
  };
}

/** `GET /status`: one page of steps (one more is asked for, to know whether there is a next page). */
async function statusRoute(engine: ServeEngine, request: Request): Promise<Response> {
  const page = statusPageOf(new URL(request.url).searchParams);
  if ('problems' in page) return json(400, { error: 'invalid query', problems: page.problems });
  // One more than the page: whether there is a next one.
  const { steps, abTests } = await engine.status({ ...page.filter, limit: page.filter.limit + 1 });
  const shown = steps.slice(0, page.filter.limit);
  const last = shown[shown.length - 1];
  // Shopify deliveries our schema refused come after every step, on the last page: no cursor past them.
  const next =
    steps.length > page.filter.limit && last && last.state !== 'rejected' ? page.cursorAfter(last) : null;
  return json(200, {
    ...statusReport(shown, { guardrail: await engine.guardrail?.(), ...(abTests ? { abTests } : {}) }),
    next,
  });
}
