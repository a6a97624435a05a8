/**
 * The console in a browser (`npm run test:full`): the real `serve` process with ADMIN_PASSWORD, the fake Resend,
 * Debian's Chromium through playwright-core. A wrong password is refused and the sixth in a minute gets 429; a
 * POST without the CSRF token is 403 and changes nothing; a test send started from the form reaches the fake
 * Resend, its progress page shows each step as it goes, and its cancel stops the rest and names what it could
 * not; the live order with the same id is untouched throughout; an order's timeline shows states and reasons; a
 * suppression added then removed is audited; every page passes axe in light and dark, and the console is driven
 * by the keyboard alone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { koreanOrderData } from '../../../emails/_samples';
import { browserAvailable, launchBrowser } from '../../../quality/browser';
import type { StepStatus } from '../../../sending/sequencer';
import { FakeResend } from '../../support/fake-resend';
import { FULL } from '../../support/matrix';
import { type RunningServe, startServe } from '../../support/serve';

const AXE_SOURCE: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;
const KEY = 're_console_browser_key';
const TOKEN = 'intake-console-token-1';
const PASSWORD = 'correct horse battery staple';
const ORDER = koreanOrderData.order.id;
const ME = 'marketer@hanok.example';

let fake: FakeResend;
let dir: string;
let serve: RunningServe | undefined;
let browser: Browser | undefined;
let base = '';

const run = FULL && browserAvailable();

beforeAll(async () => {
  if (!run) return;
  fake = await FakeResend.start({ apiKey: KEY });
  dir = await mkdtemp(join(tmpdir(), 'console-browser-'));
  serve = await startServe({
    ledger: dir,
    env: {
      RESEND_API_KEY: KEY,
      RESEND_BASE_URL: fake.url,
      EMAIL_FROM: 'Hanok Goods <orders@hanok.example>',
      UNSUBSCRIBE_SECRET: 'console-browser-secret',
      INTAKE_TOKEN: TOKEN,
      ADMIN_PASSWORD: PASSWORD,
      TZ: 'Europe/Paris',
    },
  });
  base = serve.url;
  browser = await launchBrowser();
  // The live order the test sends share an id with, placed now.
  const res = await fetch(`${base}/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      ...koreanOrderData,
      order: { ...koreanOrderData.order, placedAt: new Date().toISOString() },
    }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.kill();
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function liveSteps(): Promise<StepStatus[]> {
  const res = await fetch(`${base}/status?order=${ORDER}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return ((await res.json()) as { steps: StepStatus[] }).steps.filter((s) => !s.test);
}

/** The live order's steps, without what the worker may legitimately move (its own sends as they come due). */
const liveShape = (steps: readonly StepStatus[]) =>
  steps.map((s) => ({
    template: s.template,
    to: s.to,
    sendAt: s.sendAt,
    cancelled: s.state === 'cancelled',
  }));

async function context(scheme: 'light' | 'dark'): Promise<BrowserContext> {
  if (!browser) throw new Error('no browser');
  return browser.newContext({ colorScheme: scheme, bypassCSP: true, viewport: { width: 1280, height: 900 } });
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${base}/admin/login`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/admin`);
}

async function axe(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  )) as string[];
  return violations;
}

/** Presses Tab until `selector` has the focus (at most 60 times): reachable by keyboard, in order. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector}: not reached by Tab`);
}

describe.runIf(run)('the console in Chromium', () => {
  it('refuses a POST without the CSRF token (403) and changes nothing', async () => {
    const ctx = await context('light');
    const page = await ctx.newPage();
    await signIn(page);
    const cookie = (await ctx.cookies()).find((c) => c.name === 'ppe_admin');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin' });
    const before = await liveSteps();
    const cancel = await page.request.post(`${base}/admin/orders/${ORDER}/cancel`, {
      form: {},
      maxRedirects: 0,
    });
    expect(cancel.status()).toBe(403);
    const suppress = await page.request.post(`${base}/admin/suppressions`, {
      form: { action: 'add', email: 'forged@example.com', scope: 'all', reason: 'forged' },
      maxRedirects: 0,
    });
    expect(suppress.status()).toBe(403);
    expect(liveShape(await liveSteps())).toEqual(liveShape(before));
    await page.goto(`${base}/admin/suppressions`);
    expect(await page.content()).not.toContain('forged@example.com');
    await ctx.close();
  });

  it('a test send from the form reaches Resend, shows each step as it goes, and its cancel names what it could not stop; the live order is untouched', async () => {
    const before = liveShape(await liveSteps());
    const ctx = await context('light');
    const page = await ctx.newPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Test sends' }).click();
    await page.getByLabel('Send to').fill(ME);
    await page.getByLabel('Order document: a sample').selectOption('ko-krw');
    await page.getByLabel('Speed: one day of the sequence lasts').selectOption('10s');
    await page.getByRole('button', { name: 'Start the test send' }).click();
    await page.waitForURL(/\/admin\/test-sends\/test%3A/);
    expect(await page.locator('h1').textContent()).toBe(`Test run: order ${ORDER} to ${ME}`);
    // The form answers once the run is planned; the worker, woken, hands the confirmation to Resend at once.
    await vi.waitFor(() => expect(fake.emails.find((e) => String(e.body.to) === ME)).toBeDefined(), {
      timeout: 10_000,
      interval: 100,
    });

    // Day 3 (the thank-you) comes due 30 s in: the page, refreshing itself, shows it go.
    const row = page.locator('tr', { has: page.locator('th', { hasText: /^thank-you$/ }) });
    await expect(row.locator('.state').textContent()).resolves.toBe('waiting');
    await row.locator('.state-sent').waitFor({ timeout: 60_000 });
    expect(fake.emails.filter((e) => String(e.body.to) === ME).length).toBeGreaterThanOrEqual(2);
    expect(liveShape(await liveSteps())).toEqual(before);

    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/cancel')),
      page.getByRole('button', { name: 'Cancel this test run' }).click(),
    ]);
    const notice = await page.locator('.notice').textContent();
    expect(notice).toContain(`Cancelled the test run of order ${ORDER} to ${ME}`);
    expect(notice).toMatch(/could not stop:.*order-confirmation, due .*: already sent/s);
    expect(notice).toMatch(/stopped:.*review-request/s);
    const sentBefore = fake.emails.filter((e) => String(e.body.to) === ME).length;
    await new Promise((r) => setTimeout(r, 12_000));
    expect(fake.emails.filter((e) => String(e.body.to) === ME)).toHaveLength(sentBefore);
    expect(liveShape(await liveSteps())).toEqual(before);
    await ctx.close();
  }, 120_000);

  it("shows an order's steps day by day with states and reasons", async () => {
    const ctx = await context('light');
    const page = await ctx.newPage();
    await signIn(page);
    await page.goto(`${base}/admin/orders?q=${ORDER}`);
    await page.getByRole('link', { name: ORDER }).click();
    expect(await page.locator('h3').allTextContents()).toEqual(expect.arrayContaining(['Day 0', 'Day 3']));
    const first = page.locator('tr', { has: page.locator('th', { hasText: /^order-confirmation$/ }) });
    await expect(first.locator('.state').textContent()).resolves.toMatch(/sent|scheduled at Resend/);
    // The referral is for returning customers: skipped, with its reason.
    const referral = page.locator('tr', { has: page.locator('th', { hasText: /^referral$/ }) });
    await expect(referral.textContent()).resolves.toMatch(/skipped.*returning/);
    expect(await page.getByRole('link', { name: `to ${ME}` }).count()).toBe(1);
    await ctx.close();
  });

  it('audits a suppression added then removed', async () => {
    const ctx = await context('light');
    const page = await ctx.newPage();
    await signIn(page);
    await page.goto(`${base}/admin/suppressions`);
    await page.getByLabel('Email address').fill('audited@example.com');
    await page.getByLabel('marketing only').check();
    await page.getByLabel('Reason', { exact: true }).fill('asked on the phone');
    await page.getByRole('button', { name: 'Suppress' }).click();
    await page.getByLabel('Reason to remove audited@example.com').fill('added to the wrong shop');
    await page.getByRole('button', { name: 'Remove audited@example.com' }).click();
    const audit = await page.locator('table').last().textContent();
    expect(audit).toMatch(/audited@example\.comremoved \(marketing\)consoleadded to the wrong shop/);
    expect(audit).toMatch(/audited@example\.comadded \(marketing\)consoleasked on the phone/);
    await ctx.close();
  });

  it.each(['light', 'dark'] as const)(
    'every page passes axe in %s',
    async (scheme) => {
      const ctx = await context(scheme);
      const page = await ctx.newPage();
      await page.goto(`${base}/admin/login`);
      const found: Record<string, string[]> = { login: await axe(page) };
      await signIn(page);
      // A run still going: its page updates itself.
      await page.goto(`${base}/admin/test-sends`);
      await page.getByLabel('Send to').fill(`axe-${scheme}@hanok.example`);
      await page.getByRole('button', { name: 'Start the test send' }).click();
      await page.waitForURL(/test%3A/);
      expect(await page.locator('script').count()).toBe(1);
      found['a run going'] = await axe(page);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/cancel')),
        page.getByRole('button', { name: 'Cancel this test run' }).click(),
      ]);
      await page.locator('.notice').waitFor();
      found['a run cancelled, with what it could not stop'] = await axe(page);
      const run = `/admin/test-sends/${encodeURIComponent(`test:${ORDER}:${ME}`)}`;
      for (const path of [
        '/admin',
        '/admin/orders',
        `/admin/orders/${ORDER}`,
        '/admin/test-sends',
        run,
        '/admin/suppressions',
        '/admin/preview?template=thank-you&locale=ko&brand=noir&variant=b&sample=ko-krw',
        '/admin/report?since=30d',
      ]) {
        await page.goto(`${base}${path}`);
        found[path] = await axe(page);
      }
      expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
      await ctx.close();
    },
    120_000,
  );

  it('is driven by the keyboard alone: sign in, find an order, start a test send', async () => {
    const ctx = await context('light');
    const page = await ctx.newPage();
    await page.goto(`${base}/admin/login`);
    await tabTo(page, '#password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/admin`);
    // The focus is visible.
    await tabTo(page, 'a[href="/admin/orders"]');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).toBe(
      'solid',
    );
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/admin/orders`);
    await tabTo(page, '#q');
    await page.keyboard.type(ORDER);
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=/);
    await tabTo(page, `a[href="/admin/orders/${ORDER}"]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/admin/orders/${ORDER}`);
    await tabTo(page, 'a[href="/admin/test-sends"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/admin/test-sends`);
    await tabTo(page, '#to');
    await page.keyboard.type('keyboard@hanok.example');
    await tabTo(page, 'button[type="submit"]:not(.quiet)');
    await page.keyboard.press('Enter');
    await page.waitForURL(/test%3A/);
    expect(await page.locator('h1').textContent()).toBe(`Test run: order ${ORDER} to keyboard@hanok.example`);
    await tabTo(page, 'form[action$="/cancel"] button');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/cancel')),
      page.keyboard.press('Enter'),
    ]);
    await page.locator('.notice').waitFor();
    expect(await page.getByRole('status').first().textContent()).toContain('Cancelled the test run');
    await ctx.close();
  }, 60_000);

  // Last: it locks this machine's address out of the login for a minute.
  it('refuses a wrong password, and the sixth in a minute gets 429', async () => {
    const ctx = await context('light');
    const page = await ctx.newPage();
    for (let i = 1; i <= 5; i++) {
      await page.goto(`${base}/admin/login`);
      await page.getByLabel('Password').fill(`wrong ${i}`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/admin/login') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
      expect(response.status()).toBe(401);
      await expect(page.getByRole('alert').textContent()).resolves.toContain('not right');
    }
    await page.getByLabel('Password').fill(PASSWORD);
    const [sixth] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/admin/login') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    expect(sixth.status()).toBe(429);
    expect((await ctx.cookies()).some((c) => c.name === 'ppe_admin')).toBe(false);
    await ctx.close();
  });
});
