/**
 * `npm run serve` as a shop runs it: a real process on a free port, the embedded store (or Postgres with
 * DATABASE_URL), the worker inside, the fake Resend on 127.0.0.1. Orders and events arrive over HTTP with the
 * intake token; the one-click unsubscribe is the link from an email's own `List-Unsubscribe` header; Resend's
 * webhooks are signed as Resend signs them. Hostile requests get 4xx and change nothing; SIGTERM exits 0.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTemplate } from '../../../emails';
import { shopifyHmac } from '../../../sending/intake/shopify/hmac';
import type { StepStatus } from '../../../sending/sequencer';
import { createDatabase, SERVER_URL, type TestDatabase } from '../../support/databases';
import { type AcceptedEmail, FakeResend } from '../../support/fake-resend';
import { seoulOrderNow, shipmentNews } from '../../support/send-fixtures';
import { type RunningServe, startServe } from '../../support/serve';
import { resendEvent, signWebhook, WEBHOOK_SECRET } from '../../support/svix';
import { until } from '../../support/until';

const KEY = 're_serve_e2e_key';
const TOKEN = 'intake-e2e-token-7f3a';
const SHOPIFY_SECRET = 'shpss_e2e_webhook_secret_42';

let fake: FakeResend;
let dir: string;
let database: TestDatabase | undefined;
let serve: RunningServe;
let base = '';

beforeAll(async () => {
  fake = await FakeResend.start({ apiKey: KEY });
  dir = await mkdtemp(join(tmpdir(), 'serve-e2e-'));
  database = SERVER_URL ? await createDatabase('serve_e2e') : undefined;
  serve = await startServe({
    ledger: dir,
    args: ['--release-window', '30d'],
    env: {
      RESEND_API_KEY: KEY,
      RESEND_BASE_URL: fake.url,
      EMAIL_FROM: 'Hanok Goods <orders@hanok.example>',
      UNSUBSCRIBE_SECRET: 'e2e-unsubscribe-secret',
      RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET,
      INTAKE_TOKEN: TOKEN,
      SHOPIFY_WEBHOOK_SECRET: SHOPIFY_SECRET,
      SHOP_CONFIG: new URL('../../fixtures/shopify/shop-config.json', import.meta.url).pathname,
      // The fake answers at once: no pacing between requests (2 a second by default; release.test.ts tests the pacing).
      SEND_RATE_PER_SECOND: '0',
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

const intake = (path: string, body: unknown) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function status(query: string): Promise<StepStatus[]> {
  const res = await fetch(`${base}/status?${query}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { steps: StepStatus[] }).steps;
}

const tagsOf = (e: AcceptedEmail) => e.body.tags as { name: string; value: string }[];
const emailsOf = (orderId: string) =>
  fake.emails.filter((e) => tagsOf(e).some((t) => t.name === 'order' && t.value === orderId));
const templateOf = (e: AcceptedEmail) => tagsOf(e).find((t) => t.name === 'template')?.value ?? '';
const kindOf = (e: AcceptedEmail) => getTemplate(templateOf(e)).kind;

/** Plans an order over HTTP and waits until every step within the release window is at the fake. */
async function plan(id: string, email: string) {
  const res = await intake('/orders', seoulOrderNow(id, email));
  expect(res.status, await res.clone().text()).toBe(200);
  // The request's own release pass and the worker inside serve share the work: wait for both to settle.
  let steps: StepStatus[] = [];
  await until(
    `order ${id} settles`,
    async () => {
      steps = await status(`order=${id}`);
      return !steps.some((s) => s.state === 'sending') && steps.some((s) => s.state === 'scheduled');
    },
    { timeoutMs: 15_000, log: serve.log },
  );
  return steps;
}

describe('serve, a real process', () => {
  it('answers /healthz tersely per check, and with the worker’s state to the intake token', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    const terse = await res.json();
    expect(terse).toMatchObject({ ok: true, checks: { store: { ok: true }, worker: { ok: true } } });
    expect(terse).not.toHaveProperty('worker');
    const detailed = await fetch(`${base}/healthz`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await detailed.json()).toMatchObject({ ok: true, worker: { state: 'running' } });
  });

  it('the one-click unsubscribe from an email’s own header cancels every scheduled marketing email at Resend, and nothing else', async () => {
    await plan('e2e-unsub', 'unsub@example.com');
    const marketing = emailsOf('e2e-unsub').filter((e) => kindOf(e) === 'marketing');
    expect(marketing.length).toBeGreaterThan(0);
    const headers = (marketing[0]?.body.headers ?? {}) as Record<string, string>;
    const header = headers['List-Unsubscribe'] ?? '';
    expect(header).toMatch(/^<https:\/\/[^>]+>/);
    const link = new URL(/<(https:[^>]+)>/.exec(header)?.[1] ?? '');
    const local = `${base}${link.pathname}${link.search}`;

    // A GET (a mail scanner, a preview) changes nothing.
    const planned = JSON.stringify(await status('order=e2e-unsub'));
    const page = await fetch(local);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('unsub@example.com');
    expect(JSON.stringify(await status('order=e2e-unsub'))).toBe(planned);

    // Another address's token: 403, nothing recorded.
    const forged = new URL(local);
    forged.searchParams.set('e', 'someone-else@example.com');
    const refused = await fetch(forged, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(await status('order=e2e-unsub'))).toBe(planned);

    const res = await fetch(local, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
      redirect: 'manual',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    // The page answered once the suppression was recorded; serve's worker cancels at Resend right after.
    await until('every marketing email cancelled at Resend', () =>
      emailsOf('e2e-unsub').every((e) => kindOf(e) !== 'marketing' || e.status === 'cancelled'),
    );
    for (const e of emailsOf('e2e-unsub'))
      expect(e.status, `${kindOf(e)} ${tagsOf(e).find((t) => t.name === 'template')?.value}`).toBe(
        kindOf(e) === 'marketing' ? 'cancelled' : e.status === 'cancelled' ? 'never' : e.status,
      );
    const steps = await status('order=e2e-unsub');
    for (const s of steps.filter((x) => x.kind === 'marketing' && x.state !== 'planned'))
      expect(s.state, s.template).toMatch(/^(cancelled|skipped)$/);
    expect(steps.find((s) => s.template === 'order-confirmation')?.state).toMatch(/^(sent|scheduled)$/);
  });

  it('a signed bounce stops everything left for the address; the same webhook again is applied once', async () => {
    await plan('e2e-bounce', 'bounce@example.com');
    const confirmation = emailsOf('e2e-bounce').find((e) =>
      tagsOf(e).some((t) => t.value === 'order-confirmation'),
    );
    const body = resendEvent('email.bounced', 'bounce@example.com', confirmation?.id ?? '', {
      bounce: { type: 'Permanent', message: 'mailbox does not exist' },
    });
    const headers = signWebhook(body, { id: 'msg_e2e_bounce_1' });
    const first = await fetch(`${base}/webhooks/resend`, { method: 'POST', headers, body });
    expect(first.status).toBe(200);
    const left = emailsOf('e2e-bounce').filter((e) => e.id !== confirmation?.id);
    expect(left.length).toBeGreaterThan(0);
    // The webhook is answered once the bounce is recorded; the worker cancels at Resend right after.
    await until("the bounced address's emails cancelled at Resend", () =>
      left.every((e) => e.status === 'cancelled'),
    );
    for (const e of left) expect(e.status).toBe('cancelled');
    const cancels = fake.requests.filter((r) => r.path.endsWith('/cancel')).length;
    const again = await fetch(`${base}/webhooks/resend`, { method: 'POST', headers, body });
    expect(again.status).toBe(200);
    expect(fake.requests.filter((r) => r.path.endsWith('/cancel')).length).toBe(cancels);
    const steps = await status('order=e2e-bounce');
    expect(steps.filter((s) => s.state === 'scheduled' || s.state === 'planned')).toEqual([]);
  });

  it('order-cancelled after the shipping update: nothing more goes out for that order', async () => {
    const doc = seoulOrderNow('e2e-cancel', 'cancel@example.com');
    await plan('e2e-cancel', 'cancel@example.com');
    const shipped = await intake('/events', {
      type: 'shipment',
      document: {
        ...doc,
        shipment: shipmentNews('shipped', '998877'),
      },
    });
    expect(shipped.status, await shipped.clone().text()).toBe(200);
    // Released by the event's own pass or by the worker inside serve, whichever claims it first.
    await until('the shipping update is at Resend', () =>
      emailsOf('e2e-cancel').some((e) => templateOf(e) === 'shipping-update'),
    );
    const cancelled = await intake('/events', { type: 'order-cancelled', orderId: 'e2e-cancel' });
    expect(cancelled.status).toBe(200);
    const atResend = () =>
      emailsOf('e2e-cancel').filter(
        (x) => !tagsOf(x).some((t) => t.value === 'shipping-update' || t.value === 'order-confirmation'),
      );
    // Answered at once; the worker cancels what is scheduled at Resend right after.
    await until("the cancelled order's emails cancelled at Resend", () =>
      atResend().every((e) => e.status === 'cancelled'),
    );
    const steps = await status('order=e2e-cancel');
    expect(steps.filter((s) => s.state === 'scheduled' || s.state === 'planned')).toEqual([]);
    for (const e of emailsOf('e2e-cancel').filter(
      (x) => !tagsOf(x).some((t) => t.value === 'shipping-update' || t.value === 'order-confirmation'),
    ))
      expect(e.status).toBe('cancelled');
  });

  it('hostile requests get 4xx, change nothing, and the server keeps serving', async () => {
    await plan('e2e-hostile', 'hostile@example.com');
    const before = JSON.stringify(await status('order=e2e-hostile'));
    const id = emailsOf('e2e-hostile')[0]?.id ?? '';
    const body = resendEvent('email.complained', 'hostile@example.com', id);
    const post = (path: string, init: RequestInit) => fetch(`${base}${path}`, { method: 'POST', ...init });

    const wrongSignature = {
      ...signWebhook(body),
      'svix-signature': `v1,${Buffer.from('x'.repeat(32)).toString('base64')}`,
    };
    expect((await post('/webhooks/resend', { headers: wrongSignature, body })).status).toBe(401);
    const stale = signWebhook(body, { timestampSec: Math.floor(Date.now() / 1000) - 3600 });
    expect((await post('/webhooks/resend', { headers: stale, body })).status).toBe(401);
    const huge = 'x'.repeat(5 * 1024 * 1024);
    expect((await post('/webhooks/resend', { headers: signWebhook(huge), body: huge })).status).toBe(413);
    expect(
      (
        await post('/orders', {
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: huge,
        })
      ).status,
    ).toBe(413);
    expect(
      (await fetch(`${base}/orders`, { method: 'PUT', headers: { authorization: `Bearer ${TOKEN}` } }))
        .status,
    ).toBe(405);
    expect((await fetch(`${base}/webhooks/resend`)).status).toBe(405);
    const malformed = '{"type": "email.bounced", ';
    expect(
      (await post('/webhooks/resend', { headers: signWebhook(malformed), body: malformed })).status,
    ).toBe(400);
    const badOrders = await post('/orders', {
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{"shop": ',
    });
    expect(badOrders.status).toBe(400);
    const invalid = await intake('/orders', {
      ...seoulOrderNow('e2e-invalid', 'x@example.com'),
      customer: { email: 'nope' },
    });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(await invalid.json())).toMatch(/customer\.(email|name|locale)/);
    expect((await fetch(`${base}/orders`, { method: 'POST', body: '{}' })).status).toBe(401);

    expect(JSON.stringify(await status('order=e2e-hostile'))).toBe(before);
    expect(await status('order=e2e-invalid')).toEqual([]);
    expect(emailsOf('e2e-hostile').every((e) => e.status !== 'cancelled')).toBe(true);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('a signed Shopify orders/create plans the order and sends its confirmation; a forged one is refused', async () => {
    const raw = await readFile(
      new URL('../../fixtures/shopify/orders-create-usd.json', import.meta.url),
      'utf8',
    );
    // Placed now, so only the confirmation is due.
    const body = JSON.stringify({ ...JSON.parse(raw), processed_at: new Date().toISOString() });
    const headers = (signature: string, id: string) => ({
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/create',
      'x-shopify-hmac-sha256': signature,
      'x-shopify-webhook-id': id,
      'x-shopify-shop-domain': 'northwind.myshopify.com',
    });
    const forged = await fetch(`${base}/webhooks/shopify`, {
      method: 'POST',
      headers: headers(shopifyHmac(body, 'not-the-secret'), 'wh-e2e-forged'),
      body,
    });
    expect(forged.status).toBe(401);
    expect(await status('order=5923847561234')).toEqual([]);
    const res = await fetch(`${base}/webhooks/shopify`, {
      method: 'POST',
      headers: headers(shopifyHmac(body, SHOPIFY_SECRET), 'wh-e2e-create'),
      body,
    });
    expect(res.status).toBe(200);
    await until('the Shopify order’s confirmation is at Resend', () =>
      emailsOf('5923847561234').some((e) => templateOf(e) === 'order-confirmation'),
    );
    const confirmation = emailsOf('5923847561234').find((e) => templateOf(e) === 'order-confirmation');
    expect(confirmation?.body.to).toBe('alex.morgan@example.com');
    expect(String(confirmation?.body.text)).toContain('$128.43');
  });

  it('SIGTERM drains and exits 0', async () => {
    expect(await serve.stop()).toBe(0);
  }, 60_000);
});
