/**
 * The outcomes end to end inside one process: signed Resend webhooks (deliveries, a scanner burst, people's
 * clicks, a test send's click) and orders arriving through `enqueue`, then the report, figure by figure.
 */

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../../emails';
import { americanOrderData } from '../../../emails/_samples';
import { runSendCommand } from '../../../sending/cli/send-command';
import type { AbTestReport } from '../../../sending/engine/learning-report';
import { parseSequence } from '../../../sending/plan/sequence';
import type { StepStatus } from '../../../sending/sequencer';
import { type LiveEngine, useLiveEngine } from '../../support/databases';
import { withoutFrequencyRules } from '../../support/send-fixtures';
import { signWebhook, WEBHOOK_SECRET } from '../../support/svix';

const KEY = 're_outcomes_key';
const DAY = 86_400_000;
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

const sequence = parseSequence(
  withoutFrequencyRules('outcomes', [
    { template: 'order-confirmation', day: 0 },
    { template: 'thank-you', day: 0, abTest: ['a', 'b'] },
  ]),
);

let engine: LiveEngine;
useLiveEngine(
  'outcomes',
  {
    apiKey: KEY,
    from: 'Northwind <orders@northwind.example>',
    sequence,
    unsubscribeSecret: 'outcomes-secret',
    webhookSecret: WEBHOOK_SECRET,
    attributionDays: 5,
  },
  (opened) => {
    engine = opened;
  },
);

const iso = (ms: number) => new Date(ms).toISOString();

function order(id: string, email: string, placedMs: number, currency = 'USD', total = 16756) {
  return {
    ...americanOrderData,
    customer: { ...americanOrderData.customer, email },
    order: { ...americanOrderData.order, id, placedAt: iso(placedMs), currency, total },
  };
}

let svix = 0;
async function webhook(
  type: string,
  emailId: string,
  to: string,
  createdMs: number,
  extra: Record<string, unknown> = {},
) {
  const body = JSON.stringify({
    type,
    created_at: iso(createdMs),
    data: {
      created_at: iso(createdMs),
      email_id: emailId,
      from: 'orders@northwind.example',
      to: [to],
      subject: 's',
      ...extra,
    },
  });
  const res = await engine.sequencer.handleResendWebhook(
    new Request('https://h/webhooks/resend', {
      method: 'POST',
      body,
      headers: signWebhook(body, { id: `msg_outcomes_${++svix}` }),
    }),
  );
  expect(res.status).toBe(200);
}
const click = (emailId: string, to: string, atMs: number, link: string, userAgent = CHROME) =>
  webhook('email.clicked', emailId, to, atMs, {
    click: { ipAddress: '203.0.113.9', link, timestamp: iso(atMs), userAgent },
  });

describe('outcomes: clicks judged, orders credited, the report exact', () => {
  it('credits orders to the last human click within the window, once, never a test send’s, and withdraws a refund', async () => {
    const { sequencer } = engine;
    const now = Date.now();
    const t0 = now - 10 * DAY;
    await sequencer.enqueue([
      order('o-alex', 'alex@example.com', t0),
      order('o-bo', 'bo@example.com', t0),
      order('o-cy', 'Cy@Example.com', t0, 'KRW', 39000),
    ]);
    await sequencer.enqueue(order('o-dee', 'dee@example.com', t0), { to: 'tester@example.com' });
    const steps = (await sequencer.status()).steps.filter((s) => s.resendId);
    expect(steps).toHaveLength(8);
    const step = (o: string, template: string, to?: string): StepStatus => {
      const found = steps.find(
        (s) => s.order === o && s.template === template && (to === undefined || s.to === to),
      );
      if (!found) throw new Error(`no ${template} for ${o}`);
      return found;
    };
    // Each arm of the subject test went out with its own subject line.
    for (const s of steps.filter((x) => x.template === 'thank-you')) {
      const sent = engine.fake.emails.find((e) => e.id === s.resendId);
      const { subject } = await renderEmail('thank-you', order(s.order, 'x@example.com', t0), {
        subjectVariant: s.variant === 'b' ? 'b' : 'a',
        unsubscribeSecret: 'outcomes-secret',
        recipient: s.to,
      });
      expect(sent?.body.subject, `${s.order} ${s.variant}`).toBe(subject);
    }
    const delivered = t0 + 60_000;
    for (const s of steps) await webhook('email.delivered', s.resendId ?? '', s.to, delivered);
    await webhook(
      'email.opened',
      step('o-alex', 'thank-you').resendId ?? '',
      'alex@example.com',
      delivered + 1000,
    );

    // A gateway's burst at delivery on Alex's thank-you, posing as a browser; then Alex, an hour later.
    const alexTy = step('o-alex', 'thank-you');
    for (const [i, link] of ['https://a/1', 'https://a/2', 'https://a/3'].entries())
      await click(alexTy.resendId ?? '', 'alex@example.com', delivered + 4000 + i * 300, link);
    const alexClick = delivered + 3_600_000;
    await click(alexTy.resendId ?? '', 'alex@example.com', alexClick, 'https://northwind.example.com/p/1');
    // Bo clicks the confirmation; a scanner announces itself on Cy's; Cy clicks the thank-you.
    const boClick = delivered + 7_200_000;
    await click(step('o-bo', 'order-confirmation').resendId ?? '', 'bo@example.com', boClick, 'https://n/o');
    await click(
      step('o-cy', 'thank-you').resendId ?? '',
      'cy@example.com',
      delivered + 2 * 3_600_000,
      'https://n/x',
      'Mimecast URL Protect',
    );
    const cyClick = delivered + 3 * 3_600_000;
    await click(step('o-cy', 'thank-you').resendId ?? '', 'cy@example.com', cyClick, 'https://n/y');
    // The tester clicks the test send's thank-you: it never counts.
    const deeClick = delivered + 3_600_000;
    await click(
      step('o-dee', 'thank-you', 'tester@example.com').resendId ?? '',
      'tester@example.com',
      deeClick,
      'https://n/t',
    );

    const store = await sequencer.store();
    const clicks = await store.db
      .selectFrom('interactions')
      .selectAll()
      .where('type', '=', 'click')
      .execute();
    expect(
      clicks
        .filter((c) => c.verdict === 'machine')
        .map((c) => c.rule)
        .sort(),
    ).toEqual(['agent', 'seconds', 'seconds', 'seconds']);
    const events = await store.db
      .selectFrom('events')
      .select('payload')
      .where('type', '=', 'email.clicked')
      .execute();
    expect(JSON.stringify(events)).not.toMatch(/203\.0\.113\.9|Chrome\/131|Mimecast/);

    // Orders: Alex 1 s inside the window, Bo 1 s outside, Dee (only a test send's click), Cy in KRW, refunded.
    await sequencer.enqueue(order('o-alex-2', 'ALEX@example.com', alexClick + 5 * DAY - 1000, 'USD', 5000));
    await sequencer.enqueue(order('o-alex-2', 'alex@example.com', alexClick + 5 * DAY - 1000, 'USD', 5000));
    await sequencer.enqueue(order('o-bo-2', 'bo@example.com', boClick + 5 * DAY + 1000, 'USD', 7000));
    await sequencer.enqueue(order('o-dee-2', 'dee@example.com', deeClick + DAY, 'USD', 9000));
    await sequencer.enqueue(order('o-cy-2', 'cy@example.com', cyClick + DAY, 'KRW', 120000));
    await sequencer.enqueue(order('o-cy-3', 'cy@example.com', cyClick + 2 * DAY, 'KRW', 30000));
    await sequencer.event({ type: 'order-refunded', orderId: 'o-cy-3' });

    const credits = await store.db.selectFrom('attributions').selectAll().orderBy('order_id').execute();
    expect(credits.map((c) => [c.order_id, c.template, Number(c.amount), c.currency, c.withdrawn])).toEqual([
      ['o-alex-2', 'thank-you', 5000, 'USD', null],
      ['o-cy-2', 'thank-you', 120000, 'KRW', null],
      ['o-cy-3', 'thank-you', 30000, 'KRW', 'order refunded'],
    ]);

    const report = await sequencer.report({ sinceMs: 30 * DAY });
    const rowOf = (template: string, variant: string) =>
      report.templates.find((r) => r.template === template && r.variant === variant);
    const variantOf = (o: string) => step(o, 'thank-you').variant ?? 'a';
    // Every live email handed over (the new orders' too) is sent; those Resend reported, delivered.
    const deliveredIds = new Set(steps.map((s) => s.resendId));
    const now2 = (await sequencer.status()).steps.filter((s) => s.resendId && s.to !== 'tester@example.com');
    const expected = new Map<string, { sent: number; delivered: number }>();
    for (const s of now2) {
      const k = `${s.template}/${s.variant ?? 'a'}`;
      const e = expected.get(k) ?? { sent: 0, delivered: 0 };
      e.sent++;
      if (deliveredIds.has(s.resendId)) e.delivered++;
      expected.set(k, e);
    }
    expect(report.templates).toHaveLength(expected.size);
    for (const [k, n] of expected) {
      const [template = '', variant = ''] = k.split('/');
      expect(rowOf(template, variant)).toMatchObject({ ...n, bounced: 0, complained: 0 });
    }
    const sum = (template: string, field: 'humanClicks' | 'orders') =>
      report.templates.filter((r) => r.template === template).reduce((a, r) => a + r[field], 0);
    expect(sum('thank-you', 'humanClicks')).toBe(2);
    expect(sum('order-confirmation', 'humanClicks')).toBe(1);
    expect(sum('thank-you', 'orders')).toBe(2);
    expect(sum('order-confirmation', 'orders')).toBe(0);
    const alexRow = rowOf('thank-you', variantOf('o-alex'));
    const cyRow = rowOf('thank-you', variantOf('o-cy'));
    if (alexRow === cyRow) {
      expect(alexRow?.revenue).toEqual({ USD: 5000, KRW: 120000 });
      expect(alexRow?.conversionRate).toBe(2 / (alexRow?.delivered ?? 0));
    } else {
      expect(alexRow?.revenue).toEqual({ USD: 5000 });
      expect(cyRow?.revenue).toEqual({ KRW: 120000 });
      expect(alexRow?.revenuePerRecipient).toEqual({ USD: Math.round(5000 / (alexRow?.delivered ?? 1)) });
    }
    expect(alexRow?.goal).toBe('click');
    // Alex and Cy ordered again (Cy's refunded order does not count); Bo's second order is one too; Dee's is live.
    expect(report.retention).toEqual({ customers: 4, repeatRate: 3 / 4 });
    // The thank-you step's A/B test: its arms now (Alex's and Cy's thank-you emails had a human click each),
    // undecided with a handful of recipients.
    expect(report.abTests).toHaveLength(1);
    const [ab] = report.abTests as AbTestReport[];
    expect(ab).toMatchObject({
      template: 'thank-you',
      test: 'thank-you@d0',
      metric: 'click',
      decision: null,
    });
    const thankYouSent = [...expected]
      .filter(([k]) => k.startsWith('thank-you/'))
      .reduce((a, [, n]) => a + n.sent, 0);
    const arms = Object.values(ab?.arms ?? {});
    expect(arms.reduce((a, arm) => a + arm.recipients, 0)).toBe(thankYouSent);
    expect(arms.reduce((a, arm) => a + arm.successes, 0)).toBe(2);

    // `send report`: the same document as JSON, and the page with its charts as SVG.
    const dir = await mkdtemp(join(tmpdir(), 'outcomes-report-'));
    try {
      let out = '';
      const io = {
        out: (t: string) => {
          out += t;
        },
        err: () => {},
        env: {},
        sequencer,
      };
      const html = join(dir, 'report.html');
      expect(await runSendCommand(['report', '--since', '30d', '--json', '--html', html], io)).toBe(0);
      expect((JSON.parse(out) as typeof report).templates).toEqual(report.templates);
      const page = await readFile(html, 'utf8');
      expect(page).toMatch(/^<!doctype html><html lang="en">/);
      expect(page.match(/<svg /g)).toHaveLength(2);
      expect(page).toContain('<th scope="row">thank-you</th><td>click</td>');
      out = '';
      expect(await runSendCommand(['report'], io)).toBe(0);
      expect(out).toMatch(/^template\s+goal\s+variant\s+sent/);
      expect(out).toMatch(
        /NPS — \(0 answers\), CSAT — \(0 answers\); 4 customers, 75\.0% ordered again\.\n$/,
      );
      await expect(runSendCommand(['report', '--since', 'yesterday'], io)).rejects.toThrow(
        /^--since yesterday: expected a duration/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('mirrors Resend’s suppression list: added stops the address, removed frees it only if Resend put it there', async () => {
    const { sequencer } = engine;
    const list = async (type: string, email: string) => {
      const body = JSON.stringify({
        type,
        created_at: new Date().toISOString(),
        data: {
          id: `sup_${email}`,
          email,
          origin: 'manual',
          source_id: null,
          created_at: new Date().toISOString(),
        },
      });
      const res = await sequencer.handleResendWebhook(
        new Request('https://h/webhooks/resend', {
          method: 'POST',
          body,
          headers: signWebhook(body, { id: `msg_list_${++svix}` }),
        }),
      );
      expect(res.status).toBe(200);
    };
    await list('suppression.added', 'Eve@Example.com');
    await sequencer.suppress('fay@example.com', { scope: 'marketing', source: 'unsubscribe' });
    expect((await sequencer.suppressions()).map((s) => [s.email, s.scope, s.source])).toEqual(
      expect.arrayContaining([
        ['eve@example.com', 'all', 'resend'],
        ['fay@example.com', 'marketing', 'unsubscribe'],
      ]),
    );
    await list('suppression.removed', 'eve@example.com');
    await list('suppression.removed', 'fay@example.com');
    const left = (await sequencer.suppressions()).map((s) => s.email);
    expect(left).not.toContain('eve@example.com');
    expect(left).toContain('fay@example.com');
  });
});
