/**
 * The console's door: one password (`ADMIN_PASSWORD`), checked in constant time; sessions in memory (a restart
 * signs everyone out), each with its own CSRF token; the sixth wrong password from one address within a minute
 * is answered 429. The cookie is HttpOnly, SameSite=Strict, Path=/admin, Secure over https (or behind a proxy
 * that says `X-Forwarded-Proto: https`), and lasts 12 hours.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'ppe_admin';
export const SESSION_MS = 12 * 3_600_000;
/** Wrong tries allowed per address per window; the next one is 429. */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 60_000;

export type Session = {
  readonly id: string;
  readonly csrf: string;
  readonly expires: number;
  /** A message for the next page (after a redirect): what a cancel stopped, say. */
  flash?: string;
};

const digest = (text: string) => createHash('sha256').update(text).digest();

export type AdminAuth = Readonly<{
  /** True when `given` is the password; the same work whatever it is. */
  passwordMatches(given: string): boolean;
  /** Whether this address may try now (false: 429). */
  mayTry(address: string, now?: number): boolean;
  /** Records a wrong try from the address. */
  failed(address: string, now?: number): void;
  start(now?: number): Session;
  /** The request's live session, or undefined. */
  sessionOf(request: Request, now?: number): Session | undefined;
  end(request: Request): void;
  cookieFor(session: Session, request: Request): string;
  clearedCookie(request: Request): string;
  /** The request carries the session's CSRF token (header `x-csrf-token` or the form field `csrf`). */
  csrfMatches(session: Session, given: string | null | undefined): boolean;
}>;

export function createAdminAuth(password: string): AdminAuth {
  const expected = digest(password);
  const sessions = new Map<string, Session>();
  const failures = new Map<string, number[]>();

  const recent = (address: string, now: number) =>
    (failures.get(address) ?? []).filter((t) => now - t < FAILURE_WINDOW_MS);

  const secure = (request: Request) =>
    new URL(request.url).protocol === 'https:' ||
    (request.headers.get('x-forwarded-proto') ?? '').split(',')[0]?.trim().toLowerCase() === 'https';

  const attributes = (request: Request) =>
    `HttpOnly; SameSite=Strict; Path=/admin${secure(request) ? '; Secure' : ''}`;

  return {
    passwordMatches: (given) => timingSafeEqual(digest(given), expected),
    mayTry: (address, now = Date.now()) => recent(address, now).length < MAX_FAILURES,
    failed(address, now = Date.now()) {
      failures.set(address, [...recent(address, now), now]);
      // A bounded map: an attacker rotating addresses cannot grow it without end.
      if (failures.size > 10_000) for (const key of [...failures.keys()].slice(0, 5000)) failures.delete(key);
    },
    start(now = Date.now()) {
      for (const [id, s] of sessions) if (s.expires <= now) sessions.delete(id);
      const session: Session = {
        id: randomBytes(32).toString('base64url'),
        csrf: randomBytes(32).toString('base64url'),
        expires: now + SESSION_MS,
      };
      sessions.set(session.id, session);
      return session;
    },
    sessionOf(request, now = Date.now()) {
      const id = cookieValue(request.headers.get('cookie'), SESSION_COOKIE);
      if (!id) return undefined;
      const session = sessions.get(id);
      if (!session) return undefined;
      if (session.expires <= now) {
        sessions.delete(id);
        return undefined;
      }
      return session;
    },
    end(request) {
      const id = cookieValue(request.headers.get('cookie'), SESSION_COOKIE);
      if (id) sessions.delete(id);
    },
    cookieFor: (session, request) =>
      `${SESSION_COOKIE}=${session.id}; Max-Age=${SESSION_MS / 1000}; ${attributes(request)}`,
    clearedCookie: (request) => `${SESSION_COOKIE}=; Max-Age=0; ${attributes(request)}`,
    csrfMatches: (session, given) =>
      typeof given === 'string' && given.length > 0 && timingSafeEqual(digest(given), digest(session.csrf)),
  };
}

export function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
