/**
 * The review request's answers: the links in the email as sent, followed as a person and as a scanner would.
 */
import { describe, expect, it } from 'vitest';
import { feedbackLink } from '../../../core/links';
import { americanOrderData } from '../../../emails/_samples';
import { tagsFor } from '../../../sending/http/feedback';
import { parseSequence } from '../../../sending/plan/sequence';
import { type LiveEngine, useLiveEngine } from '../../support/databases';
import { withoutFrequencyRules } from '../../support/send-fixtures';
import { signWebhook, WEBHOOK_SECRET } from '../../support/svix';

const KEY = 're_feedback_key';
const PERSON =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const FEEDBACK_URL = 'https://hooks.northwind.example/feedback';

const sequence = parseSequence(withoutFrequencyRules('feedback', [{ template: 'review-request', day: 0 }]));

let engine: LiveEngine;
let links: string[] = [];
let stepId = '';

const document = (id: string, locale: 'en' | 'ko') => ({
  ...americanOrderData,
  shop: {
    ...americanOrderData.shop,
    feedbackUrl: FEEDBACK_URL,
    feedbackTags: { shipping: ['late', '배송', '物流'], quality: ['broken'] },
  },
  customer: { ...americanOrderData.customer, email: `${id}@example.com`, locale },
  order: { ...americanOrderData.order, id, placedAt: new Date().toISOString() },
});

useLiveEngine(
  'feedback',
  {
    apiKey: KEY,
    from: 'Northwind <orders@northwind.example>',
    sequence,
    unsubscribeSecret: 'feedback-secret',
    webhookSecret: WEBHOOK_SECRET,
  },
  async (opened) => {
    engine = opened;
    await opened.sequencer.enqueue(document('fb-1', 'en'));
    const sent = opened.fake.emails.find((e) => e.body.to === 'fb-1@example.com');
    links = [...String(sent?.body.html).matchAll(/href="([^"]+)"/g)]
      .map((m) => (m[1] ?? '').replaceAll('&amp;', '&'))
      .filter((href) => href.startsWith(FEEDBACK_URL));
    const [step] = (await opened.sequencer.status({ order: 'fb-1' })).steps;
    stepId = await stepOf('fb-1');
    // Delivered ten minutes ago: a person's click now is long after it.
    const body = JSON.stringify({
      type: 'email.delivered',
      created_at: new Date(Date.now() - 600_000).toISOString(),
      data: { email_id: step?.resendId, to: ['fb-1@example.com'] },
    });
    await opened.sequencer.handleResendWebhook(
      new Request('https://h/webhooks/resend', { method: 'POST', body, headers: signWebhook(body) }),
    );
  },
);

async function stepOf(order: string): Promise<string> {
  const store = await engine.sequencer.store();
  const row = await store.db
    .selectFrom('steps')
    .select('id')
    .where('order_id', '=', order)
    .executeTakeFirstOrThrow();
  return row.id;
}

const get = (url: string, userAgent = PERSON) =>
  engine.sequencer.handleFeedback(new Request(url, { headers: { 'user-agent': userAgent } }));
const linkFor = (score: number) => {
  const link = links.find((l) => new URL(l).searchParams.get('r') === String(score));
  if (!link) throw new Error(`no link for ${score}`);
  return link;
};
async function answers() {
  const store = await engine.sequencer.store();
  return store.db.selectFrom('feedback').select(['step_id', 'score', 'scale', 'comment', 'tags']).execute();
}
const reviewLinkOf = (html: string) => /<a href="([^"]+)">Write a public review<\/a>/.exec(html)?.[1];

describe('feedback from the review request', () => {
  it('signs one link per NPS score for the step, pointing at shop.feedbackUrl', () => {
    expect(links.map((l) => new URL(l).searchParams.get('r'))).toEqual(
      Array.from({ length: 11 }, (_, i) => String(i)),
    );
    for (const l of links) expect(new URL(l).searchParams.get('s')).toBe(stepId);
    expect(new Set(links.map((l) => new URL(l).searchParams.get('t'))).size).toBe(11);
  });

  it('records a score, then a later click changes it; the page is the customer’s, framed by nobody', async () => {
    const first = await get(linkFor(3));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const page = await first.text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('You answered 3 out of 10.');
    expect(page).toContain('name="comment"');
    expect(await answers()).toMatchObject([{ step_id: stepId, score: 3, scale: 'nps' }]);
    expect((await get(linkFor(9))).status).toBe(200);
    expect(await answers()).toMatchObject([{ step_id: stepId, score: 9 }]);
  });

  it('shows the same public review link for 0 and for 10 (no review gating)', async () => {
    const zero = reviewLinkOf(await (await get(linkFor(0))).text());
    const ten = reviewLinkOf(await (await get(linkFor(10))).text());
    expect(zero).toBe('https://northwind.example.com/reviews/new?order=2002');
    expect(ten).toBe(zero);
  });

  it('refuses a forged token or an edited score with 403 and records nothing', async () => {
    const before = await answers();
    const forged = new URL(linkFor(2));
    forged.searchParams.set('t', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const edited = new URL(linkFor(2));
    edited.searchParams.set('r', '10');
    for (const url of [forged.toString(), edited.toString()]) {
      const res = await get(url);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('This link is not valid');
    }
    const post = await engine.sequencer.handleFeedback(
      new Request(FEEDBACK_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ s: stepId, r: '1', t: forged.searchParams.get('t') ?? '' }).toString(),
      }),
    );
    expect(post.status).toBe(403);
    expect(await answers()).toEqual(before);
  });

  it('does not count a scanner’s GET: it gets one button, and the button’s POST records the score', async () => {
    const before = await answers();
    const scanner = await get(linkFor(1), 'Mozilla/5.0 (compatible; Barracuda Sentinel URL Scanner)');
    expect(scanner.status).toBe(200);
    const page = await scanner.text();
    expect(page).toContain('Send your answer of 1 out of 10?');
    expect(await answers()).toEqual(before);
    const form = /<form method="post" action="([^"]+)">(.*?)<\/form>/.exec(page);
    const fields = new URLSearchParams(
      [...(form?.[2] ?? '').matchAll(/name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
    );
    const confirmed = await engine.sequencer.handleFeedback(
      new Request(new URL(form?.[1] ?? '', FEEDBACK_URL), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: fields.toString(),
      }),
    );
    expect(confirmed.status).toBe(200);
    expect(await answers()).toMatchObject([{ score: 1 }]);
  });

  it('keeps a comment with the tags its words earn', async () => {
    const t = new URL(linkFor(6)).searchParams.get('t') ?? '';
    const res = await engine.sequencer.handleFeedback(
      new Request(FEEDBACK_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          s: stepId,
          r: '6',
          t,
          comment: 'Arrived LATE and the lid was Broken',
        }).toString(),
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('every comment is read');
    expect(await answers()).toMatchObject([
      { score: 6, comment: 'Arrived LATE and the lid was Broken', tags: ['quality', 'shipping'] },
    ]);
  });

  it('tags by keyword case-insensitively, in any of the three languages', () => {
    const tags = { shipping: ['late', '배송', '物流'], price: ['expensive'] };
    expect(tagsFor('배송이 늦었어요', tags)).toEqual(['shipping']);
    expect(tagsFor('物流太慢', tags)).toEqual(['shipping']);
    expect(tagsFor('Too EXPENSIVE, came Late', tags)).toEqual(['price', 'shipping']);
    expect(tagsFor('lovely', tags)).toEqual([]);
  });

  it('asks a GET seconds after the delivery to confirm, and speaks the customer’s language', async () => {
    await engine.sequencer.enqueue([document('fb-2', 'en'), document('fb-ko', 'ko')]);
    const [sent] = (await engine.sequencer.status({ order: 'fb-2' })).steps;
    const body = JSON.stringify({
      type: 'email.delivered',
      created_at: new Date(Date.now() - 5000).toISOString(),
      data: { email_id: sent?.resendId, to: ['fb-2@example.com'] },
    });
    await engine.sequencer.handleResendWebhook(
      new Request('https://h/webhooks/resend', { method: 'POST', body, headers: signWebhook(body) }),
    );
    const fresh = await get(feedbackLink(FEEDBACK_URL, await stepOf('fb-2'), 10, 'feedback-secret'));
    expect(await fresh.text()).toContain('Send your answer of 10 out of 10?');
    expect((await answers()).map((a) => a.step_id)).not.toContain(await stepOf('fb-2'));

    const korean = await get(feedbackLink(FEEDBACK_URL, await stepOf('fb-ko'), 10, 'feedback-secret'));
    const page = await korean.text();
    expect(page).toContain('<html lang="ko">');
    expect(page).toContain('10점 만점에 10점으로 답하셨습니다.');
    expect(page).toContain('공개 리뷰 쓰기');
    expect(page).toContain(`src="${americanOrderData.shop.logoUrl}"`);
  });
});
