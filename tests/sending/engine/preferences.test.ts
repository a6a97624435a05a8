/**
 * The preference centre in the live engine (sending/http/preferences.ts over the store): GET shows an
 * address's choices and changes nothing, a forged token is refused, POST saves (with an undo), and the worker
 * honours the choices at release like a suppression — a topic off stops exactly its templates, a pause ends on
 * its day — with `status` naming the choice. A link by email: sent to a known address only, at most 3 per
 * hour, one answer for known and unknown addresses.
 */
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { unsubscribeToken } from '../../../core/links';
import type { OrderDocument } from '../../../core/order-document';
import { dayAt, offsetOf } from '../../../sending/plan/preferences';
import { toLocalIso } from '../../../sending/plan/zoned-time';
import type { Sequencer } from '../../../sending/sequencer';
import type { Store } from '../../../sending/store/store';
import { BACKEND, useLiveEngine } from '../../support/databases';
import type { FakeResend } from '../../support/fake-resend';
import { newYork, secret, withoutFrequencyRules } from '../../support/send-fixtures';

const KEY = 're_preferences_key';
const DAY = 86_400_000;
const ZONE = 'America/New_York';
const HOST = 'https://mail.northwind.example';

/** Every marketing topic once, overdue together; no gap and no quiet hours, so only the choices decide. */
const SEQUENCE = withoutFrequencyRules('preferences', [
  { template: 'order-confirmation', day: 0 },
  { template: 'thank-you', day: 1 },
  { template: 'review-request', day: 1 },
  { template: 'cross-sell', day: 2 },
  { template: 'referral', day: 2 },
]);

let fake: FakeResend;
let sequencer: Sequencer;
let store: Store;

useLiveEngine(
  'preferences',
  {
    apiKey: KEY,
    from: 'Northwind <orders@northwind.example>',
    sequence: SEQUENCE,
  },
  async (engine) => {
    ({ fake, sequencer } = engine);
    store = await sequencer.store();
  },
);

beforeEach(async () => {
  await sql`UPDATE steps SET state = 'cancelled' WHERE state = 'planned'`.execute(store.db);
});

function order(id: string, email = `${id}@example.com`): OrderDocument {
  const { shipment: _none, ...rest } = newYork;
  return {
    ...rest,
    customer: { ...rest.customer, email, timeZone: ZONE },
    order: { ...rest.order, id, placedAt: toLocalIso(Date.now() - 3 * DAY, ZONE) },
  } as OrderDocument;
}

const link = (email: string, token = unsubscribeToken(email, secret)) =>
  `${HOST}/preferences?e=${encodeURIComponent(email)}&t=${encodeURIComponent(token)}`;

const post = (url: string, form: Record<string, string | readonly string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const value of [v].flat()) body.append(k, value);
  return sequencer.handlePreferences(
    new Request(url, {
      method: 'POST',
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
  );
};

const sentTo = (orderId: string) =>
  fake.emails
    .map((e) => e.body.tags as { name: string; value: string }[])
    .filter((tags) => tags.some((t) => t.value === orderId))
    .map((tags) => tags.find((t) => t.name === 'template')?.value)
    .sort();

/** Plans an order placed three days ago (everything overdue) and releases it: what went, and why the rest did not. */
async function released(id: string) {
  await sequencer.enqueue(order(id), { release: false, now: new Date(Date.now() - 3 * DAY + 60_000) });
  await sequencer.work({ once: true });
  const { steps } = await sequencer.status({ order: id });
  return {
    sent: sentTo(id),
    reasons: Object.fromEntries(
      steps.filter((s) => s.state === 'skipped').map((s) => [s.template, s.reason]),
    ),
  };
}

const rowsFor = async (email: string) =>
  (await sql<{ n: string }>`SELECT count(*) AS n FROM preferences WHERE email = ${email}`.execute(store.db))
    .rows[0]?.n;

describe(`the preference centre on ${BACKEND}`, () => {
  it('GET shows the choices (everything on at first) and changes nothing', async () => {
    const email = 'look@example.com';
    await sequencer.enqueue(order('pref-look', email), { release: false });
    const res = await sequencer.handlePreferences(new Request(link(email)));
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const topic of ['reviews', 'offers', 'referral', 'thanks'])
      expect(html).toContain(`name="topic" value="${topic}" checked`);
    expect(html).toContain('name="pause" value="0" checked');
    expect(html).toContain('name="none" value="1">');
    // The shop's logo (its latest order's) and language.
    expect(html).toContain('src="https://northwind.example.com/logo.png"');
    expect(html).toContain('<html lang="en">');
    expect(await rowsFor(email)).toBe('0');
  });

  it('refuses a forged or missing token with 403 and saves nothing', async () => {
    const email = 'forged@example.com';
    const forged = await post(link(email, 'not-the-token'), { topic: 'reviews' });
    expect(forged.status).toBe(403);
    const wrongAddress = await sequencer.handlePreferences(
      new Request(link(email, unsubscribeToken('other@example.com', secret))),
    );
    expect(wrongAddress.status).toBe(403);
    expect((await post(`${HOST}/preferences?e=${email}`, { topic: 'reviews' })).status).toBe(403);
    expect(await rowsFor(email)).toBe('0');
  });

  it('answers 400 naming the field for a pause it does not offer or an unknown topic', async () => {
    const email = 'bad@example.com';
    const pause = await post(link(email), { pause: '45' });
    expect(pause.status).toBe(400);
    expect(await pause.text()).toContain('(pause)');
    const topic = await post(link(email), { topic: 'news' });
    expect(topic.status).toBe(400);
    expect(await topic.text()).toContain('(topic)');
    expect(await rowsFor(email)).toBe('0');
  });

  it('offers off: exactly cross-sell stops at release (status: preferences: offers off); undo restores', async () => {
    const email = 'pref-offers@example.com';
    const saved = await post(link(email), { topic: ['reviews', 'referral', 'thanks'], pause: '0' });
    expect(saved.status).toBe(200);
    const page = await saved.text();
    expect(await sequencer.preferences(email)).toEqual({
      topicsOff: ['offers'],
      pausedUntil: null,
      noMarketing: false,
    });
    // The undo posts the replaced choices: every topic on.
    const undo =
      /<form method="post" action="[^"]*">((?:<input type="hidden"[^>]*>)+)<button type="submit" class="quiet">/.exec(
        page,
      );
    expect(undo).not.toBeNull();
    const fields = [...(undo?.[1] ?? '').matchAll(/name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]);
    expect(fields).toEqual([
      ['topic', 'reviews'],
      ['topic', 'offers'],
      ['topic', 'referral'],
      ['topic', 'thanks'],
      ['pause', '0'],
    ]);

    const { sent, reasons } = await released('pref-offers');
    expect(sent).toEqual(['order-confirmation', 'referral', 'review-request', 'thank-you']);
    expect(reasons).toEqual({ 'cross-sell': 'preferences: offers off' });

    const form: Record<string, string[]> = {};
    for (const [k = '', v = ''] of fields) form[k] = [...(form[k] ?? []), v];
    expect((await post(link(email), form)).status).toBe(200);
    expect(await sequencer.preferences(email)).toEqual({
      topicsOff: [],
      pausedUntil: null,
      noMarketing: false,
    });
  });

  it('reviews and thanks off stop exactly review-request and thank-you', async () => {
    await post(link('pref-two@example.com'), { topic: ['offers', 'referral'] });
    const { sent, reasons } = await released('pref-two');
    expect(sent).toEqual(['cross-sell', 'order-confirmation', 'referral']);
    expect(reasons).toEqual({
      'review-request': 'preferences: reviews off',
      'thank-you': 'preferences: thanks off',
    });
  });

  it('no marketing at all: every marketing step stops, the confirmation goes', async () => {
    await post(link('pref-none@example.com'), {
      topic: ['reviews', 'offers', 'referral', 'thanks'],
      none: '1',
    });
    const { sent, reasons } = await released('pref-none');
    expect(sent).toEqual(['order-confirmation']);
    expect(Object.values(reasons)).toEqual(Array(4).fill('preferences: no marketing'));
  });

  it('a pause stops marketing until its day, and ends on it (the customer’s calendar)', async () => {
    const today = dayAt(Date.now(), offsetOf(toLocalIso(Date.now(), ZONE)));
    const tomorrow = dayAt(Date.parse(`${today}T00:00:00Z`) + DAY);
    await sequencer.setPreferences('pref-paused@example.com', {
      topicsOff: [],
      pausedUntil: tomorrow,
      noMarketing: false,
    });
    const paused = await released('pref-paused');
    expect(paused.sent).toEqual(['order-confirmation']);
    expect(Object.values(paused.reasons)).toEqual(Array(4).fill(`preferences: paused until ${tomorrow}`));

    await sequencer.setPreferences('pref-ended@example.com', {
      topicsOff: [],
      pausedUntil: today,
      noMarketing: false,
    });
    const ended = await released('pref-ended');
    expect(ended.sent).toEqual([
      'cross-sell',
      'order-confirmation',
      'referral',
      'review-request',
      'thank-you',
    ]);
  });

  it('recalls from Resend a scheduled step the new choices stop; the rest stays scheduled', async () => {
    const email = 'pref-recall@example.com';
    // Day 2 falls half an hour from now: inside the release window, so handed to Resend with scheduledAt.
    const doc = order('pref-recall', email);
    const placed = {
      ...doc,
      order: { ...doc.order, placedAt: toLocalIso(Date.now() - 2 * DAY + 30 * 60_000, ZONE) },
    };
    await sequencer.enqueue(placed, { release: false, now: new Date(Date.now() - 2 * DAY + 31 * 60_000) });
    await sequencer.work({ once: true });
    const { steps: before } = await sequencer.status({ order: 'pref-recall' });
    expect(before.find((s) => s.template === 'cross-sell')?.state).toBe('scheduled');
    await post(link(email), { topic: ['reviews', 'referral', 'thanks'] });
    const after = new Map(
      (await sequencer.status({ order: 'pref-recall' })).steps.map((s) => [s.template, s]),
    );
    expect(after.get('cross-sell')).toMatchObject({
      state: 'skipped',
      reason: 'preferences: offers off (cancelled at Resend)',
    });
    expect(after.get('referral')?.state).toBe('scheduled');
    const id = after.get('cross-sell')?.resendId;
    expect(fake.emails.find((e) => e.id === id)?.status).toBe('cancelled');
  });

  it('a 30-day pause from the form runs until 30 days from today, shown on the next GET', async () => {
    const email = 'pref-30@example.com';
    await post(link(email), { topic: ['reviews', 'offers', 'referral', 'thanks'], pause: '30' });
    const until = (await sequencer.preferences(email)).pausedUntil;
    expect(until).toBe(dayAt(Date.now() + 30 * DAY));
    const html = await (await sequencer.handlePreferences(new Request(link(email)))).text();
    expect(html).toContain(`name="pause" value="${until}" checked`);
    // Choosing another pause on that page replaces it (one radio group).
    await post(link(email), { topic: ['reviews', 'offers', 'referral', 'thanks'], pause: '90' });
    expect((await sequencer.preferences(email)).pausedUntil).toBe(dayAt(Date.now() + 90 * DAY));
  });
});

describe(`a preferences link by email on ${BACKEND}`, () => {
  const ask = (email: string) => post(`${HOST}/preferences`, { email });
  const linkEmails = (to: string) =>
    fake.emails
      .filter(
        (e) =>
          e.body.to === to ||
          (Array.isArray(e.body.to) && (e.body.to as string[]).includes(to)) ||
          String(e.body.to).includes(to),
      )
      .filter((e) =>
        (e.body.tags as { name: string; value: string }[]).some((t) => t.value === 'preferences-link'),
      );

  it('GET without a token shows the form to ask for a link', async () => {
    const res = await sequencer.handlePreferences(new Request(`${HOST}/preferences`));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('type="email"');
    expect(html).toContain('<label for="email"');
  });

  it('sends the preferences-link email to a known address, signed for it; at most 3 an hour', async () => {
    const email = 'known-link@example.com';
    await sequencer.enqueue(order('link-known', email), { release: false });
    const answers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await ask(email);
      expect(res.status).toBe(200);
      answers.push(await res.text());
    }
    const sent = linkEmails(email);
    expect(sent).toHaveLength(3);
    // The shop's own preferencesUrl, filled and signed for the address.
    const html = String(sent[0]?.body.html);
    expect(html).toContain(
      `https://northwind.example.com/email/preferences?email=${encodeURIComponent(email)}&amp;token=${unsubscribeToken(email, secret)}`,
    );
    // The fourth, over the limit, gets the same answer.
    expect(new Set(answers).size).toBe(1);
  });

  it('answers an unknown address exactly as a known one, and sends nothing', async () => {
    const known = 'known-same@example.com';
    const unknown = 'nobody-here@example.com';
    await sequencer.enqueue(order('link-same', known), { release: false });
    const a = await (await ask(known)).text();
    const b = await (await ask(unknown)).text();
    expect(b.replaceAll(unknown, 'X')).toBe(a.replaceAll(known, 'X'));
    expect(linkEmails(unknown)).toHaveLength(0);
    expect(linkEmails(known)).toHaveLength(1);
  });

  it('answers 400 naming the field for an address that is not one', async () => {
    const res = await ask('not an address');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('(email)');
  });
});
