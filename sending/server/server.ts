/**
 * `serve`'s routes as one web `Request` → `Response` app (sending/server/http-node.ts serves it with node:http):
 *
 *   POST /orders              one order document or an array (bearer INTAKE_TOKEN): planned like `send --data`
 *   POST /events              { type: order-cancelled | order-refunded, orderId } or { type: shipment, document }
 *   GET|POST /unsubscribe     the one-click unsubscribe page and action (RFC 8058)
 *   GET|POST /preferences     the preference centre (signed link), or the form to have a link emailed
 *   POST /webhooks/resend     Resend's delivery, bounce and complaint webhooks (Svix signatures)
 *   POST /webhooks/shopify    Shopify's webhooks, when the engine has a handler for them
 *   GET /status?order=|to=    the same JSON as `status --json` (bearer INTAKE_TOKEN)
 *   GET /healthz              the store and the worker
 *
 * Every error is JSON (`{ error, problems? }`); a request refused for its token or its content records nothing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { UnsubscribeSecretMissing } from '../../core/links';
import type { GuardrailState } from '../engine/guardrail';
import { statusReport } from '../engine/status-report';
import type { StepStatus } from '../sequencer';

export type Handler = (request: Request) => Promise<Response>;

/** What the routes need from the engine (a `Sequencer` has all of it). */
export type ServeEngine = Readonly<{
  enqueue(documents: unknown): Promise<unknown>;
  event(event: ServeEvent): Promise<unknown>;
  /** The steps; the route answers them as `status --json` prints them (statusReport). */
  status(filter: Readonly<{ order?: string; to?: string }>): Promise<readonly StepStatus[]>;
  handleUnsubscribe: Handler;
  /** The preference centre (GET shows, POST saves; without a signed link, the form to have one emailed). */
  handlePreferences?: Handler;
  /** The complaint guardrail, for `GET /status` (absent: the field is left out). */
  guardrail?(): Promise<GuardrailState>;
  handleResendWebhook: Handler;
  handleShopifyWebhook?: Handler;
  /** The store and worker state for /healthz; `ok: false` answers 503. */
  health(): Promise<Readonly<{ ok: boolean }> & Record<string, unknown>>;
}>;

export type ServeEvent =
  | Readonly<{ type: 'order-cancelled' | 'order-refunded'; orderId: string }>
  | Readonly<{ type: 'shipment'; document: unknown }>;

export type AppOptions = Readonly<{
  engine: ServeEngine;
  /** `INTAKE_TOKEN`: without it, the bearer routes answer 401 to everyone. */
  intakeToken: string | undefined;
  /**
   * Turns an error the engine threw into problems for a 400 (invalid documents, a bad event), or undefined
   * for anything else (a 500).
   */
  problemsOf?: (error: unknown) => readonly string[] | undefined;
  onError?: (error: unknown) => void;
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

export function createApp(options: AppOptions): Handler {
  const { engine } = options;

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
    const problems = options.problemsOf?.(error);
    if (problems) return json(400, { error: 'invalid input, nothing recorded', problems });
    // The server's configuration, not the request: say so, rather than "internal error".
    if (error instanceof UnsubscribeSecretMissing)
      return json(503, { error: `${error.message}; nothing recorded` });
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
        const steps = await engine.status({ ...(order ? { order } : {}), ...(to ? { to } : {}) });
        const guardrail = await engine.guardrail?.();
        return json(200, statusReport(steps, guardrail));
      },
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
      handle: async () => {
        const health = await engine.health();
        return json(health.ok ? 200 : 503, health);
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
