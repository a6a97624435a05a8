/**
 * `serve` as an operator watches it, run in-process on a free port with the fake Resend behind the real SDK:
 * orders, a send, an unsubscribe, Resend webhooks (applied, repeated, forged), 401s and a 404, a Resend outage
 * and its end, then the stop. Every line it printed is a JSON object with level, time and msg; every request
 * has its line under the id it answered with; no line holds a secret or a customer's whole address; /metrics
 * counts what happened; /healthz tells a Resend outage from a store outage and shows details only to the token.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getTemplate } from '../../../emails';
import { shopifyHmac } from '../../../sending/intake/shopify/hmac';
import { createDatabase, SERVER_URL, type TestDatabase } from '../../support/databases';
import { type AcceptedEmail, FakeResend } from '../../support/fake-resend';
import { seoulOrderNow } from '../../support/send-fixtures';
import { type RunningServe, startServe } from '../../support/serve';
import { resendEvent, signWebhook, WEBHOOK_SECRET } from '../../support/svix';
import { until as untilThen } from '../../support/until';

const SECRETS = {
  RESEND_API_KEY: 're_operations_key_9d1f',
  UNSUBSCRIBE_SECRET: 'ops-unsubscribe-secret-55a2',
  INTAKE_TOKEN: 'ops-intake-token-3c7e',
  RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET,
  METRICS_TOKEN: 'ops-metrics-token-b812',
  SHOPIFY_WEBHOOK_SECRET: 'shpss_ops_secret_1e44',
};
/** The orders' customers, and the Shopify fixture's. */
const CUSTOMERS = [
  'mina.kim@example.com',
  'jun.park@example.org',
  'outage.case@example.net',
  'alex.morgan@example.com',
  'after.outage@example.net',
];

let fake: FakeResend;
let dir: string;
let database: TestDatabase | undefined;
let serve: RunningServe;
let base = '';
const answered: { id: string; route: string; status: number }[] = [];

beforeAll(async () => {
  fake = await FakeResend.start({ apiKey: SECRETS.RESEND_API_KEY });
  dir = await mkdtemp(join(tmpdir(), 'operations-'));
  database = SERVER_URL ? await createDatabase('operations') : undefined;
  serve = await startServe({
    ledger: dir,
    args: ['--release-window', '30d'],
    mode: 'in-process',
    env: {
      ...SECRETS,
      RESEND_BASE_URL: fake.url,
      EMAIL_FROM: 'Hanok Goods <orders@hanok.example>',
      LOG_LEVEL: 'debug',
      SHOP_CONFIG: new URL('../../fixtures/shopify/shop-config.json', import.meta.url).pathname,
      SEND_MAX_ATTEMPTS: '1',
      SEND_RATE_PER_SECOND: '0',
      SEND_TIMEOUT_MS: '3000',
      ...(database ? { DATABASE_URL: database.url } : {}),
    },
  });
  base = serve.url;
}, 120_000);

afterAll(async () => {
  await serve?.kill();
  await database?.drop();
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

let counter = 0;
/** A request with an id of ours; the answer's `x-request-id` is recorded (it must be ours, echoed). */
async function call(path: string, init: RequestInit & { route: string }): Promise<Response> {
  const id = `ops-${++counter}`;
  const headers = new Headers(init.headers);
  headers.set('x-request-id', id);
  const res = await fetch(`${base}${path}`, { ...init, headers });
  expect(res.headers.get('x-request-id')).toBe(id);
  answered.push({ id, route: init.route, status: res.status });
  return res;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const intake = (body: unknown, token = SECRETS.INTAKE_TOKEN) =>
  call('/orders', {
    route: '/orders',
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const tagOf = (e: AcceptedEmail, name: string) =>
  (e.body.tags as { name: string; value: string }[]).find((t) => t.name === name)?.value ?? '';

const until = (what: string, condition: () => Promise<boolean> | boolean) =>
  untilThen(what, condition, { log: serve.log });

/** The Prometheus text as `name{labels}` → value. */
async function scrape(): Promise<Map<string, number>> {
  const res = await call('/metrics', { route: '/metrics', headers: bearer(SECRETS.METRICS_TOKEN) });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const values = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    const m = /^(ppe_[a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m?.[1] && m[2]) values.set(m[1], Number(m[2]));
  }
  return values;
}

type Health = {
  ok: boolean;
  checks: Record<
    string,
    { ok: boolean; lastGood: string | null; lastError?: { at: string; message: string } | null }
  >;
  configuration?: { set: string[]; unset: { name: string; meaning: string }[] };
};

async function health(token?: string): Promise<{ status: number; body: Health }> {
  const res = await call('/healthz', { route: '/healthz', headers: token ? bearer(token) : {} });
  return { status: res.status, body: (await res.json()) as Health };
}

describe(`serve, watched (${SERVER_URL ? 'Postgres' : 'embedded PGlite'})`, () => {
  it('answers every caller tersely on /healthz, and the details only to the intake token', async () => {
    const terse = await health();
    expect(terse.status).toBe(200);
    expect(Object.keys(terse.body).sort()).toEqual(['checks', 'ok']);
    expect(Object.keys(terse.body.checks).sort()).toEqual(['guardrail', 'resend', 'store', 'worker']);
    const { guardrail, ...timed } = terse.body.checks as Record<string, Record<string, unknown>>;
    expect(guardrail).toEqual({ ok: true, state: 'ok' });
    for (const check of Object.values(timed)) expect(Object.keys(check).sort()).toEqual(['lastGood', 'ok']);
    expect(terse.body.checks.store?.lastGood).toMatch(/^\d{4}-\d\d-\d\dT/);

    const forged = await health('not-the-token');
    expect(forged.body.configuration).toBeUndefined();
    const detailed = await health(SECRETS.INTAKE_TOKEN);
    expect(detailed.body.checks.store).toMatchObject({ ok: true, lastError: null });
    expect(detailed.body.configuration?.set).toEqual(
      expect.arrayContaining(['RESEND_API_KEY', 'INTAKE_TOKEN', 'METRICS_TOKEN', 'SEND_MAX_ATTEMPTS']),
    );
    expect(detailed.body.configuration?.unset).toContainEqual({
      name: 'ADMIN_PASSWORD',
      meaning: 'the console is off: /admin answers 404',
    });
    // Names, never values.
    for (const value of Object.values(SECRETS)) expect(JSON.stringify(detailed.body)).not.toContain(value);
  });

  it('plans and sends an order, refuses a wrong token and an unknown path, hears an unsubscribe and webhooks', async () => {
    expect((await intake(seoulOrderNow('ops-1', CUSTOMERS[0] ?? ''))).status).toBe(200);
    await until('the order at Resend', () => fake.emails.some((e) => tagOf(e, 'order') === 'ops-1'));
    expect((await intake(seoulOrderNow('ops-2', CUSTOMERS[1] ?? ''), 'wrong-token')).status).toBe(401);
    expect((await call('/orders', { route: '/orders', method: 'POST', body: '{}' })).status).toBe(401);
    expect((await call('/no/such/place?e=mina.kim%40example.com', { route: '(other)' })).status).toBe(404);

    // Intake answers before the worker hands the order's emails to Resend: wait for its first marketing email.
    const marketing = await vi.waitFor(
      () => {
        const found = fake.emails.find(
          (e) => tagOf(e, 'order') === 'ops-1' && getTemplate(tagOf(e, 'template')).kind === 'marketing',
        );
        if (!found) throw new Error('no marketing email for ops-1 at Resend yet');
        return found;
      },
      { timeout: 15_000, interval: 100 },
    );
    const header = ((marketing?.body.headers ?? {}) as Record<string, string>)['List-Unsubscribe'] ?? '';
    const link = new URL(/<(https:[^>]+)>/.exec(header)?.[1] ?? 'https://x.invalid/');
    const unsubscribed = await call(`${link.pathname}${link.search}`, {
      route: '/unsubscribe',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.status).toBe(200);

    const confirmation = fake.emails.find(
      (e) => tagOf(e, 'order') === 'ops-1' && tagOf(e, 'template') === 'order-confirmation',
    );
    const body = resendEvent('email.delivered', CUSTOMERS[0] ?? '', confirmation?.id ?? '');
    const signed = signWebhook(body, { id: 'msg_ops_delivered' });
    const webhook = () =>
      call('/webhooks/resend', { route: '/webhooks/resend', method: 'POST', headers: signed, body });
    expect((await webhook()).status).toBe(200);
    expect((await webhook()).status).toBe(200);
    const forged = await call('/webhooks/resend', {
      route: '/webhooks/resend',
      method: 'POST',
      headers: { ...signed, 'svix-signature': 'v1,AAAA' },
      body,
    });
    expect(forged.status).toBe(401);
  });

  it('logs a Shopify webhook our schema refuses with its field paths, and a body too large with its id', async () => {
    const raw = await readFile(
      new URL('../../fixtures/shopify/orders-create-usd.json', import.meta.url),
      'utf8',
    );
    const body = JSON.stringify({ ...JSON.parse(raw), id: 5923847560001, presentment_currency: 'XYZ' });
    const refused = await call('/webhooks/shopify', {
      route: '/webhooks/shopify',
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-hmac-sha256': shopifyHmac(body, SECRETS.SHOPIFY_WEBHOOK_SECRET),
        'x-shopify-webhook-id': 'wh-ops-xyz',
      },
      body,
    });
    expect(refused.status).toBe(200);
    expect(await refused.json()).toMatchObject({ rejected: true });
    const huge = await call('/orders', {
      route: '/orders',
      method: 'POST',
      headers: { ...bearer(SECRETS.INTAKE_TOKEN), 'content-type': 'application/json' },
      body: `"${'x'.repeat(1024 * 1024 + 10)}"`,
    });
    expect(huge.status).toBe(413);
  });

  it('counts it all on /metrics, behind METRICS_TOKEN', async () => {
    expect((await call('/metrics', { route: '/metrics' })).status).toBe(401);
    expect((await call('/metrics', { route: '/metrics', headers: bearer('nope') })).status).toBe(401);
    const m = await scrape();
    expect(m.get('ppe_http_requests_total{route="/orders",status="401"}')).toBe(2);
    expect(m.get('ppe_http_requests_total{route="/orders",status="200"}')).toBe(1);
    expect(m.get('ppe_http_requests_total{route="(other)",status="404"}')).toBe(1);
    expect(m.get('ppe_http_requests_total{route="/unsubscribe",status="200"}')).toBe(1);
    expect(m.get('ppe_webhooks_total{source="resend",outcome="applied"}')).toBe(1);
    expect(m.get('ppe_webhooks_total{source="resend",outcome="duplicate"}')).toBe(1);
    expect(m.get('ppe_webhooks_total{source="resend",outcome="rejected"}')).toBe(1);
    expect(m.get('ppe_webhooks_total{source="shopify",outcome="rejected"}')).toBe(1);
    expect(m.get('ppe_http_requests_total{route="/orders",status="413"}')).toBe(1);
    expect(m.get('ppe_emails_total{template="order-confirmation",outcome="sent"}')).toBe(1);
    const atResend = fake.emails.filter((e) => tagOf(e, 'order') === 'ops-1');
    const scheduled = atResend.filter((e) => tagOf(e, 'template') !== 'order-confirmation').length;
    expect(scheduled).toBeGreaterThan(0);
    const scheduledCounted = [...m.entries()]
      .filter(([k]) => k.startsWith('ppe_emails_total{') && k.endsWith('outcome="scheduled"}'))
      .reduce((sum, [, v]) => sum + v, 0);
    expect(scheduledCounted).toBe(scheduled);
    // Intake answers before the worker releases: wait until the last request it made has been answered and counted.
    await vi.waitFor(
      async () => {
        const requests = fake.requests.filter(
          (r) => r.method === 'POST' && r.path.startsWith('/emails'),
        ).length;
        const now = await scrape();
        const counted = [...now.entries()]
          .filter(([k]) => k.startsWith('ppe_resend_requests_total{'))
          .reduce((sum, [, v]) => sum + v, 0);
        expect(counted).toBe(requests);
        expect(now.get('ppe_resend_requests_total{status="200"}')).toBeGreaterThan(0);
        expect(now.get('ppe_resend_request_duration_seconds_count')).toBe(requests);
      },
      { timeout: 10_000, interval: 100 },
    );
    // The gauges are the store's, read now: they match the order's steps once the worker has cancelled at Resend
    // what the unsubscribe stopped (the unsubscribe answers first; the worker cancels right after).
    await vi.waitFor(
      async () => {
        const gauges = await scrape();
        const steps = await call('/status?order=ops-1', {
          route: '/status',
          headers: bearer(SECRETS.INTAKE_TOKEN),
        });
        const report = (await steps.json()) as { steps: { state: string }[] };
        expect(report.steps.some((s) => s.state === 'cancelled')).toBe(true);
        for (const state of ['sent', 'scheduled', 'skipped', 'cancelled', 'planned'])
          expect(gauges.get(`ppe_steps{state="${state}"}`), state).toBe(
            report.steps.filter((s) => s.state === state).length,
          );
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(m.get('ppe_queue_due')).toBe(0);
    // The complaint guardrail: not tripped, no complaints.
    expect(m.get('ppe_marketing_guardrail{state="ok"}')).toBe(1);
    expect(m.get('ppe_marketing_guardrail{state="tripped"}')).toBe(0);
    expect(m.get('ppe_marketing_complaint_rate')).toBe(0);
    expect(m.get('ppe_queue_oldest_due_seconds')).toBe(0);
  });

  it('shows a Resend outage as resend not ok while the store is fine, and clears it on recovery', async () => {
    fake.faultFor = () => ({ status: 500, name: 'internal_server_error', message: 'down for maintenance' });
    expect((await intake(seoulOrderNow('ops-3', CUSTOMERS[2] ?? ''))).status).toBe(200);
    // The worker, woken by the intake, meets the outage a moment later.
    const during = await vi.waitFor(
      async () => {
        const answer = await health();
        expect(answer.status).toBe(503);
        return answer;
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(during.body).toMatchObject({ ok: false, checks: { store: { ok: true }, resend: { ok: false } } });
    const details = await health(SECRETS.INTAKE_TOKEN);
    expect(details.body.checks.resend?.lastError?.message).toBe('Resend answered 500');
    expect((await scrape()).get('ppe_resend_requests_total{status="500"}')).toBeGreaterThan(0);

    fake.faultFor = undefined;
    // The next order wakes the worker at once (else its next pass, a few seconds on): it sends both.
    expect((await intake(seoulOrderNow('ops-4', CUSTOMERS[4] ?? ''))).status).toBe(200);
    await until('Resend healthy again', async () => (await health()).status === 200);
    const after = await health(SECRETS.INTAKE_TOKEN);
    expect(after.body.checks.resend).toMatchObject({ ok: true, lastError: null });
    await until('the outage order at Resend', () => fake.emails.some((e) => tagOf(e, 'order') === 'ops-3'));
  });

  it.runIf(SERVER_URL)(
    'shows a database outage as store not ok (no host in sight), and recovers with it',
    async () => {
      const name = new URL(database?.url ?? '').pathname.slice(1);
      const admin = new pg.Client({ connectionString: SERVER_URL });
      await admin.connect();
      try {
        await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
        await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [name],
        );
        await until('the store seen down', async () => (await health()).status === 503);
        const during = await health();
        expect(during.body.checks.store?.ok).toBe(false);
        expect(JSON.stringify(during.body)).not.toMatch(/127\.0\.0\.1|5432|allow|connection/i);
        const details = await health(SECRETS.INTAKE_TOKEN);
        expect(details.body.checks.store?.lastError?.message).toMatch(/\S/);
      } finally {
        await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
        await admin.end();
      }
      await until('the store back', async () => (await health()).status === 200);
      expect((await health(SECRETS.INTAKE_TOKEN)).body.checks).toMatchObject({
        store: { ok: true, lastError: null },
        worker: { ok: true },
      });
    },
    60_000,
  );

  it('stops on its signal, and every line it printed is JSON that names no secret and no whole address', async () => {
    expect(await serve.stop()).toBe(0);
    const lines = serve
      .log()
      .split('\n')
      .filter((l) => l !== '');
    const entries = lines.map((line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(entry).toMatchObject({
        level: expect.any(String),
        time: expect.any(String),
        msg: expect.any(String),
      });
      return entry;
    });
    for (const line of lines) {
      for (const [name, value] of Object.entries(SECRETS)) expect(line, name).not.toContain(value);
      for (const address of CUSTOMERS) expect(line).not.toContain(address);
    }
    // Every request has its line, under the id it answered with, with its route and status.
    const http = entries.filter((e) => e.event === 'http');
    for (const a of answered)
      expect(http.filter((e) => e.requestId === a.id).map((e) => [e.route, e.status])).toEqual([
        [a.route, a.status],
      ]);
    expect(http).toHaveLength(answered.length);
    const events = new Set(entries.map((e) => e.event));
    for (const event of [
      'config',
      'config.unset',
      'start',
      'order.planned',
      'resend.request',
      'suppression',
      'webhook',
      'stop',
      'stopped',
    ])
      expect(events, event).toContain(event);
    // The addresses that are named are masked.
    expect(entries.find((e) => e.event === 'order.planned' && e.order === 'ops-1')?.to).toBe(
      'm***@example.com',
    );
    expect(entries.find((e) => e.event === 'suppression')).toMatchObject({
      scope: 'marketing',
      source: 'unsubscribe',
      email: 'm***@example.com',
    });
    expect(entries.find((e) => e.event === 'webhook' && e.outcome === 'rejected')).toMatchObject({
      source: 'resend',
      problems: [expect.stringMatching(/^signature: /)],
    });
    expect(entries.find((e) => e.event === 'webhook' && e.source === 'shopify')).toMatchObject({
      level: 'warn',
      type: 'orders/create',
      outcome: 'rejected',
      webhookId: 'wh-ops-xyz',
      order: '5923847560001',
      problems: ['presentment_currency: "XYZ" is not an ISO 4217 currency code'],
    });
    expect(entries.find((e) => e.event === 'config.unset' && e.setting === 'ADMIN_PASSWORD')?.msg).toBe(
      'ADMIN_PASSWORD unset: the console is off: /admin answers 404',
    );
  });
});
