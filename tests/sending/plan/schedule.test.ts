import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { UnsubscribeSecretMissing } from '../../../core/links';
import { ValidationError } from '../../../core/order-document';
import { templates } from '../../../emails';
import { chineseOrderData } from '../../../emails/_samples';
import { composeSequence } from '../../../sending/offline/compose';
import {
  defaultFrom,
  idempotencyKey,
  isFromAddress,
  resendTags,
  stepId,
  tagValue,
} from '../../../sending/plan/payload';
import { HORIZON_MS, parseDuration, plan } from '../../../sending/plan/schedule';
import { defaultSequence, POST_PURCHASE, parseSequence, type Sequence } from '../../../sending/plan/sequence';
import { toLocalIso, zonedToUtc } from '../../../sending/plan/zoned-time';
import { dayOffsetSequence, newYork, secret, seoul } from '../../support/send-fixtures';

const sequence = (steps: unknown[], name = 'test'): Sequence => parseSequence({ name, steps });
const timesOf = (p: ReturnType<typeof plan>) =>
  Object.fromEntries(p.steps.map((s) => [s.template, s.sendAt]));

describe('zoned time', () => {
  it('converts a wall-clock time in Seoul (no daylight saving) to UTC', () => {
    expect(
      new Date(
        zonedToUtc({ year: 2026, month: 11, day: 23, hour: 10, minute: 0, second: 0 }, 'Asia/Seoul'),
      ).toISOString(),
    ).toBe('2026-11-23T01:00:00.000Z');
  });

  it('uses the offset of the day in question on both sides of New York’s DST change', () => {
    const at10 = (day: number) =>
      new Date(
        zonedToUtc({ year: 2026, month: 11, day, hour: 10, minute: 0, second: 0 }, 'America/New_York'),
      );
    expect(at10(1).toISOString()).toBe('2026-11-01T15:00:00.000Z'); // EST, the day clocks go back
    expect(
      new Date(
        zonedToUtc({ year: 2026, month: 10, day: 31, hour: 10, minute: 0, second: 0 }, 'America/New_York'),
      ).toISOString(),
    ).toBe('2026-10-31T14:00:00.000Z');
  });

  it('takes the earlier instant for a repeated time and skips forward over a missing one', () => {
    // 01:30 happens twice on 2026-11-01 in New York: first in EDT.
    expect(
      new Date(
        zonedToUtc({ year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 }, 'America/New_York'),
      ).toISOString(),
    ).toBe('2026-11-01T05:30:00.000Z');
    // 02:30 never happens on 2026-03-08: it becomes 03:30 EDT.
    const gap = zonedToUtc(
      { year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 },
      'America/New_York',
    );
    expect(new Date(gap).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(toLocalIso(gap, 'America/New_York')).toBe('2026-03-08T03:30:00-04:00');
  });
});

describe('the sequence file', () => {
  it('ships the default sequence of CONTRACT.md, in code and as a file to copy', async () => {
    const file = JSON.parse(
      await readFile(new URL('../../../scripts/sequences/post-purchase.json', import.meta.url), 'utf8'),
    );
    expect(file).toEqual(POST_PURCHASE);
    expect(file.steps).toHaveLength(8);
    // Shipping updates go by shipment events, not by a day.
    expect(file.steps.some((s: { template: string }) => s.template === 'shipping-update')).toBe(false);
    expect(file.steps.filter((s: { after?: string }) => s.after)).toEqual([
      { template: 'product-instructions', after: 'estimated-delivery', day: -1, at: '10:00', fallbackDay: 5 },
      { template: 'review-request', after: 'delivered', day: 5, at: '10:00', fallbackDay: 14 },
      { template: 'cross-sell', after: 'delivered', day: 10, at: '10:00', fallbackDay: 21 },
    ]);
    expect(defaultSequence().steps.map((s) => s.template)).toEqual(
      POST_PURCHASE.steps.map((s) => s.template).filter((id) => Object.hasOwn(templates, id)),
    );
  });

  it.each([
    [{ steps: [] }, 'steps: a sequence needs at least one step'],
    [{ steps: [{ template: 'welcome', day: 0 }] }, 'steps[0].template: unknown template "welcome"'],
    [{ steps: [{ template: 'order-confirmation', day: -1 }] }, 'steps[0].day: must not be negative'],
    [
      { steps: [{ template: 'order-confirmation', day: 1.5 }] },
      'steps[0].day: expected a whole number of days',
    ],
    [
      { steps: [{ template: 'order-confirmation', day: '3' }] },
      'steps[0].day: expected a whole number of days',
    ],
    [
      { steps: [{ template: 'order-confirmation', day: 0, at: '25:00' }] },
      'steps[0].at: expected a local time of day as HH:MM',
    ],
    [
      { steps: [{ template: 'order-confirmation', day: 0, at: '9:00' }] },
      'steps[0].at: expected a local time of day as HH:MM',
    ],
    [
      { steps: [{ template: 'order-confirmation', day: 0, when: 'loyal' }] },
      'steps[0].when: expected one of any, first-order, returning, vip',
    ],
    [
      { steps: [{ template: 'order-confirmation', day: 0, At: '10:00' }] },
      'steps[0]: Unrecognized key: "At"',
    ],
    [
      {
        steps: [
          { template: 'order-confirmation', day: 0 },
          { template: 'order-confirmation', day: 0, at: '10:00' },
        ],
      },
      'steps[1]: repeats steps[0]',
    ],
  ])('rejects %j, naming the path', (input, problem) => {
    let error: unknown;
    try {
      parseSequence(input, 'sequence file x.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toContain('invalid sequence file x.json');
    expect((error as ValidationError).problems.join('\n')).toContain(problem);
  });
});

describe('plan()', () => {
  it('schedules the default sequence for ko / Asia/Seoul at exact times, anchored where it can be', () => {
    const p = plan(seoul, defaultSequence(), { now: new Date('2026-11-19T00:00:00Z') });
    const expected: Record<string, string> = {
      'order-confirmation': '2026-11-20T00:30:00.000Z', // the order time itself
      'thank-you': '2026-11-23T01:00:00.000Z', // day 3, 10:00 KST
      'product-instructions': '2026-11-23T01:00:00.000Z', // 1 day before the estimated delivery (Nov 24)
      'review-request': '2026-12-04T01:00:00.000Z', // no delivery yet: the fallback, day 14
      'cross-sell': '2026-12-11T01:00:00.000Z', // fallback day 21
      'win-back': '2027-01-01T01:00:00.000Z', // day 42: Nov 20 + 42 days
      replenishment: '2026-12-15T01:00:00.000Z', // the tea lasts 30 days: 5 days before, 10:00 KST
    };
    const planned = timesOf(p);
    for (const template of Object.keys(planned)) expect(planned[template], template).toBe(expected[template]);
    expect(Object.keys(planned).sort()).toEqual(
      Object.keys(expected)
        .filter((id) => Object.hasOwn(templates, id))
        .sort(),
    );
    const anchorOf = (id: string) => p.steps.find((s) => s.template === id)?.anchor;
    expect(anchorOf('product-instructions')).toBe('1 day before the estimated delivery');
    expect(anchorOf('review-request')).toBe('fallback: day 14 (5 days after delivery once known)');
    expect(anchorOf('thank-you')).toBeUndefined();
    // A delivery on Nov 22 (Seoul) re-times the delivery-anchored steps from it.
    const delivered = plan(seoul, defaultSequence(), {
      now: new Date('2026-11-19T00:00:00Z'),
      anchors: { delivered: '2026-11-22T15:10:00+09:00' },
    });
    expect(timesOf(delivered)['review-request']).toBe('2026-11-27T01:00:00.000Z');
    expect(delivered.steps.find((s) => s.template === 'review-request')?.anchor).toBe(
      '5 days after delivery',
    );
    expect(timesOf(delivered)['cross-sell']).toBe('2026-12-02T01:00:00.000Z');
    // A first order: the referral step (when: returning) is skipped, with the reason.
    if (Object.hasOwn(templates, 'referral'))
      expect(p.skipped).toContainEqual(
        expect.objectContaining({
          template: 'referral',
          reason: 'when: returning does not match this customer (first-order)',
        }),
      );
  });

  it('keeps 10:00 local across New York’s DST change (2026-11-01) for en / America/New_York', () => {
    const p = plan(newYork, dayOffsetSequence, { now: new Date('2026-10-29T00:00:00Z') });
    const expected: Record<string, string> = {
      'order-confirmation': '2026-10-30T18:15:00.000Z', // 14:15 EDT
      'shipping-update': '2026-11-01T19:15:00.000Z', // 14:15 EST: clocks went back that morning
      'thank-you': '2026-11-02T15:00:00.000Z', // 10:00 EST
      'product-instructions': '2026-11-06T15:00:00.000Z',
      'review-request': '2026-11-13T15:00:00.000Z',
      'cross-sell': '2026-11-20T15:00:00.000Z',
      referral: '2026-11-27T15:00:00.000Z', // a returning customer
    };
    const planned = timesOf(p);
    expect(Object.keys(planned)).toEqual(Object.keys(expected).filter((id) => Object.hasOwn(templates, id)));
    for (const template of Object.keys(planned)) expect(planned[template], template).toBe(expected[template]);
    expect(p.steps.map((s) => s.local.slice(11))).toEqual(
      p.steps.map((s) => (s.at ? '10:00:00-05:00' : s.day === 0 ? '14:15:00-04:00' : '14:15:00-05:00')),
    );
  });

  it('counts calendar days in the customer’s time zone, not 24-hour periods from UTC', () => {
    // 23:30 in Seoul is still the previous day in UTC; day 1 is the next Seoul day.
    const late = { ...seoul, order: { ...seoul.order, placedAt: '2026-11-20T14:30:00Z' } };
    const p = plan(late, sequence([{ template: 'order-confirmation', day: 1, at: '08:00' }]), {
      now: new Date('2026-11-01T00:00:00Z'),
    });
    expect(p.steps[0]?.local).toBe('2026-11-21T08:00:00+09:00');
    expect(p.steps[0]?.sendAt).toBe('2026-11-20T23:00:00.000Z');
  });

  it('re-bases day 0 on --start', () => {
    const p = plan(
      seoul,
      sequence([
        { template: 'order-confirmation', day: 0 },
        { template: 'shipping-update', day: 1, at: '07:00' },
      ]),
      {
        start: '2027-01-05T12:00:00+09:00',
        now: new Date('2027-01-01T00:00:00Z'),
      },
    );
    expect(timesOf(p)).toEqual({
      'order-confirmation': '2027-01-05T03:00:00.000Z',
      'shipping-update': '2027-01-05T22:00:00.000Z',
    });
  });

  it('compresses a day into a duration and ignores times of day; without --start the start is now', () => {
    const now = new Date('2026-11-23T08:00:00Z');
    const p = plan(seoul, dayOffsetSequence, { compressMs: 120_000, now });
    for (const step of p.steps) expect(Date.parse(step.sendAt) - now.getTime()).toBe(step.day * 120_000);
    expect(p.steps[0]?.dispatch).toBe('now');
    expect(p.steps.slice(1).every((s) => s.dispatch === 'scheduled')).toBe(true);
    const started = plan(seoul, dayOffsetSequence, {
      compressMs: 30_000,
      start: '2026-11-23T09:00:00Z',
      now,
    });
    expect(started.steps.map((s) => s.sendAt)).toEqual(
      started.steps.map((s) => new Date(Date.parse('2026-11-23T09:00:00Z') + s.day * 30_000).toISOString()),
    );
  });

  it('sends a step whose time has passed at once, and keeps one beyond 30 days pending', () => {
    const p = plan(
      seoul,
      sequence([
        { template: 'order-confirmation', day: 0 },
        { template: 'shipping-update', day: 2 },
        { template: 'shipping-update', day: 40 },
      ]),
      { now: new Date('2026-11-21T00:00:00Z') },
    );
    expect(p.steps.map((s) => s.dispatch)).toEqual(['now', 'scheduled', 'pending']);
    expect(HORIZON_MS).toBeLessThanOrEqual(30 * 86_400_000);
  });

  it('picks templates with --only and lists the others as not selected', () => {
    const p = plan(seoul, dayOffsetSequence, {
      only: ['shipping-update'],
      now: new Date('2026-11-19T00:00:00Z'),
    });
    expect(p.steps.map((s) => s.template)).toEqual(['shipping-update']);
    expect(p.skipped.find((s) => s.template === 'order-confirmation')?.reason).toBe('not selected (--only)');
  });

  it('skips a step whose template needs a part the document lacks, and goes on', () => {
    const { shipment: _shipment, ...noShipment } = seoul;
    const p = plan(
      noShipment,
      sequence([
        { template: 'order-confirmation', day: 0 },
        { template: 'shipping-update', day: 2 },
      ]),
      {
        now: new Date('2026-11-19T00:00:00Z'),
      },
    );
    expect(p.steps.map((s) => s.template)).toEqual(['order-confirmation']);
    expect(p.skipped).toEqual([
      expect.objectContaining({
        number: 2,
        template: 'shipping-update',
        reason: 'shipment: required by the shipping-update template',
      }),
    ]);
  });

  it.runIf(Object.hasOwn(templates, 'cross-sell'))(
    'skips cross-sell when every recommendation was bought',
    () => {
      const bought = seoul.order.items.map((item) => ({
        id: item.id,
        name: item.name,
        price: item.unitPrice,
        imageUrl: item.imageUrl,
        url: item.url,
      }));
      const p = plan({ ...seoul, recommendations: bought }, sequence([{ template: 'cross-sell', day: 21 }]), {
        now: new Date('2026-11-19T00:00:00Z'),
      });
      expect(p.steps).toEqual([]);
      expect(p.skipped[0]?.reason).toMatch(/^recommendations: /);
    },
  );

  it.runIf(['thank-you', 'review-request', 'referral'].every((id) => Object.hasOwn(templates, id)))(
    'reads when as membership: a returning VIP is both returning and vip; a list matches any entry',
    () => {
      const steps = [
        { template: 'thank-you', day: 3, when: 'vip' },
        { template: 'review-request', day: 14, when: 'first-order' },
        { template: 'referral', day: 28, when: 'returning' },
      ];
      const now = new Date('2026-11-01T00:00:00Z');
      // Shanghai: VIP and returning (6 orders) → both the vip and the returning step.
      expect(plan(chineseOrderData, sequence(steps), { now }).steps.map((s) => s.template)).toEqual([
        'thank-you',
        'referral',
      ]);
      expect(plan(seoul, sequence(steps), { now }).steps.map((s) => s.template)).toEqual(['review-request']);
      expect(plan(newYork, sequence(steps), { now }).steps.map((s) => s.template)).toEqual(['referral']);
      expect(plan(newYork, sequence(steps), { now }).skipped.map((s) => s.reason)).toContain(
        'when: vip does not match this customer (returning)',
      );
      const listed = sequence([{ template: 'thank-you', day: 3, when: ['vip', 'first-order'] }]);
      expect(plan(seoul, listed, { now }).steps).toHaveLength(1);
      expect(plan(newYork, listed, { now }).steps).toHaveLength(0);
      expect(plan(chineseOrderData, listed, { now }).steps).toHaveLength(1);
    },
  );

  it.runIf(['thank-you', 'review-request'].every((id) => Object.hasOwn(templates, id)))(
    'warns when two marketing steps fall less than 2 days apart (on the real calendar, even compressed)',
    () => {
      const steps = [
        { template: 'thank-you', day: 3, at: '10:00' },
        { template: 'review-request', day: 4, at: '09:00' },
      ];
      const now = new Date('2026-11-01T00:00:00Z');
      for (const options of [{ now }, { now, compressMs: 60_000 }]) {
        const { warnings } = plan(seoul, sequence(steps), options);
        expect(warnings).toEqual([
          expect.stringContaining(
            'marketing steps 1 (thank-you, day 3) and 2 (review-request, day 4) are less than 2 days apart',
          ),
        ]);
      }
      expect(plan(seoul, defaultSequence(), { now }).warnings).toEqual([]);
    },
  );
});

describe('the frequency rules within one order', () => {
  const late = { ...seoul, order: { ...seoul.order, placedAt: '2026-11-20T23:40:00+09:00' } };
  const now = new Date('2026-11-01T00:00:00Z');

  it('moves marketing out of the quiet hours and past the gap, saying why; transactional mail stays put', () => {
    const p = plan(
      late,
      sequence([
        { template: 'order-confirmation', day: 0 },
        { template: 'thank-you', day: 1 },
        { template: 'review-request', day: 2, at: '10:00' },
      ]),
      { now },
    );
    const by = new Map(p.steps.map((s) => [s.template, s]));
    expect(by.get('order-confirmation')).toMatchObject({ local: '2026-11-20T23:40:00+09:00' });
    expect(by.get('order-confirmation')?.deferred).toBeUndefined();
    expect(by.get('thank-you')).toMatchObject({
      local: '2026-11-22T08:00:00+09:00',
      deferred: 'deferred: quiet hours 21:00–08:00',
    });
    expect(by.get('review-request')).toMatchObject({
      local: '2026-11-25T10:00:00+09:00',
      deferred: 'deferred: 72 h since the thank-you of order ord_1001',
    });
    // The offline outbox and the Storybook timeline plan through the same function.
    expect(p.steps.map((s) => s.template)).toEqual(['order-confirmation', 'thank-you', 'review-request']);
  });

  it('keeps the sequence as written when its rules are off, and warns about it', () => {
    // With the customer's night consent: without it, Korea's night rule would still move thank-you (tests/night-rule.test.ts).
    const consenting = { ...late, customer: { ...late.customer, consents: { night: true } } };
    const p = plan(
      consenting,
      parseSequence({
        name: 'no-rules',
        minGapHours: 0,
        quietHours: false,
        steps: [
          { template: 'thank-you', day: 1 },
          { template: 'review-request', day: 2, at: '10:00' },
        ],
      }),
      { now },
    );
    expect(p.steps.map((s) => [s.template, s.local, s.deferred])).toEqual([
      ['thank-you', '2026-11-21T23:40:00+09:00', undefined],
      ['review-request', '2026-11-22T10:00:00+09:00', undefined],
    ]);
    expect(p.warnings).toEqual([expect.stringContaining('less than 2 days apart')]);
  });
});

describe('tags, keys and addresses', () => {
  it('tags every email template=, order=, step= with only [A-Za-z0-9_-]', () => {
    expect(resendTags('thank-you', 'ord 10/01#ü', 14)).toEqual([
      { name: 'template', value: 'thank-you' },
      { name: 'order', value: 'ord_10_01__' },
      { name: 'step', value: '14' },
    ]);
    expect(tagValue('x'.repeat(300))).toHaveLength(256);
  });

  it('names each order, step and recipient the same way on every run; the key adds the planned time', () => {
    const id = stepId('ord_1001', 'thank-you', 3, 'jisoo@example.com');
    expect(id).toBe(stepId('ord_1001', 'thank-you', 3, 'Jisoo@Example.com '));
    expect(id).toMatch(/^pp\/ord_1001\/d3-thank-you\/[0-9a-f]{16}$/);
    expect(id).not.toContain('jisoo');
    expect(stepId('ord_1001', 'thank-you', 3, 'delivered@resend.dev')).not.toBe(id);
    expect(stepId('ord_1001', 'thank-you', 4, 'jisoo@example.com')).not.toBe(id);
    expect(idempotencyKey(id, '2026-11-23T01:00:00.000Z')).toBe(`${id}/20261123T010000Z`);
    const long = idempotencyKey(
      stepId('x'.repeat(400), 'product-instructions', 3660, 'a@b.co'),
      '2026-11-23T01:00:00.000Z',
    );
    expect(long.length).toBeLessThanOrEqual(256);
  });

  it('accepts "Name <addr>" senders and quotes a shop name that needs it', () => {
    expect(isFromAddress('Hanok Goods <orders@hanok.example>')).toBe(true);
    expect(isFromAddress('orders@hanok.example')).toBe(true);
    expect(isFromAddress('"Hanok, Goods" <orders@hanok.example>')).toBe(true);
    expect(isFromAddress('Hanok Goods orders@hanok.example')).toBe(false);
    expect(isFromAddress('Hanok <not-an-address>')).toBe(false);
    expect(defaultFrom('Hanok Goods')).toBe('Hanok Goods <onboarding@resend.dev>');
    expect(defaultFrom('Smith & Co., Ltd.')).toBe('"Smith & Co., Ltd." <onboarding@resend.dev>');
    expect(isFromAddress(defaultFrom('Smith & Co., Ltd.'))).toBe(true);
  });
});

describe('composeSequence()', () => {
  it('renders every step into the exact payload: tags, scheduledAt, unsubscribe headers for the real recipient', async () => {
    const composed = await composeSequence(newYork, {
      sequence: dayOffsetSequence,
      to: 'delivered@resend.dev',
      from: 'Northwind <orders@northwind.example>',
      unsubscribeSecret: secret,
      now: new Date('2026-10-31T00:00:00Z'),
    });
    const [first, second] = composed.steps;
    expect(first?.dispatch).toBe('now');
    expect(first?.payload.scheduledAt).toBeUndefined();
    expect(second?.payload.scheduledAt).toBe('2026-11-01T19:15:00.000Z');
    for (const step of composed.steps) {
      expect(step.payload).toMatchObject({
        from: 'Northwind <orders@northwind.example>',
        to: 'delivered@resend.dev',
      });
      expect(step.payload.tags).toEqual(resendTags(step.template, newYork.order.id, step.day));
      if (step.kind === 'marketing') {
        expect(step.payload.headers?.['List-Unsubscribe']).toContain(
          encodeURIComponent('delivered@resend.dev'),
        );
        expect(step.payload.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      } else expect(step.payload.headers).toBeUndefined();
      expect(step.payload.html).toMatch(/^<!DOCTYPE html/i);
      expect(step.payload.text.length).toBeGreaterThan(50);
    }
    expect(composed.from).toBe('Northwind <orders@northwind.example>');
  });

  it('defaults to the customer and to "<shop> <onboarding@resend.dev>"', async () => {
    const composed = await composeSequence(seoul, {
      unsubscribeSecret: secret,
      only: ['order-confirmation'],
      now: new Date('2026-11-19T00:00:00Z'),
    });
    expect(composed.to).toBe('jisoo@example.com');
    expect(composed.steps[0]?.payload.from).toBe('Hanok Goods <onboarding@resend.dev>');
  });

  it.runIf(Object.values(templates).some((t) => t.kind === 'marketing'))(
    'refuses to go on when a marketing email needs {token} and there is no secret',
    async () => {
      await expect(composeSequence(seoul, { now: new Date('2026-11-19T00:00:00Z') })).rejects.toBeInstanceOf(
        UnsubscribeSecretMissing,
      );
    },
  );

  it('rejects an invalid document before planning anything', async () => {
    await expect(
      composeSequence({ ...seoul, order: { ...seoul.order, placedAt: 'yesterday' } }),
    ).rejects.toThrow(/order\.placedAt/);
  });
});

describe('--compress durations', () => {
  it.each([
    ['30s', 30_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
  ])('reads %s', (value, ms) => expect(parseDuration(value)).toBe(ms));
  it.each(['0m', '2', '2 minutes', '1d', '-1m', '1.5m'])('rejects %s', (value) =>
    expect(parseDuration(value)).toBeUndefined(),
  );
});

describe('anchored, lifespan and variant steps', () => {
  const now = new Date('2026-11-01T00:00:00Z');

  it('counts an estimated-delivery step back from shipment.estimatedDelivery on the customer calendar', () => {
    // Seoul: ordered 2026-11-20, estimated delivery 2026-11-24 → the day before is 2026-11-23, day 3.
    const [step] = plan(
      seoul,
      sequence([
        {
          template: 'product-instructions',
          after: 'estimated-delivery',
          day: -1,
          at: '10:00',
          fallbackDay: 5,
        },
      ]),
      { now },
    ).steps;
    expect(step?.local).toBe('2026-11-23T10:00:00+09:00');
    expect(step?.day).toBe(3);
    expect(step?.anchor).toBe('1 day before the estimated delivery');
  });

  it('uses the fallback day while the delivery is unknown, and the delivery once known', () => {
    const review = sequence([
      { template: 'review-request', after: 'delivered', day: 5, at: '10:00', fallbackDay: 14 },
    ]);
    const [fallback] = plan(seoul, review, { now }).steps;
    expect(fallback?.local).toBe('2026-12-04T10:00:00+09:00');
    expect(fallback?.anchor).toContain('fallback: day 14');
    const [anchored] = plan(seoul, review, {
      now,
      anchors: { delivered: '2026-11-23T15:10:00+09:00' },
    }).steps;
    expect(anchored?.local).toBe('2026-11-28T10:00:00+09:00');
    expect(anchored?.anchor).toBe('5 days after delivery');
  });

  it('keeps a step with no fallback waiting for its anchor, with the reason', () => {
    const p = plan(seoul, sequence([{ template: 'review-request', after: 'delivered', day: 5 }]), { now });
    expect(p.steps).toEqual([]);
    expect(p.skipped[0]?.waitingFor).toBe('delivered');
    expect(p.skipped[0]?.reason).toMatch(/waiting for delivery .*skipped after 60 days/);
  });

  it('times a lifespan step from the shortest item lifespan, and skips it when no item has one', () => {
    const lasting = {
      ...seoul,
      order: {
        ...seoul.order,
        items: seoul.order.items.map((item, i) => ({ ...item, lifespanDays: 30 + i * 10 })),
      },
    };
    const steps = sequence([{ template: 'thank-you', day: 'lifespan', offsetDays: -5, at: '10:00' }]);
    const [step] = plan(lasting, steps, { now }).steps;
    expect(step?.day).toBe(25);
    expect(step?.local).toBe('2026-12-15T10:00:00+09:00');
    const durable = {
      ...seoul,
      order: {
        ...seoul.order,
        items: seoul.order.items.map((item) => ({ ...item, lifespanDays: undefined })),
      },
    };
    expect(plan(durable, steps, { now }).skipped[0]?.reason).toBe(
      'no item of the order has a lifespan (lifespanDays)',
    );
  });

  it('picks a fixed subject variant, and splits an A/B test stably by order id, near half and half', () => {
    const fixed = sequence([{ template: 'thank-you', day: 3, subject: 'b' }]);
    expect(plan(seoul, fixed, { now }).steps[0]?.variant).toBe('b');
    const ab = sequence([{ template: 'thank-you', day: 3, abTest: ['a', 'b'] }]);
    const first = plan(seoul, ab, { now }).steps[0]?.variant;
    expect(plan(seoul, ab, { now }).steps[0]?.variant).toBe(first);
    const counts = { a: 0, b: 0 } as Record<string, number>;
    for (let i = 0; i < 1000; i++) {
      const doc = { ...seoul, order: { ...seoul.order, id: `ord_${i}` } };
      const v = plan(doc, ab, { now }).steps[0]?.variant ?? '';
      counts[v] = (counts[v] ?? 0) + 1;
    }
    expect(counts.a).toBeGreaterThanOrEqual(450);
    expect(counts.a).toBeLessThanOrEqual(550);
    expect((counts.a ?? 0) + (counts.b ?? 0)).toBe(1000);
  });

  it.each([
    [{ steps: [{ template: 'thank-you', day: -2 }] }, 'steps[0].day'],
    [{ steps: [{ template: 'thank-you', day: 3, fallbackDay: 5 }] }, 'steps[0].fallbackDay: only applies'],
    [{ steps: [{ template: 'thank-you', day: 3, offsetDays: 5 }] }, 'steps[0].offsetDays'],
    [{ steps: [{ template: 'thank-you', day: 3, subject: 'b', abTest: ['a', 'b'] }] }, 'steps[0].abTest'],
    [{ steps: [{ template: 'thank-you', day: 3, abTest: ['a'] }] }, 'steps[0].abTest'],
    [{ steps: [{ template: 'thank-you', day: 3, after: 'paid' }] }, 'steps[0].after'],
    [{ steps: [{ template: 'thank-you', day: 3, when: [] }] }, 'steps[0].when'],
    [{ quietHours: ['21:00'], steps: [{ template: 'thank-you', day: 3 }] }, 'quietHours'],
    [{ minGapHours: -1, steps: [{ template: 'thank-you', day: 3 }] }, 'minGapHours'],
    [{ onNewOrder: 'merge', steps: [{ template: 'thank-you', day: 3 }] }, 'onNewOrder'],
  ])('refuses %j naming %s', (input, path) => {
    expect(() => parseSequence(input)).toThrow(path);
  });

  it('defaults onNewOrder, minGapHours and quietHours, and takes false for no quiet hours', () => {
    const d = parseSequence({ steps: [{ template: 'thank-you', day: 3 }] });
    expect([d.onNewOrder, d.minGapHours, d.quietHours]).toEqual(['supersede', 72, ['21:00', '08:00']]);
    expect(
      parseSequence({ quietHours: false, steps: [{ template: 'thank-you', day: 3 }] }).quietHours,
    ).toBeUndefined();
  });
});
