/**
 * What every answer of the server carries (no framing, no sniffing), and what is refused before a route runs:
 * a bearer route without the intake token, a body larger than the limit by its `Content-Length`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { json } from '../http/respond';

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

/** Every page we serve refuses to be framed (clickjacking the unsubscribe button) and to be sniffed. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
};

export function secured(response: Response): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  const policy = headers.get('content-security-policy');
  if (!policy) headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  else if (!/frame-ancestors/.test(policy))
    headers.set('content-security-policy', `${policy}; frame-ancestors 'none'`);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * What can be refused from a request's head alone, before a byte of its body is read: a body larger than
 * `maxBodyBytes` by its `Content-Length`, and a bearer route without the intake token. The Node adapter asks
 * this first, so an unauthenticated 50 MB body is answered at once and never read.
 */
export function refuseBeforeBody(
  intakeToken: string | undefined,
  maxBodyBytes: number,
): (request: Request) => Response | undefined {
  return (request) => {
    const path = new URL(request.url).pathname.replace(/\/+$/, '') || '/';
    if (BEARER_ROUTES.has(path) && !bearerMatches(request.headers.get('authorization'), intakeToken))
      return secured(unauthorized(intakeToken));
    const declared = Number(request.headers.get('content-length') ?? '0');
    if (Number.isFinite(declared) && declared > maxBodyBytes)
      return secured(json(413, { error: `body: larger than ${maxBodyBytes} bytes` }));
    return undefined;
  };
}

export function unauthorized(intakeToken: string | undefined): Response {
  return json(
    401,
    {
      error: intakeToken
        ? 'authorization: expected "Bearer <INTAKE_TOKEN>"'
        : 'authorization: INTAKE_TOKEN is not set on this server, so intake is closed',
    },
    { 'www-authenticate': 'Bearer' },
  );
}

const BEARER_ROUTES: ReadonlySet<string> = new Set(['/orders', '/events', '/status']);
