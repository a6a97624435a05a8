/**
 * Every HTTP request as one log line and one count: method, route (the route's pattern — never the raw path,
 * whose query may hold an address and a token), status, milliseconds and a request id. The id is the caller's
 * `x-request-id` when it is a sane one (a proxy's or a load balancer's), else a new UUID; either way it goes back
 * as `x-request-id`, so a shop's support can quote it.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../engine/telemetry';

export type App = (request: Request) => Promise<Response>;

/** serve's routes; a path that is none of them is logged as `(other)`, and anything under /admin as `/admin/*`. */
export const ROUTES = [
  '/orders',
  '/events',
  '/status',
  '/unsubscribe',
  '/webhooks/resend',
  '/webhooks/shopify',
  '/healthz',
  '/metrics',
  '/admin',
] as const;

export function routeOf(pathname: string, routes: readonly string[] = ROUTES): string {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (routes.includes(path)) return path;
  if (path.startsWith('/admin/')) return '/admin/*';
  return '(other)';
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's id when it is safe to log and echo, else a fresh one. */
export function requestIdOf(request: Request): string {
  const given = request.headers.get('x-request-id')?.trim();
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

export type RequestSeen = Readonly<{
  requestId: string;
  method: string;
  route: string;
  status: number;
  ms: number;
}>;

/** The line and the count for one answered request (also for the answers the Node adapter gives itself). */
export function logRequest(
  log: Logger,
  count: (route: string, status: number) => void,
  seen: RequestSeen,
): void {
  count(seen.route, seen.status);
  const fields = { event: 'http', ...seen, ms: Math.round(seen.ms * 10) / 10 };
  const message = `${seen.method} ${seen.route} ${seen.status}`;
  // A 503 says a part is down (a health check, an unset secret): worth a look, not a failure of ours.
  if (seen.status === 503) log.warn(fields, message);
  else if (seen.status >= 500) log.error(fields, message);
  else log.info(fields, message);
}

export function withRequestLog(
  app: App,
  options: Readonly<{ log: Logger; count: (route: string, status: number) => void }>,
): App {
  return async (request) => {
    const started = performance.now();
    const requestId = requestIdOf(request);
    const method = request.method.toUpperCase();
    let route = '(other)';
    try {
      route = routeOf(new URL(request.url).pathname);
    } catch {}
    let response: Response;
    try {
      response = await app(request);
    } catch (error) {
      options.log.error({ event: 'http.error', requestId, route, err: error }, `${method} ${route} threw`);
      response = new Response(JSON.stringify({ error: 'internal error' }), {
        status: 500,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      });
    }
    const headers = new Headers(response.headers);
    headers.set('x-request-id', requestId);
    logRequest(options.log, options.count, {
      requestId,
      method,
      route,
      status: response.status,
      ms: performance.now() - started,
    });
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}
