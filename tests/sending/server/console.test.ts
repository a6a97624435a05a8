/**
 * The console in-process (createApp with createConsole over a live engine and the fake Resend): the login and
 * its throttle, the session cookie, CSRF on every change, a test send beside a live order with the same id, the
 * suppressions audit, the preview. The browser walk-through is tests/sending/server/console.browser.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { OrderDocument } from '../../../core/order-document';
import type { Sequencer } from '../../../sending/sequencer';
import { configurationLines } from '../../../sending/server/configuration';
import { createConsole } from '../../../sending/server/console/console-app';
import { LIVE_SCRIPT } from '../../../sending/server/console/layout';
import { CLIENT_ADDRESS_HEADER } from '../../../sending/server/http-node';
import { createApp, type Handler, type ServeEngine } from '../../../sending/server/server';
import { useLiveEngine } from '../../support/databases';
import type { FakeResend } from '../../support/fake-resend';
import { secret, seoul } from '../../support/send-fixtures';

const PASSWORD = 'console-test-password-9';
let fake: FakeResend;
let sequencer: Sequencer;
let app: Handler;

const live: OrderDocument = {
  ...seoul,
  order: { ...seoul.order, id: 'ord_console', placedAt: new Date(Date.now() - 60_000).toISOString() },
} as OrderDocument;

const unusedEngine = {} as ServeEngine;

useLiveEngine(
  'console_app',
  {
    apiKey: 're_console_key',
  },
  async (engine) => {
    ({ fake, sequencer } = engine);
    await sequencer.enqueue(live);
    app = createApp(unusedEngine, {
      intakeToken: undefined,
      console: createConsole({
        password: PASSWORD,
        sequencer,
        configuration: configurationLines({ ADMIN_PASSWORD: 'x', RESEND_API_KEY: 're_value_never_shown' }),
        zone: 'UTC',
        unsubscribeSecret: secret,
        health: async () => ({ store: true, backend: 'pglite', worker: 'running' }),
      }),
    });
  },
);

type Sent = Readonly<{
  method?: string;
  form?: Record<string, string> | FormData;
  cookie?: string;
  headers?: Record<string, string>;
}>;

function call(path: string, sent: Sent = {}): Promise<Response> {
  const body =
    sent.form === undefined
      ? undefined
      : sent.form instanceof FormData
        ? sent.form
        : new URLSearchParams(sent.form);
  return app(
    new Request(`http://console.test${path}`, {
      method: sent.method ?? (body ? 'POST' : 'GET'),
      headers: {
        [CLIENT_ADDRESS_HEADER]: '10.0.0.1',
        ...(sent.cookie ? { cookie: sent.cookie } : {}),
        ...(sent.headers ?? {}),
      },
      ...(body ? { body } : {}),
      redirect: 'manual',
    }),
  );
}

async function signIn(): Promise<{ cookie: string; csrf: string }> {
  const res = await call('/admin/login', {
    form: { password: PASSWORD },
    headers: { [CLIENT_ADDRESS_HEADER]: '10.0.0.9' },
  });
  expect(res.status).toBe(303);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const page = await (await call('/admin', { cookie })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  expect(csrf).not.toBe('');
  return { cookie, csrf };
}

describe('the console in-process', () => {
  it('is 404 when serve has no ADMIN_PASSWORD', async () => {
    const closed = createApp(unusedEngine, {
      intakeToken: undefined,
    });
    expect((await closed(new Request('http://x/admin'))).status).toBe(404);
    expect((await closed(new Request('http://x/admin/login'))).status).toBe(404);
  });

  it('sends a visitor without a session to the login form; refuses a wrong password, then 429 on the sixth in a minute', async () => {
    const home = await call('/admin');
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/admin/login');
    const form = await (await call('/admin/login')).text();
    expect(form).toContain('<label for="password">Password</label>');
    for (let i = 1; i <= 5; i++) {
      const wrong = await call('/admin/login', { form: { password: `nope-${i}` } });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('set-cookie')).toBeNull();
    }
    // The sixth, even the right one, waits: the address is throttled.
    expect((await call('/admin/login', { form: { password: PASSWORD } })).status).toBe(429);
    expect((await call('/admin/login', { form: { password: 'nope-6' } })).status).toBe(429);
  });

  it('starts a 12-hour session in a cookie only the console gets, Secure behind https', async () => {
    const res = await call('/admin/login', {
      form: { password: PASSWORD },
      headers: { [CLIENT_ADDRESS_HEADER]: '10.0.0.2', 'x-forwarded-proto': 'https' },
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      /^ppe_admin=[\w-]{40,}; Max-Age=43200; HttpOnly; SameSite=Strict; Path=\/admin; Secure$/,
    );
    const plain = await call('/admin/login', {
      form: { password: PASSWORD },
      headers: { [CLIENT_ADDRESS_HEADER]: '10.0.0.3' },
    });
    expect(plain.headers.get('set-cookie')).not.toContain('Secure');
  });

  it('refuses a change without the session or its CSRF token (403), and changes nothing', async () => {
    const { cookie, csrf } = await signIn();
    const add = { action: 'add', email: 'csrf@example.com', scope: 'all', reason: 'test' };
    expect((await call('/admin/suppressions', { form: add })).status).toBe(403);
    expect((await call('/admin/suppressions', { form: add, cookie })).status).toBe(403);
    expect((await call('/admin/suppressions', { form: { ...add, csrf: 'forged' }, cookie })).status).toBe(
      403,
    );
    expect((await call('/admin/orders/ord_console/cancel', { form: {}, cookie })).status).toBe(403);
    expect((await sequencer.suppressions()).map((s) => s.email)).not.toContain('csrf@example.com');
    expect(
      (await sequencer.status({ order: 'ord_console' })).steps.every((s) => s.state !== 'cancelled'),
    ).toBe(true);
    // The header carries it as well as the field.
    const ok = await call('/admin/suppressions', { form: add, cookie, headers: { 'x-csrf-token': csrf } });
    expect(ok.status).toBe(303);
    expect((await sequencer.suppressions()).map((s) => s.email)).toContain('csrf@example.com');
  });

  it('audits a suppression added then removed: who, when and why', async () => {
    const { cookie, csrf } = await signIn();
    await call('/admin/suppressions', {
      form: { csrf, action: 'add', email: 'audit@example.com', scope: 'marketing', reason: 'asked by phone' },
      cookie,
    });
    const removed = await call('/admin/suppressions', {
      form: { csrf, action: 'remove', email: 'audit@example.com', reason: 'added by mistake' },
      cookie,
    });
    expect(removed.status).toBe(303);
    const page = await (await call('/admin/suppressions?q=audit@', { cookie })).text();
    expect(page).toMatch(
      /audit@example\.com<\/td><td>removed \(marketing\)<\/td><td>console<\/td><td>added by mistake/,
    );
    expect(page).toMatch(
      /audit@example\.com<\/td><td>added \(marketing\)<\/td><td>console<\/td><td>asked by phone/,
    );
    expect((await sequencer.suppressions()).map((s) => s.email)).not.toContain('audit@example.com');
    const missingReason = await call('/admin/suppressions', {
      form: { csrf, action: 'add', email: 'x@example.com', scope: 'all', reason: '' },
      cookie,
    });
    expect(missingReason.status).toBe(400);
    expect(await missingReason.text()).toContain('reason: required');
  });

  it('starts a test send from the form beside the live order with the same id, and cancels it alone', async () => {
    const { cookie, csrf } = await signIn();
    const liveBefore = (await sequencer.status({ order: 'ord_console' })).steps.filter((s) => !s.test);
    const bad = new FormData();
    bad.set('csrf', csrf);
    bad.set('to', 'not an address');
    bad.set('document', JSON.stringify({ ...live, order: { ...live.order, total: 'lots' } }));
    bad.set('speed', '1m');
    const refused = await call('/admin/test-sends', { form: bad, cookie });
    expect(refused.status).toBe(400);
    const text = await refused.text();
    expect(text).toContain('&quot;not an address&quot; is not an email address');
    expect(text).toMatch(/order\.total: /);
    expect(text).toContain('aria-invalid="true"');

    const form = new FormData();
    form.set('csrf', csrf);
    form.set('to', 'marketer@hanok.example');
    form.set('document', JSON.stringify(live));
    form.set('speed', '1m');
    form.set('brand', 'noir');
    form.set('locale', 'en');
    const started = await call('/admin/test-sends', { form, cookie });
    expect(started.status).toBe(303);
    const run = started.headers.get('location') ?? '';
    expect(run).toBe(`/admin/test-sends/${encodeURIComponent('test:ord_console:marketer@hanok.example')}`);
    const confirmation = fake.emails.find((e) => String(e.body.to) === 'marketer@hanok.example');
    expect(confirmation?.body.subject).toMatch(/^Order/); // the English copy, chosen in the form

    const progress = await (await call(run, { cookie })).text();
    // It updates itself while steps wait: the one script, allowed by its hash and nothing else.
    expect(progress).toContain(`<script>${LIVE_SCRIPT}</script>`);
    const csp = (await call(run, { cookie })).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+';/);
    expect(progress).toContain('order-confirmation');

    const cancelled = await call(`${run}/cancel`, { form: { csrf }, cookie });
    expect(cancelled.status).toBe(303);
    const after = await (await call(run, { cookie })).text();
    expect(after).toContain('Cancelled the test run of order ord_console to marketer@hanok.example');
    expect(after).toMatch(
      /could not stop:.*order-confirmation, due .*: already (sent|handed to Resend to go now)/s,
    );
    expect(after).not.toContain('<script>');
    expect((await sequencer.status({ order: 'ord_console' })).steps.filter((s) => !s.test)).toEqual(
      liveBefore,
    );
  });

  it('shows an order on its day axis with states and reasons, and the preview at 375 and 600 px', async () => {
    const { cookie } = await signIn();
    const list = await (await call('/admin/orders?q=ord_con', { cookie })).text();
    expect(list).toContain('href="/admin/orders/ord_console"');
    const order = await (await call('/admin/orders/ord_console', { cookie })).text();
    expect(order).toContain('<h3>Day 0</h3>');
    expect(order).toMatch(/<th scope="row">order-confirmation<\/th><td><span class="state state-sent">sent/);
    expect(order).toContain('Cancel order ord_console');
    expect(order).toContain(encodeURIComponent('test:ord_console:marketer@hanok.example'));
    const preview = await call(
      '/admin/preview?template=thank-you&locale=ko&brand=hanok&variant=b&sample=en-usd',
      { cookie },
    );
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('width="375"');
    expect(html).toContain('width="600"');
    expect(html).toContain('<pre class="text">');
    expect((await call('/admin/preview?template=nope', { cookie })).status).toBe(400);
  });

  it('shows the report (tables and charts) over a chosen window, and refuses a bad one naming it', async () => {
    const { cookie } = await signIn();
    const report = await call('/admin/report?since=7d', { cookie });
    expect(report.status).toBe(200);
    const page = await report.text();
    expect(page).toContain('What each email achieved');
    expect(page).toContain('<svg');
    expect(page).toContain('href="/admin/report"');
    const bad = await call('/admin/report?since=soon', { cookie });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('since: expected a duration');
  });

  it('shows the configuration check on the overview: each setting by name, set or not, and what that means', async () => {
    const { cookie } = await signIn();
    const page = await (await call('/admin', { cookie })).text();
    expect(page).toContain(
      '<th scope="row"><code>RESEND_API_KEY</code></th><td>set</td><td>emails go to Resend</td>',
    );
    expect(page).toContain(
      '<th scope="row"><code>RESEND_WEBHOOK_SECRET</code></th><td>unset</td><td>/webhooks/resend answers 503, bounces and complaints are not heard</td>',
    );
    expect(page).not.toContain('re_value_never_shown');
  });

  it('signs out: the old cookie no longer opens a page', async () => {
    const { cookie, csrf } = await signIn();
    const out = await call('/admin/logout', { form: { csrf }, cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/^ppe_admin=; Max-Age=0/);
    expect((await call('/admin', { cookie })).status).toBe(303);
  });
});
