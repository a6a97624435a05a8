import { describe, expect, it } from 'vitest';
import {
  addressKey,
  afterQuietHours,
  DEFAULT_RULES,
  inQuietHours,
  releaseTime,
  spacePlan,
  stoppable,
  supersededReason,
  supersessions,
} from '../../../sending/plan/frequency';

const SEOUL = 'Asia/Seoul';
const NEW_YORK = 'America/New_York';
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('minGapHours', () => {
  const thankYou = { atMs: at('2026-11-23T10:00:00+09:00'), template: 'thank-you', orderId: 'ord_1' };

  it('defers a marketing step to the first allowed day at its own local time, saying why', () => {
    const r = releaseTime(
      { kind: 'marketing', dueMs: at('2026-11-24T10:00:00+09:00'), at: '10:00', timeZone: SEOUL },
      DEFAULT_RULES,
      [thankYou],
    );
    expect(iso(r.atMs)).toBe(iso(at('2026-11-26T10:00:00+09:00')));
    expect(r.reason).toBe('deferred: 72 h since the thank-you of order ord_1');
  });

  it('lands on the next day at `at` when 72 h after the last email is later than `at` that day', () => {
    const afternoon = { ...thankYou, atMs: at('2026-11-23T15:00:00+09:00') };
    const r = releaseTime(
      { kind: 'marketing', dueMs: at('2026-11-24T10:00:00+09:00'), at: '10:00', timeZone: SEOUL },
      DEFAULT_RULES,
      [afternoon],
    );
    expect(iso(r.atMs)).toBe(iso(at('2026-11-27T10:00:00+09:00')));
  });

  it('leaves a step alone when it is already far enough from every other email, and never moves it earlier', () => {
    const due = at('2026-11-27T10:00:00+09:00');
    const r = releaseTime({ kind: 'marketing', dueMs: due, at: '10:00', timeZone: SEOUL }, DEFAULT_RULES, [
      thankYou,
    ]);
    expect(r).toEqual({ atMs: due });
  });

  it('also keeps clear of an email already scheduled after it', () => {
    const later = { atMs: at('2026-11-25T10:00:00+09:00'), template: 'cross-sell', orderId: 'ord_2' };
    const r = releaseTime(
      { kind: 'marketing', dueMs: at('2026-11-24T10:00:00+09:00'), at: '10:00', timeZone: SEOUL },
      DEFAULT_RULES,
      [later],
    );
    expect(iso(r.atMs)).toBe(iso(at('2026-11-28T10:00:00+09:00')));
    expect(r.reason).toContain('cross-sell of order ord_2');
  });

  it('chains past several emails and then out of quiet hours when the step has no `at`', () => {
    const late = { atMs: at('2026-11-23T22:30:00+09:00'), template: 'thank-you', orderId: 'ord_1' };
    const r = releaseTime(
      { kind: 'marketing', dueMs: at('2026-11-24T09:00:00+09:00'), timeZone: SEOUL },
      DEFAULT_RULES,
      [late],
    );
    expect(iso(r.atMs)).toBe(iso(at('2026-11-27T08:00:00+09:00')));
    expect(r.reason).toBe(
      'deferred: 72 h since the thank-you of order ord_1; deferred: quiet hours 21:00–08:00',
    );
  });

  it('never delays transactional mail, whatever went before and whatever the hour', () => {
    const due = at('2026-11-23T23:40:00+09:00');
    expect(
      releaseTime({ kind: 'transactional', dueMs: due, timeZone: SEOUL }, DEFAULT_RULES, [thankYou]),
    ).toEqual({ atMs: due });
  });

  it('shrinks with the day under --compress (72 h = three compressed days) and ignores quiet hours', () => {
    const start = at('2026-11-23T23:40:00+09:00');
    const compressed = { ...DEFAULT_RULES, compressMs: 120_000 };
    const prev = { atMs: start, template: 'thank-you', orderId: 'ord_1' };
    const r = releaseTime(
      { kind: 'marketing', dueMs: start + 60_000, at: '10:00', timeZone: SEOUL },
      compressed,
      [prev],
    );
    expect(r.atMs).toBe(start + 360_000);
    const quiet = releaseTime(
      { kind: 'marketing', dueMs: start, at: '10:00', timeZone: SEOUL },
      compressed,
      [],
    );
    expect(quiet).toEqual({ atMs: start });
  });

  it('is off at 0', () => {
    const due = at('2026-11-24T10:00:00+09:00');
    expect(
      releaseTime({ kind: 'marketing', dueMs: due, timeZone: SEOUL }, { ...DEFAULT_RULES, minGapHours: 0 }, [
        { ...thankYou, atMs: due },
      ]).atMs,
    ).toBe(due);
  });
});

describe('quietHours', () => {
  it('holds an order placed at 23:40 local until 08:00 the next morning', () => {
    const r = releaseTime(
      { kind: 'marketing', dueMs: at('2026-11-20T23:40:00+09:00'), timeZone: SEOUL },
      DEFAULT_RULES,
      [],
    );
    expect(iso(r.atMs)).toBe(iso(at('2026-11-21T08:00:00+09:00')));
    expect(r.reason).toBe('deferred: quiet hours 21:00–08:00');
  });

  it('moves a step with `at` to that time on the next day, or the same morning after midnight', () => {
    expect(iso(afterQuietHours(at('2026-11-20T23:40:00+09:00'), ['21:00', '08:00'], SEOUL, '10:00'))).toBe(
      iso(at('2026-11-21T10:00:00+09:00')),
    );
    expect(iso(afterQuietHours(at('2026-11-21T01:00:00+09:00'), ['21:00', '08:00'], SEOUL, '10:00'))).toBe(
      iso(at('2026-11-21T10:00:00+09:00')),
    );
    // An `at` inside the window would never leave it: the window's end instead.
    expect(iso(afterQuietHours(at('2026-11-20T22:00:00+09:00'), ['21:00', '08:00'], SEOUL, '22:00'))).toBe(
      iso(at('2026-11-21T08:00:00+09:00')),
    );
  });

  it('is DST-correct: 08:00 local on the morning the clocks change', () => {
    // New York falls back on 2026-11-01 (EDT −4 → EST −5) and springs forward on 2026-03-08.
    const fall = releaseTime(
      { kind: 'marketing', dueMs: at('2026-10-31T23:30:00-04:00'), timeZone: NEW_YORK },
      DEFAULT_RULES,
      [],
    );
    expect(iso(fall.atMs)).toBe('2026-11-01T13:00:00.000Z');
    const spring = releaseTime(
      { kind: 'marketing', dueMs: at('2026-03-07T23:00:00-05:00'), timeZone: NEW_YORK },
      DEFAULT_RULES,
      [],
    );
    expect(iso(spring.atMs)).toBe('2026-03-08T12:00:00.000Z');
  });

  it('handles a window that does not wrap midnight, its end exclusive, and none at all', () => {
    const lunch = ['12:00', '13:00'] as const;
    expect(inQuietHours(at('2026-11-20T12:30:00+09:00'), lunch, SEOUL)).toBe(true);
    expect(inQuietHours(at('2026-11-20T13:00:00+09:00'), lunch, SEOUL)).toBe(false);
    expect(inQuietHours(at('2026-11-20T08:00:00+09:00'), ['21:00', '08:00'], SEOUL)).toBe(false);
    expect(inQuietHours(at('2026-11-20T07:59:00+09:00'), ['21:00', '08:00'], SEOUL)).toBe(true);
    const due = at('2026-11-20T23:40:00+09:00');
    expect(
      releaseTime(
        { kind: 'marketing', dueMs: due, timeZone: SEOUL },
        { ...DEFAULT_RULES, quietHours: null },
        [],
      ),
    ).toEqual({ atMs: due });
  });
});

describe('supersession', () => {
  it('names, for each older order, the first order placed after it; parallel orders keep going', () => {
    const result = supersessions([
      { orderId: 'c', placedAt: '2026-11-26T09:00:00+09:00', onNewOrder: 'supersede' },
      { orderId: 'a', placedAt: '2026-11-20T09:00:00+09:00', onNewOrder: 'supersede' },
      { orderId: 'b', placedAt: '2026-11-23T09:00:00+09:00', onNewOrder: 'parallel' },
    ]);
    expect(Object.fromEntries(result)).toEqual({ a: 'b' });
    expect(supersededReason('b')).toBe('superseded by order b');
  });

  it('does not let orders placed at the same instant supersede each other', () => {
    const placedAt = '2026-11-20T09:00:00+09:00';
    expect(
      supersessions([
        { orderId: 'a', placedAt, onNewOrder: 'supersede' },
        { orderId: 'b', placedAt: '2026-11-20T00:00:00Z', onNewOrder: 'supersede' },
      ]).size,
    ).toBe(0);
  });
});

describe('stopping what was handed over', () => {
  it('stops only steps whose send time is more than five minutes after the record', () => {
    const t = at('2026-11-20T09:00:00Z');
    expect(stoppable(t + 5 * 60_000, t)).toBe(false);
    expect(stoppable(t + 5 * 60_000 + 1, t)).toBe(true);
  });

  it('keys an address case- and space-insensitively', () => {
    expect(addressKey('  Jisoo@Example.COM ')).toBe('jisoo@example.com');
  });
});

describe('an address with a long history', () => {
  it('finds the first free slot past hundreds of marketing emails, and names only the first few', () => {
    const start = at('2026-11-23T10:00:00+09:00');
    // 900 emails 72 h apart, then one gap of a week, then 100 more.
    const others = [
      ...Array.from({ length: 900 }, (_, i) => ({
        atMs: start + i * 72 * 3_600_000,
        template: 'thank-you',
        orderId: `ord_${i}`,
      })),
      ...Array.from({ length: 100 }, (_, i) => ({
        atMs: start + (900 + 2 + i) * 72 * 3_600_000,
        template: 'cross-sell',
        orderId: `ord_late_${i}`,
      })),
    ].reverse();
    const r = releaseTime(
      { kind: 'marketing', dueMs: start + 3_600_000, at: '10:00', timeZone: SEOUL },
      DEFAULT_RULES,
      others,
    );
    for (const o of others) expect(Math.abs(o.atMs - r.atMs)).toBeGreaterThanOrEqual(72 * 3_600_000);
    // The week-long hole after the 900th email: 72 h after it, at 10:00 Seoul.
    expect(iso(r.atMs)).toBe(iso(start + 900 * 72 * 3_600_000));
    expect(r.reason?.split('; ')).toEqual([
      // Due an hour after ord_0's, it first yields to the latest email within 72 h: ord_1's.
      'deferred: 72 h since the thank-you of order ord_1',
      'deferred: 72 h since the thank-you of order ord_2',
      'deferred: 72 h since the thank-you of order ord_3',
      'deferred past 896 more marketing email(s)',
    ]);
  });
});

describe('spacePlan', () => {
  const now = at('2026-12-02T14:00:00+09:00');
  const steps = [
    {
      template: 'thank-you',
      kind: 'marketing' as const,
      sendAt: iso(at('2026-11-23T10:00:00+09:00')),
      at: '10:00',
    },
    {
      template: 'review-request',
      kind: 'marketing' as const,
      sendAt: iso(at('2026-12-01T10:00:00+09:00')),
      at: '10:00',
    },
    {
      template: 'cross-sell',
      kind: 'marketing' as const,
      sendAt: iso(at('2026-12-03T10:00:00+09:00')),
      at: '10:00',
    },
  ];
  const rules = { ...DEFAULT_RULES, quietHours: null };

  it('spaces the steps after an overdue one from now, when it really goes; the overdue one keeps its time', () => {
    // Nothing sent yet: the thank-you goes now, the review 72 h later at 10:00, the cross-sell 72 h after that.
    const moves = spacePlan(steps, rules, [], 'ord_1', SEOUL, { nowMs: now });
    expect(moves.has(0)).toBe(false);
    expect(iso(moves.get(1)?.atMs ?? 0)).toBe(iso(at('2026-12-06T10:00:00+09:00')));
    expect(moves.get(1)?.reason).toBe('deferred: 72 h since the thank-you of order ord_1');
    expect(iso(moves.get(2)?.atMs ?? 0)).toBe(iso(at('2026-12-09T10:00:00+09:00')));
    // Without now (the offline preview), the calendar: nine and two days apart is more than 72 h, except the last.
    const calendar = spacePlan(steps, rules, [], 'ord_1', SEOUL);
    expect([...calendar.keys()]).toEqual([2]);
    expect(iso(calendar.get(2)?.atMs ?? 0)).toBe(iso(at('2026-12-04T10:00:00+09:00')));
  });

  it('keeps a step already handed over where it went, and spaces the rest around it (a re-plan)', () => {
    // The thank-you went nine days ago: the overdue review goes now (14:00), the cross-sell 72 h after it, at
    // its own 10:00 (the next one after 72 h).
    const fixed = new Map([[0, at('2026-11-23T10:00:00+09:00')]]);
    const moves = spacePlan(steps, rules, [], 'ord_1', SEOUL, { nowMs: now, fixed });
    expect(moves.has(0)).toBe(false);
    expect(moves.has(1)).toBe(false);
    expect(iso(moves.get(2)?.atMs ?? 0)).toBe(iso(at('2026-12-06T10:00:00+09:00')));
    expect(moves.get(2)?.reason).toBe('deferred: 72 h since the review-request of order ord_1');
  });
});
