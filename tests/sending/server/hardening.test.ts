/**
 * The app and its Node adapter against hostile requests: frames refused on every answer, a body refused from
 * its head alone (an oversized Content-Length, no token) without being read, JSON nested too deep, a status
 * page and its cursor, and `503` with `Retry-After` while the store cannot be reached — for a real `pg` pool
 * whose server is gone, as for any route.
 */

import { connect } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusReport } from '../../../sending/engine/status-report';
import { insideDirectory, safeFileName } from '../../../sending/offline/safe-name';
import type { StepStatus } from '../../../sending/sequencer';
import { DEFAULT_MAX_BODY_BYTES, type RunningServer, serveApp } from '../../../sending/server/http-node';
import { createApp, refuseBeforeBody, type ServeEngine } from '../../../sending/server/server';
import { isStoreUnreachable } from '../../../sending/store/unreachable';

const TOKEN = 'hardening-token';

const step = (i: number): StepStatus => ({
  order: `ord-${String(i).padStart(3, '0')}`,
  test: false,
  to: 'a@example.com',
  step: 1,
  template: 'order-confirmation',
  kind: 'transactional',
  state: 'planned',
  sendAt: '2026-11-20T00:30:00.000Z',
  local: '2026-11-20T09:30:00+09:00',
  variant: null,
  resendId: null,
  reason: null,
  attempts: 0,
  lastEvent: null,
});
const ALL = Array.from({ length: 250 }, (_, i) => step(i));

let failWith: unknown;
let bodiesRead = 0;
const engine: ServeEngine = {
  enqueue: async () => {
    if (failWith) throw failWith;
    return { ok: true };
  },
  event: async () => ({}),
  status: async (filter) => {
    if (failWith) throw failWith;
    const after = filter.after;
    const rest = after ? ALL.filter((s) => s.order > after.order) : ALL;
    return statusReport(rest.slice(0, filter.limit ?? ALL.length));
  },
  handleUnsubscribe: async () =>
    new Response('<p>page</p>', { status: 200, headers: { 'content-type': 'text/html' } }),
  handleResendWebhook: async (request) => {
    bodiesRead += (await request.text()).length;
    if (failWith) throw failWith;
    return new Response('{}', { status: 200 });
  },
  health: async () => ({ ok: true }),
};

let server: RunningServer;
beforeAll(async () => {
  server = await serveApp(createApp(engine, { intakeToken: TOKEN }), {
    port: 0,
    host: '127.0.0.1',
    refuse: refuseBeforeBody(TOKEN, DEFAULT_MAX_BODY_BYTES),
  });
});
afterAll(() => server.close());

const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
const bearer = { authorization: `Bearer ${TOKEN}` };

describe('every answer refuses to be framed', () => {
  it('JSON, HTML, 404 and 401 alike', async () => {
    for (const response of [
      await call('/healthz'),
      await call('/unsubscribe?e=a@example.com&t=x'),
      await call('/nowhere'),
      await call('/orders', { method: 'POST', body: '{}' }),
    ]) {
      expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});

/** Sends only the head of a request announcing `length` bytes, and resolves with the status line it gets. */
function headOnly(path: string, length: number, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => {
      const lines = [
        `POST ${path} HTTP/1.1`,
        'host: 127.0.0.1',
        'content-type: application/json',
        `content-length: ${length}`,
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      ];
      socket.write(`${lines.join('\r\n')}\r\n\r\n{"a":`);
    });
    let got = '';
    socket.on('data', (d) => {
      got += String(d);
      if (got.includes('\r\n')) {
        resolve(got.split('\r\n')[0] ?? '');
        socket.destroy();
      }
    });
    socket.on('error', reject);
    setTimeout(() => reject(new Error('no answer before the body')), 5000).unref();
  });
}

describe('refused from the head, before the body is read', () => {
  it('an unauthenticated 50 MB body is answered 401 at once', async () => {
    expect(await headOnly('/orders', 50 * 1024 * 1024)).toBe('HTTP/1.1 401 Unauthorized');
  });

  it('a Content-Length past the limit is answered 413 at once, even with the token', async () => {
    expect(await headOnly('/orders', 50 * 1024 * 1024, bearer)).toBe('HTTP/1.1 413 Payload Too Large');
    expect(await headOnly('/webhooks/resend', DEFAULT_MAX_BODY_BYTES + 1)).toBe(
      'HTTP/1.1 413 Payload Too Large',
    );
    expect(bodiesRead).toBe(0);
  });

  it('JSON nested deeper than the limit is a 400', async () => {
    const response = await call('/orders', {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/nested deeper than 64 levels/);
  });

  it('an event whose order id holds a NUL or a line break is a 400 naming it', async () => {
    for (const orderId of ['a\u0000b', 'a\r\nb']) {
      const response = await call('/events', {
        method: 'POST',
        headers: { ...bearer, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'order-cancelled', orderId }),
      });
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain('orderId: must be one line of storable text');
    }
  });
});

describe('GET /status, a page at a time', () => {
  it('without a filter: the default page and the cursor of the next; following it gives every step once', async () => {
    const seen: StepStatus[] = [];
    let next: string | null = '';
    let pages = 0;
    while (next !== null) {
      const response = await call(`/status${next ? `?cursor=${next}` : ''}`, { headers: bearer });
      expect(response.status).toBe(200);
      const page = (await response.json()) as { steps: StepStatus[]; next: string | null };
      expect(page.steps.length).toBeLessThanOrEqual(100);
      seen.push(...page.steps);
      next = page.next;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(ALL);
  });

  it('refuses a bad limit or a cursor it never gave', async () => {
    for (const query of ['limit=0', 'limit=1001', 'limit=ten', 'cursor=bm9wZQ', 'order=a%00b']) {
      const response = await call(`/status?${query}`, { headers: bearer });
      expect(response.status, query).toBe(400);
    }
  });
});

describe('while the store cannot be reached', () => {
  it('classifies a refused connection, a terminated backend and a cut connection, not a bug', async () => {
    const refused = new pg.Pool({ host: '127.0.0.1', port: 1, connectionTimeoutMillis: 2000 });
    const error = await refused.query('select 1').catch((e: unknown) => e);
    await refused.end();
    expect(isStoreUnreachable(error)).toBe(true);
    expect(isStoreUnreachable(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(
      true,
    );
    expect(isStoreUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isStoreUnreachable(new TypeError('x is undefined'))).toBe(false);
    expect(isStoreUnreachable(Object.assign(new Error('syntax'), { code: '42601' }))).toBe(false);
  });

  it('every route answers 503 with Retry-After', async () => {
    const refused = new pg.Pool({ host: '127.0.0.1', port: 1, connectionTimeoutMillis: 2000 });
    failWith = await refused.query('select 1').catch((e: unknown) => e);
    await refused.end();
    try {
      for (const response of [
        await call('/orders', {
          method: 'POST',
          headers: { ...bearer, 'content-type': 'application/json' },
          body: '{}',
        }),
        await call('/status?order=x', { headers: bearer }),
        await call('/webhooks/resend', { method: 'POST', body: '{}' }),
      ]) {
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('5');
      }
    } finally {
      failWith = undefined;
    }
    expect((await call('/status?order=x', { headers: bearer })).status).toBe(200);
  });
});

describe('file names from order ids', () => {
  it('stay inside --out, distinct, whatever the id', () => {
    const hostile = [
      '..',
      '.',
      '../x',
      'a/b',
      'a\\b',
      'con',
      'NUL.txt',
      'a\u0000b',
      'x'.repeat(10_000),
      '',
      'a_b',
    ];
    const names = hostile.map(safeFileName);
    expect(new Set(names).size).toBe(hostile.length);
    for (const name of names) {
      expect(name).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/);
      expect(name.length).toBeLessThanOrEqual(91);
      expect(name).not.toMatch(/^(con|nul)(\.|$)/i);
      expect(insideDirectory('/tmp/out', name).startsWith('/tmp/out/')).toBe(true);
    }
    expect(safeFileName('ord_1001')).toBe('ord_1001');
    expect(() => insideDirectory('/tmp/out', '..')).toThrow();
  });
});
