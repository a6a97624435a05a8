/**
 * Korea's night rule at planning (docs/compliance.md): a `ko` marketing step is never planned between
 * 21:00 and 08:00 on the customer's clock without `customer.consents.night: true`, whatever the
 * sequence's quietHours (even `false`), and under --compress too.
 */
import { describe, expect, it } from 'vitest';
import { type Customer, parseOrderDocument } from '../../../core/order-document';
import { KOREAN_NIGHT, nightRuleFor, releaseTime } from '../../../sending/plan/frequency';
import { isTestSend, plan } from '../../../sending/plan/schedule';
import { parseSequence } from '../../../sending/plan/sequence';
import { zonedToUtc } from '../../../sending/plan/zoned-time';
import { newYork, seoul } from '../../support/send-fixtures';

const now = new Date('2026-11-01T00:00:00Z');
const NIGHT_REASON = "deferred: no advertising 21:00–08:00 without the customer's night consent";

/** One marketing step (thank-you) on day 1 at `at` KST, with quiet hours off. */
function planAt(at: string, customer: Partial<Customer> = {}, quietHours: false | [string, string] = false) {
  const doc = { ...seoul, customer: { ...seoul.customer, ...customer } };
  const sequence = parseSequence({
    name: 'night',
    minGapHours: 0,
    quietHours,
    steps: [
      { template: 'order-confirmation', day: 0, at },
      { template: 'thank-you', day: 1, at },
    ],
  });
  const p = plan(doc, sequence, { now });
  return new Map(p.steps.map((s) => [s.template, s]));
}

describe('the night rule at planning (ko, 21:00–08:00 KST)', () => {
  it.each([
    ['20:59', '2026-11-21T20:59:00+09:00', undefined],
    ['21:00', '2026-11-22T08:00:00+09:00', NIGHT_REASON],
    ['07:59', '2026-11-21T08:00:00+09:00', NIGHT_REASON],
    ['08:00', '2026-11-21T08:00:00+09:00', undefined],
  ])('a marketing step at %s KST with quietHours false goes at %s', (at, local, deferred) => {
    const step = planAt(at).get('thank-you');
    expect(step?.local).toBe(local);
    expect(step?.deferred).toBe(deferred);
  });

  it('never moves transactional mail, at night or not', () => {
    expect(planAt('23:30').get('order-confirmation')).toMatchObject({
      local: '2026-11-20T23:30:00+09:00',
    });
    expect(planAt('23:30').get('order-confirmation')?.deferred).toBeUndefined();
  });

  it('lets the step go at night when the customer consented (customer.consents.night: true)', () => {
    expect(planAt('23:30', { consents: { night: true } }).get('thank-you')).toMatchObject({
      local: '2026-11-21T23:30:00+09:00',
    });
    // Consent explicitly withheld is no consent.
    expect(planAt('23:30', { consents: { night: false } }).get('thank-you')?.local).toBe(
      '2026-11-22T08:00:00+09:00',
    );
  });

  it('holds whatever the quiet hours: narrower quiet hours do not open the night', () => {
    const step = planAt('21:30', {}, ['23:00', '06:00']).get('thank-you');
    expect(step?.local).toBe('2026-11-22T08:00:00+09:00');
    expect(step?.deferred).toBe(NIGHT_REASON);
  });

  it('is Korea’s: an en or zh-CN customer at 23:30 keeps the time (their quiet hours are the sequence’s choice)', () => {
    expect(planAt('23:30', { locale: 'en' }).get('thank-you')?.local).toBe('2026-11-21T23:30:00+09:00');
    expect(planAt('23:30', { locale: 'zh-CN' }).get('thank-you')?.local).toBe('2026-11-21T23:30:00+09:00');
    const ny = plan(
      newYork,
      parseSequence({
        name: 'n',
        quietHours: false,
        steps: [{ template: 'thank-you', day: 1, at: '23:30' }],
      }),
      { now },
    );
    expect(ny.steps[0]?.deferred).toBeUndefined();
  });

  it('reads the customer’s own clock: a ko customer in Los Angeles is judged in Los Angeles', () => {
    // Day 0 is 2026-11-19 on the Los Angeles clock (09:30 KST on the 20th): day 1 at 22:00 there is night.
    const step = planAt('22:00', { timeZone: 'America/Los_Angeles' }).get('thank-you');
    expect(step?.local).toBe('2026-11-21T08:00:00-08:00');
    expect(step?.deferred).toBe(NIGHT_REASON);
    // 13:00 in Los Angeles is 06:00 in Seoul: day, not night, for this customer.
    expect(planAt('13:00', { timeZone: 'America/Los_Angeles' }).get('thank-you')?.deferred).toBeUndefined();
  });

  it('holds for a step whose time has passed: "at once" at night waits for 08:00', () => {
    const doc = { ...seoul, order: { ...seoul.order, placedAt: '2026-11-20T09:00:00+09:00' } };
    const nightNow = new Date(
      zonedToUtc({ year: 2026, month: 11, day: 25, hour: 23, minute: 0, second: 0 }, 'Asia/Seoul'),
    );
    const p = plan(
      doc,
      parseSequence({
        name: 'late',
        quietHours: false,
        steps: [{ template: 'thank-you', day: 1, at: '10:00' }],
      }),
      { now: nightNow },
    );
    expect(p.steps[0]).toMatchObject({
      local: '2026-11-26T10:00:00+09:00',
      dispatch: 'scheduled',
      deferred: NIGHT_REASON,
    });
  });

  it('holds under --compress to the customer, in real time (times of day ignored: the night ends at 08:00)', () => {
    const sequence = parseSequence({
      name: 'c',
      quietHours: false,
      steps: [
        { template: 'order-confirmation', day: 0 },
        { template: 'thank-you', day: 1, at: '10:00' },
      ],
    });
    const at = (hour: number, minute = 0) =>
      new Date(zonedToUtc({ year: 2026, month: 11, day: 25, hour, minute, second: 0 }, 'Asia/Seoul'));
    const compressMs = 2 * 60_000;
    const night = plan(seoul, sequence, { now: at(22), compressMs });
    const by = new Map(night.steps.map((s) => [s.template, s]));
    expect(by.get('order-confirmation')?.local).toBe('2026-11-25T22:00:00+09:00');
    expect(by.get('thank-you')).toMatchObject({ local: '2026-11-26T08:00:00+09:00', deferred: NIGHT_REASON });
    const day = plan(seoul, sequence, { now: at(14), compressMs });
    expect(day.steps.find((s) => s.template === 'thank-you')).toMatchObject({
      local: '2026-11-25T14:02:00+09:00',
    });
    const consenting = { ...seoul, customer: { ...seoul.customer, consents: { night: true } } };
    expect(plan(consenting, sequence, { now: at(22), compressMs }).steps[1]?.local).toBe(
      '2026-11-25T22:02:00+09:00',
    );
  });

  it('leaves out a compressed test send to the marketer’s own address, and only that', () => {
    const sequence = parseSequence({ name: 't', steps: [{ template: 'thank-you', day: 1, at: '10:00' }] });
    const at22 = new Date(
      zonedToUtc({ year: 2026, month: 11, day: 25, hour: 22, minute: 0, second: 0 }, 'Asia/Seoul'),
    );
    const compressed = plan(seoul, sequence, { now: at22, compressMs: 60_000, testSend: true });
    expect(compressed.steps[0]).toMatchObject({ local: '2026-11-25T22:01:00+09:00' });
    expect(compressed.steps[0]?.deferred).toBeUndefined();
    // In real time, a test send shows the marketer the times the customer would get: the night still holds.
    const late = { ...seoul, order: { ...seoul.order, placedAt: '2026-11-20T22:30:00+09:00' } };
    const real = plan(
      late,
      parseSequence({ name: 'r', quietHours: false, steps: [{ template: 'thank-you', day: 1 }] }),
      {
        now,
        testSend: true,
      },
    );
    expect(real.steps[0]).toMatchObject({ local: '2026-11-22T08:00:00+09:00', deferred: NIGHT_REASON });
  });

  it('knows a test send by its address: another address than the customer’s', () => {
    expect(isTestSend(undefined, seoul)).toBe(false);
    expect(isTestSend(' Jisoo@Example.com ', seoul)).toBe(false);
    expect(isTestSend('marketer@example.com', seoul)).toBe(true);
  });
});

describe('nightRuleFor and releaseTime', () => {
  it('gives the night to ko customers without consent only', () => {
    expect(nightRuleFor({ locale: 'ko' })).toEqual({ night: KOREAN_NIGHT });
    expect(nightRuleFor({ locale: 'ko', consents: {} })).toEqual({ night: KOREAN_NIGHT });
    expect(nightRuleFor({ locale: 'ko', consents: { night: true } })).toEqual({});
    expect(nightRuleFor({ locale: 'en' })).toEqual({});
    expect(nightRuleFor({ locale: 'en' }, 'ko')).toEqual({ night: KOREAN_NIGHT });
  });

  it('defers marketing out of the night with quiet hours off, at the step’s own `at` next day', () => {
    const due = zonedToUtc({ year: 2026, month: 11, day: 21, hour: 22, minute: 0, second: 0 }, 'Asia/Seoul');
    const rules = { minGapHours: 0, quietHours: null, night: KOREAN_NIGHT };
    const step = { kind: 'marketing' as const, dueMs: due, timeZone: 'Asia/Seoul' };
    expect(new Date(releaseTime(step, rules, []).atMs).toISOString()).toBe('2026-11-21T23:00:00.000Z');
    expect(new Date(releaseTime({ ...step, at: '10:00' }, rules, []).atMs).toISOString()).toBe(
      '2026-11-22T01:00:00.000Z',
    );
    expect(releaseTime({ ...step, kind: 'transactional' }, rules, [])).toEqual({ atMs: due });
  });
});

describe('customer.consents in the order document', () => {
  it('is optional, and night must be true or false', () => {
    expect(
      parseOrderDocument({ ...seoul, customer: { ...seoul.customer, consents: { night: true } } }).customer
        .consents,
    ).toEqual({ night: true });
    expect(() =>
      parseOrderDocument({ ...seoul, customer: { ...seoul.customer, consents: { night: 'yes' } } }),
    ).toThrow('customer.consents.night: expected true or false');
  });
});
