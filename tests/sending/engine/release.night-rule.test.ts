/**
 * Korea's night rule at release (docs/compliance.md): a `ko` marketing step planned in daylight but met by the
 * worker between 21:00 and 08:00 on the customer's clock is deferred, not sent, unless the customer consented
 * (`customer.consents.night: true`), whatever the sequence's quietHours (here `false`). The worker's clock is
 * set (only `Date`) to the exact minute; the step was due days before, so the store's own clock claims it
 * whichever clock it reads.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OrderDocument } from '../../../core/order-document';
import { readRules } from '../../../sending/plan/frequency';
import { toLocalIso, zonedToUtc } from '../../../sending/plan/zoned-time';
import type { Sequencer } from '../../../sending/sequencer';
import { BACKEND, useLiveEngine } from '../../support/databases';
import type { FakeResend } from '../../support/fake-resend';
import { seoul, withoutFrequencyRules } from '../../support/send-fixtures';

const KEY = 're_release_night_key';
const DAY = 86_400_000;
const SEOUL = 'Asia/Seoul';
const NIGHT_REASON = "deferred: no advertising 21:00–08:00 without the customer's night consent";

/** Quiet hours off and no gap: only the law's night can hold the thank-you back. */
const SEQUENCE = withoutFrequencyRules('night-at-release', [
  { template: 'order-confirmation', day: 0 },
  { template: 'thank-you', day: 1, at: '12:00' },
]);

let fake: FakeResend;
let sequencer: Sequencer;

useLiveEngine('release_night', { apiKey: KEY, sequence: SEQUENCE }, (engine) => {
  ({ fake, sequencer } = engine);
});

afterEach(async () => {
  vi.useRealTimers();
  // Each test's clock stands on its own: what one test left planned (deferred to a morning its clock had not
  // reached) must not be met by the next test's worker at another minute.
  const store = await sequencer.store();
  await store.db.updateTable('steps').set({ state: 'cancelled' }).where('state', '=', 'planned').execute();
});

/** The latest instant, at least two hours ago, whose Seoul clock reads `hhmm`. */
function lastSeoul(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  const today = new Date(Date.now() + 9 * 3_600_000);
  for (let back = 0; back < 3; back++) {
    const day = new Date(today.getTime() - back * DAY);
    const t = zonedToUtc(
      {
        year: day.getUTCFullYear(),
        month: day.getUTCMonth() + 1,
        day: day.getUTCDate(),
        hour: h,
        minute: m,
        second: 0,
      },
      SEOUL,
    );
    if (t <= Date.now() - 2 * 3_600_000) return t;
  }
  throw new Error(`no ${hhmm} KST found`);
}

/** A Korean order placed four days before `atMs` (its thank-you was due days ago, at noon). */
function order(id: string, atMs: number, consents?: { night: boolean }): OrderDocument {
  const { shipment: _none, ...rest } = seoul;
  return {
    ...rest,
    customer: {
      ...rest.customer,
      email: `${id}@example.com`,
      timeZone: SEOUL,
      ...(consents ? { consents } : {}),
    },
    order: { ...rest.order, id, placedAt: toLocalIso(atMs - 4 * DAY, SEOUL) },
  } as OrderDocument;
}

/** Planned in daylight (the order's own moment), then released by the worker at `hhmm` KST. */
async function releasedAt(id: string, hhmm: string, consents?: { night: boolean }) {
  const atMs = lastSeoul(hhmm);
  const doc = order(id, atMs, consents);
  await sequencer.enqueue(doc, { now: new Date(atMs - 4 * DAY + 60_000), release: false });
  vi.useFakeTimers({ toFake: ['Date'], now: atMs, shouldAdvanceTime: true });
  try {
    await sequencer.work({ once: true });
  } finally {
    vi.useRealTimers();
  }
  const { steps } = await sequencer.status({ order: id });
  const thankYou = steps.find((s) => s.template === 'thank-you');
  const sent = fake.emails
    .map((e) => e.body.tags as { name: string; value: string }[])
    .filter((tags) => tags.some((t) => t.value === id))
    .map((tags) => tags.find((t) => t.name === 'template')?.value);
  return { atMs, thankYou, sent };
}

describe(`the night rule at release (ko, 21:00–08:00 KST) on ${BACKEND}`, () => {
  it('keeps the night in the rules stored with the order, and none with consent', async () => {
    const store = await sequencer.store();
    await sequencer.enqueue(order('night-rules', Date.now()), { release: false });
    await sequencer.enqueue(order('night-rules-ok', Date.now(), { night: true }), { release: false });
    const rows = await store.db
      .selectFrom('orders')
      .select(['id', 'rules'])
      .where('id', 'like', 'night-rules%')
      .execute();
    const rules = new Map(rows.map((r) => [r.id, readRules(r.rules)]));
    expect(rules.get('night-rules')?.night).toEqual(['21:00', '08:00']);
    expect(rules.get('night-rules')?.quietHours).toBeNull();
    expect(rules.get('night-rules-ok')?.night).toBeUndefined();
  });

  // In the clock's order: the sender's pacing remembers the last moment it sent, so the clock only moves on.
  it.each([
    ['20:59', 'without consent', true],
    ['21:00', 'without consent', false],
    ['21:00', 'with consent', true],
    ['07:59', 'without consent', false],
    ['08:00', 'without consent', true],
  ])('a thank-you met by the worker at %s KST %s goes out: %s', async (hhmm, who, goes) => {
    const consented = who === 'with consent';
    const id = `night-${hhmm.replace(':', '')}${consented ? '-consent' : ''}`;
    const { atMs, thankYou, sent } = await releasedAt(id, hhmm, consented ? { night: true } : undefined);
    if (goes) {
      expect(thankYou).toMatchObject({ state: 'sent' });
      expect(sent).toContain('thank-you');
      return;
    }
    // Deferred to its own time of day (12:00) after the night, not sent, with the law's reason.
    expect(sent).not.toContain('thank-you');
    expect(sent).toContain('order-confirmation');
    expect(thankYou).toMatchObject({ state: 'planned', reason: NIGHT_REASON });
    const morning = Date.parse(thankYou?.sendAt ?? '');
    expect(morning).toBeGreaterThan(atMs);
    expect(morning - atMs).toBeLessThan(DAY);
    expect(thankYou?.local).toMatch(/T12:00:00\+09:00$/);
  });
});
