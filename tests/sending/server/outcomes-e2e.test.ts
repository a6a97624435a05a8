/**
 * What each email achieved, played against `serve` over HTTP as Resend and a shop would: a test send made first on
 * the same store (as `send --to` makes it), then orders over HTTP, signed webhooks (deliveries, a scanner's burst,
 * people's clicks, the test send's click), orders 1 s inside and 1 s outside the attribution window, the same
 * order twice, a refund, an unsubscribe and a rating — and `GET /report` compared figure by figure. serve runs
 * in this test worker (the function the script calls, on a port of its own): its routes, worker and settings are
 * those of the real process, which tests/sending/cli/serve-command.e2e.test.ts starts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { americanOrderData } from '../../../emails/_samples';
import type { OutcomeReport } from '../../../sending/engine/outcome-report';
import { parseSequence } from '../../../sending/plan/sequence';
import { resendApi } from '../../../sending/provider/resend/api';
import { createSequencer, type StepStatus } from '../../../sending/sequencer';
import { openStore } from '../../../sending/store/store';
import { FakeResend } from '../../support/fake-resend';
import { type RunningServe, startServe } from '../../support/serve';
import { signWebhook, WEBHOOK_SECRET } from '../../support/svix';
import { until } from '../../support/until';

const KEY = 're_outcomes_e2e';
const TOKEN = 'outcomes-e2e-intake';
const SEQUENCE = new URL('../../fixtures/sequences/outcomes.json', import.meta.url).pathname;
const DAY = 86_400_000;
const PERSON =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15';
const FEEDBACK = 'https://hooks.northwind.example/feedback';

const NOW = Date.now();
/** Every email was delivered six days ago, and the clicks came an hour later. */
const DELIVERED = NOW - 6 * DAY - 3_600_000;
const CLICKED = NOW - 6 * DAY;

let fake: FakeResend;
let dir: string;
let serve: RunningServe | undefined;
let base = '';

const env = () => ({
  RESEND_API_KEY: KEY,
  RESEND_BASE_URL: fake.url,
  EMAIL_FROM: 'Northwind <orders@northwind.example>',
  UNSUBSCRIBE_SECRET: 'outcomes-e2e-unsubscribe',
  RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET,
  INTAKE_TOKEN: TOKEN,
  ATTRIBUTION_DAYS: '5',
  // The fake answers at once: no pacing between requests (2 a second by default).
  SEND_RATE_PER_SECOND: '0',
});

const iso = (ms: number) => new Date(ms).toISOString();
function order(id: string, email: string, placedMs: number, currency = 'USD', total = 16756) {
  return {
    ...americanOrderData,
    shop: { ...americanOrderData.shop, feedbackUrl: FEEDBACK },
    customer: { ...americanOrderData.customer, email },
    order: { ...americanOrderData.order, id, placedAt: iso(placedMs), currency, total },
  };
}

beforeAll(async () => {
  fake = await FakeResend.start({ apiKey: KEY });
  dir = await mkdtemp(join(tmpdir(), 'outcomes-e2e-'));
  // The marketer's test send (what `send --to` does), on the same store before the server holds it.
  const previousBaseUrl = process.env.RESEND_BASE_URL;
  process.env.RESEND_BASE_URL = fake.url;
  const store = await openStore({ ledgerDir: dir });
  const sender = createSequencer({
    store,
    api: resendApi(KEY),
    from: 'Northwind <orders@northwind.example>',
    sequence: parseSequence(JSON.parse(await readFile(SEQUENCE, 'utf8'))),
    unsubscribeSecret: env().UNSUBSCRIBE_SECRET,
  });
  try {
    await sender.enqueue(order('o-dee', 'dee@example.com', DELIVERED - 60_000), { to: 'tester@example.com' });
  } finally {
    await sender.close();
    await store.close();
    if (previousBaseUrl === undefined) delete process.env.RESEND_BASE_URL;
    else process.env.RESEND_BASE_URL = previousBaseUrl;
  }
  serve = await startServe({ ledger: dir, args: ['--sequence', SEQUENCE], env: env(), mode: 'in-process' });
  base = serve.url;
}, 180_000);

afterAll(async () => {
  await serve?.kill();
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

const bearer = { authorization: `Bearer ${TOKEN}` };
async function post(path: string, body: unknown) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { ...bearer, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}
async function status(orderId: string): Promise<StepStatus[]> {
  const res = await fetch(`${base}/status?order=${encodeURIComponent(orderId)}`, { headers: bearer });
  return ((await res.json()) as { steps: StepStatus[] }).steps;
}
/** Posts an order and waits until its steps are at the fake. */
async function placeOrder(id: string, email: string, placedMs: number, currency?: string, total?: number) {
  await post('/orders', order(id, email, placedMs, currency, total));
  let steps: StepStatus[] = [];
  await until(
    `${id} settles`,
    async () => {
      steps = await status(id);
      return steps.length > 0 && steps.every((s) => s.state === 'sent' || s.state === 'skipped');
    },
    { log: () => serve?.log() ?? '' },
  );
  return steps;
}
let svix = 0;
async function webhook(
  type: string,
  emailId: string,
  to: string,
  atMs: number,
  extra: Record<string, unknown> = {},
) {
  const body = JSON.stringify({
    type,
    created_at: iso(atMs),
    data: {
      created_at: iso(atMs),
      email_id: emailId,
      from: 'orders@northwind.example',
      to: [to],
      subject: 's',
      ...extra,
    },
  });
  const res = await fetch(`${base}/webhooks/resend`, {
    method: 'POST',
    headers: signWebhook(body, { id: `msg_e2e_outcomes_${++svix}` }),
    body,
  });
  expect(res.status).toBe(200);
}
const click = (emailId: string, to: string, atMs: number, link: string, userAgent = PERSON) =>
  webhook('email.clicked', emailId, to, atMs, {
    click: { ipAddress: '192.0.2.1', link, timestamp: iso(atMs), userAgent },
  });
const idOf = (steps: readonly StepStatus[], template: string) => {
  const s = steps.find((x) => x.template === template);
  if (!s?.resendId) throw new Error(`no ${template} sent`);
  return s.resendId;
};

describe('outcomes against serve, over HTTP', () => {
  it('reports sends, human clicks, credited orders and revenue exactly; feedback counted once, scanners not', async () => {
    const alex = await placeOrder('o-alex', 'alex@example.com', DELIVERED - 60_000);
    const bo = await placeOrder('o-bo', 'bo@example.com', DELIVERED - 60_000);
    const cy = await placeOrder('o-cy', 'cy@example.com', DELIVERED - 60_000, 'KRW', 39000);
    const dee = await status('o-dee');
    expect(dee.map((s) => s.to)).toEqual(['tester@example.com', 'tester@example.com']);
    for (const [steps, to] of [
      [alex, 'alex@example.com'],
      [bo, 'bo@example.com'],
      [cy, 'cy@example.com'],
    ] as const)
      for (const s of steps) await webhook('email.delivered', s.resendId ?? '', to, DELIVERED);
    for (const s of dee) await webhook('email.delivered', s.resendId ?? '', 'tester@example.com', DELIVERED);

    // A gateway walks every link of Alex's review request within a second, seconds after delivery.
    for (const [i, link] of ['https://x/1', 'https://x/2', 'https://x/3'].entries())
      await click(idOf(alex, 'review-request'), 'alex@example.com', DELIVERED + 5000 + i * 200, link);
    await click(
      idOf(alex, 'review-request'),
      'alex@example.com',
      CLICKED,
      'https://northwind.example.com/p/1',
    );
    await click(
      idOf(bo, 'order-confirmation'),
      'bo@example.com',
      CLICKED,
      'https://northwind.example.com/o/1',
    );
    await click(
      idOf(cy, 'review-request'),
      'cy@example.com',
      CLICKED,
      'https://northwind.example.com/p/2',
      'Mozilla/5.0 (compatible; Proofpoint URL Defense)',
    );
    await click(
      idOf(cy, 'review-request'),
      'cy@example.com',
      CLICKED + 1000 * 60,
      'https://northwind.example.com/p/2',
    );
    await click(
      idOf(dee, 'review-request'),
      'tester@example.com',
      CLICKED,
      'https://northwind.example.com/p/3',
    );

    // Alex 1 s inside the window (posted twice), Bo 1 s outside, Cy twice in KRW (one refunded), Dee's only
    // click was the test send's.
    await placeOrder('o-alex-2', 'Alex@Example.com', CLICKED + 5 * DAY - 1000, 'USD', 5000);
    await placeOrder('o-alex-2', 'alex@example.com', CLICKED + 5 * DAY - 1000, 'USD', 5000);
    await placeOrder('o-bo-2', 'bo@example.com', CLICKED + 5 * DAY + 1000, 'USD', 7000);
    await placeOrder('o-cy-2', 'cy@example.com', CLICKED + DAY, 'KRW', 120000);
    await placeOrder('o-cy-3', 'cy@example.com', CLICKED + 2 * DAY, 'KRW', 30000);
    await placeOrder('o-dee-2', 'dee@example.com', CLICKED + DAY, 'USD', 9000);
    await post('/events', { type: 'order-refunded', orderId: 'o-cy-3' });

    // Bo unsubscribes with the link of the newest email to him.
    const boLatest = fake.emails
      .filter(
        (e) =>
          e.body.to === 'bo@example.com' &&
          (e.body.headers as Record<string, string> | undefined)?.['List-Unsubscribe'],
      )
      .at(-1);
    const unsubscribe = new URL(
      /<(https:[^>]+)>/.exec(
        ((boLatest?.body.headers ?? {}) as Record<string, string>)['List-Unsubscribe'] ?? '',
      )?.[1] ?? '',
    );
    const unsub = await fetch(`${base}/unsubscribe${unsubscribe.search}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
    });
    expect(unsub.status).toBe(200);

    // Alex answers 9 from the email's own link; a scanner opening the 0 link is not an answer.
    const alexEmail = fake.emails.find((e) => e.id === idOf(alex, 'review-request'));
    const links = [
      ...String(alexEmail?.body.html).matchAll(
        /href="(https:\/\/hooks\.northwind\.example\/feedback[^"]+)"/g,
      ),
    ].map((m) => new URL((m[1] ?? '').replaceAll('&amp;', '&')));
    const local = (score: number) => {
      const link = links.find((l) => l.searchParams.get('r') === String(score));
      return `${base}/feedback${link?.search}`;
    };
    const answer = await fetch(local(9), { headers: { 'user-agent': PERSON } });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('You answered 9 out of 10.');
    const scanned = await fetch(local(0), {
      headers: { 'user-agent': 'Mozilla/5.0 (compatible; Barracuda Sentinel)' },
    });
    expect(await scanned.text()).toContain('Send your answer of 0 out of 10?');
    const forged = await fetch(local(9).replace(/t=[^&]+/, 't=forged'), {
      headers: { 'user-agent': PERSON },
    });
    expect(forged.status).toBe(403);

    const res = await fetch(`${base}/report?since=30d`, { headers: bearer });
    expect(res.status).toBe(200);
    const report = (await res.json()) as OutcomeReport;
    // Eight live orders each sent both emails; the first three were delivered.
    expect(report.templates).toEqual([
      {
        template: 'order-confirmation',
        variant: 'a',
        goal: 'click',
        sent: 8,
        delivered: 3,
        bounced: 0,
        complained: 0,
        unsubscribed: 0,
        humanClicks: 1,
        clickRate: 1 / 3,
        orders: 0,
        revenue: {},
        revenuePerRecipient: {},
        conversionRate: 0,
      },
      {
        template: 'review-request',
        variant: 'a',
        goal: 'review',
        sent: 8,
        delivered: 3,
        bounced: 0,
        complained: 0,
        unsubscribed: 1,
        humanClicks: 2,
        clickRate: 2 / 3,
        orders: 2,
        revenue: { USD: 5000, KRW: 120000 },
        revenuePerRecipient: { USD: 1667, KRW: 40000 },
        conversionRate: 2 / 3,
      },
    ]);
    expect(report.feedback).toEqual({
      nps: { responses: 1, score: 100 },
      csat: { responses: 0, percent: null },
      tags: {},
    });
    expect(report.retention).toEqual({ customers: 4, repeatRate: 3 / 4 });
    expect(Date.parse(report.until) - Date.parse(report.since)).toBe(30 * DAY);

    expect((await fetch(`${base}/report?since=soon`, { headers: bearer })).status).toBe(400);
    expect((await fetch(`${base}/report`)).status).toBe(401);
  }, 120_000);
});
