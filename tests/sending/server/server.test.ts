import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnsubscribeSecretMissing } from '../../../core/links';
import { statusReport } from '../../../sending/engine/status-report';
import { type RunningServer, serveApp } from '../../../sending/server/http-node';
import { bearerMatches, createApp, type ServeEngine, type ServeEvent } from '../../../sending/server/server';

const TOKEN = 'intake-test-token';

/** An engine that records what reached it: a refused request must leave this empty. */
function fakeEngine() {
  const calls: { what: string; value: unknown }[] = [];
  const engine: ServeEngine = {
    enqueue: async (docs) => {
      if (Array.isArray(docs) && docs.some((d) => d === 'bad')) throw new Error('invalid');
      if (Array.isArray(docs) && docs.some((d) => d === 'no-secret')) throw new UnsubscribeSecretMissing();
      calls.push({ what: 'enqueue', value: docs });
      return { planned: Array.isArray(docs) ? docs.length : 1 };
    },
    event: async (event: ServeEvent) => {
      calls.push({ what: 'event', value: event });
      return { applied: true };
    },
    status: async (filter) => {
      calls.push({ what: 'status', value: filter });
      return statusReport([]);
    },
    handleUnsubscribe: async (r) => new Response(`unsubscribe ${r.method}`, { status: 200 }),
    handleResendWebhook: async (r) => new Response(`resend ${(await r.text()).length}`, { status: 200 }),
    health: async () => ({ ok: true, store: 'pglite', worker: 'running' }),
  };
  return { engine, calls };
}

describe('serve routes over HTTP', () => {
  let server: RunningServer;
  const { engine, calls } = fakeEngine();
  beforeAll(async () => {
    const app = createApp(engine, {
      intakeToken: TOKEN,
      unsubscribeSecretSetting: 'UNSUBSCRIBE_SECRET',
      problemsOf: (e) => ((e as Error).message === 'invalid' ? ['orders[1]: order.id: required'] : undefined),
    });
    server = await serveApp(app, { port: 0, host: '127.0.0.1', maxBodyBytes: 64 * 1024 });
  });
  afterAll(() => server.close());

  const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
  const authed = (body: string, extra: Record<string, string> = {}): RequestInit => ({
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...extra },
  });

  it('plans orders and events with the intake token', async () => {
    const res = await call('/orders', authed('[{"a":1},{"b":2}]'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ planned: 2 });
    const ev = await call('/events', authed('{"type":"order-cancelled","orderId":"ord_1"}'));
    expect(ev.status).toBe(200);
    expect(calls.map((c) => c.what)).toEqual(['enqueue', 'event']);
    calls.length = 0;
  });

  it('refuses without a valid token (401), with bad JSON or bad fields (400, field paths), recording nothing', async () => {
    const none = await call('/orders', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await call('/orders', authed('{}', { authorization: `Bearer ${TOKEN}x` }))).status).toBe(401);
    expect((await call('/status?order=x', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const malformed = await call('/orders', authed('{"order":'));
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error).toMatch(/^body: not valid JSON/);
    const invalid = await call('/orders', authed('[{}, "bad"]'));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      error: 'invalid input, nothing recorded',
      problems: ['orders[1]: order.id: required'],
    });
    const event = await call('/events', authed('{"type":"order-shipped","orderId":""}'));
    expect(event.status).toBe(400);
    expect((await event.json()).problems[0]).toMatch(/^type: /);
    const noId = await call('/events', authed('{"type":"order-cancelled","orderId":" "}'));
    expect((await noId.json()).problems).toEqual(['orderId: must not be empty']);
    const noDocument = await call('/events', authed('{"type":"shipment"}'));
    expect(noDocument.status).toBe(400);
    expect((await noDocument.json()).problems).toEqual([
      'document: required: the order document whose shipment is the news',
    ]);
    expect((await call('/orders', authed('{}', { 'content-type': 'text/plain' }))).status).toBe(415);
    const empty = await call('/orders', authed('[]'));
    expect(empty.status).toBe(400);
    expect((await empty.json()).problems).toEqual([
      '(body): an empty list; expected an order document or a list of them',
    ]);
    expect(calls).toEqual([]);
  });

  it('answers 503, naming the setting, when the server cannot sign the unsubscribe links an order needs', async () => {
    const res = await call('/orders', authed('["no-secret"]'));
    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatch(
      /this server has no unsubscribe secret: set UNSUBSCRIBE_SECRET; nothing recorded$/,
    );
    expect(calls).toEqual([]);
  });

  it('answers 413 past the body limit, 405 with Allow for a wrong method, 404 for an unknown path, and keeps serving', async () => {
    const big = await call('/webhooks/resend', { method: 'POST', body: 'x'.repeat(5 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect((await big.json()).error).toBe('body: larger than 65536 bytes');
    const wrong = await call('/webhooks/resend');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    const del = await call('/orders', { method: 'DELETE' });
    expect(del.status).toBe(405);
    const missing = await call('/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: '/nope: no such route' });
    expect((await call('/webhooks/shopify', { method: 'POST', body: '{}' })).status).toBe(404);
    const health = await call('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, store: 'pglite', worker: 'running' });
    expect(await (await call('/unsubscribe?e=a&t=b')).text()).toBe('unsubscribe GET');
    expect(calls).toEqual([]);
  });

  it('passes the status filter through, and refuses unknown parameters', async () => {
    const ok = await call('/status?order=ord_1', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    // status --json's document, and the cursor of the next page (none here).
    expect(await ok.json()).toEqual({ steps: [], summary: {}, variants: {}, next: null });
    expect(calls).toEqual([{ what: 'status', value: { order: 'ord_1', limit: 101 } }]);
    const bad = await call('/status?orderId=1', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(bad.status).toBe(400);
    calls.length = 0;
  });
});

describe('draining', () => {
  it('finishes a request in flight when closed, and then refuses connections', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { engine } = fakeEngine();
    const slow: ServeEngine = {
      ...engine,
      health: async () => {
        await gate;
        return { ok: true };
      },
    };
    const server = await serveApp(createApp(slow, { intakeToken: TOKEN }), {
      port: 0,
      host: '127.0.0.1',
    });
    const pending = fetch(`${server.url}/healthz`);
    while (server.inFlight() === 0) await new Promise((r) => setTimeout(r, 5));
    const closing = server.close();
    release();
    expect((await pending).status).toBe(200);
    await closing;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('listens on 127.0.0.1 unless told, and names the address it bound', async () => {
    const { engine } = fakeEngine();
    const local = await serveApp(createApp(engine), { port: 0 });
    const everywhere = await serveApp(createApp(engine), { port: 0, host: '0.0.0.0' });
    try {
      expect(local.host).toBe('127.0.0.1');
      expect(local.url).toBe(`http://127.0.0.1:${local.port}`);
      expect(everywhere.host).toBe('0.0.0.0');
      expect(everywhere.url).toBe(`http://0.0.0.0:${everywhere.port}`);
      expect((await fetch(`${local.url}/healthz`)).status).toBe(200);
    } finally {
      await Promise.all([local.close(), everywhere.close()]);
    }
  });

  it('compares bearer tokens exactly', () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(TOKEN, TOKEN)).toBe(false);
    expect(bearerMatches(`Bearer ${TOKEN}`, undefined)).toBe(false);
    expect(bearerMatches(null, TOKEN)).toBe(false);
  });
});
