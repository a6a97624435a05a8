import { describe, expect, it } from 'vitest';
import { composeSequence } from '../../../sending/offline/compose';
import { timelineHtml } from '../../../sending/offline/outbox';
import { plan } from '../../../sending/plan/schedule';
import { defaultSequence, parseSequence } from '../../../sending/plan/sequence';
import { timingLabel } from '../../../sending/plan/step-timing';
import { secret, seoul } from '../../support/send-fixtures';

const now = new Date('2026-11-19T00:00:00Z');
const stepOf = (p: ReturnType<typeof plan>, template: string) =>
  p.steps.find((s) => s.template === template) ?? p.skipped.find((s) => s.template === template);

describe('delivery-anchored steps', () => {
  it('names the anchor and the local time: "5 days after delivery · Nov 29, 10:00"', () => {
    const p = plan(seoul, defaultSequence(), { now, anchors: { delivered: '2026-11-24T14:20:00+09:00' } });
    const review = stepOf(p, 'review-request');
    expect(review && timingLabel(review, p.timeZone)).toBe('5 days after delivery · Nov 29, 10:00');
    const crossSell = stepOf(p, 'cross-sell');
    expect(crossSell && timingLabel(crossSell, p.timeZone)).toBe('10 days after delivery · Dec 4, 10:00');
    const thanks = stepOf(p, 'thank-you');
    expect(thanks && timingLabel(thanks, p.timeZone)).toBe('day 3 · Nov 23, 10:00');
  });

  it('counts the anchor day on the customer’s calendar: a late-evening UTC delivery is the next Seoul day', () => {
    const p = plan(seoul, defaultSequence(), { now, anchors: { delivered: '2026-11-24T16:00:00Z' } });
    expect(stepOf(p, 'review-request')?.local).toBe('2026-11-30T10:00:00+09:00');
  });

  it('offline, without a delivery, shows the fallback with the anchor named', async () => {
    const composed = await composeSequence(seoul, { unsubscribeSecret: secret, now });
    const html = timelineHtml(composed);
    expect(html).toContain('fallback: day 14 (5 days after delivery once known) · Dec 4, 10:00');
    expect(html).toContain('1 day before the estimated delivery · Nov 23, 10:00');
    const delivered = await composeSequence(seoul, {
      unsubscribeSecret: secret,
      now,
      anchors: { delivered: '2026-11-24T14:20:00+09:00' },
    });
    expect(timelineHtml(delivered)).toContain('5 days after delivery · Nov 29, 10:00');
  });

  it('writes the send times of a Korean plan with 오전/오후, never an English AM/PM', async () => {
    const html = timelineHtml(await composeSequence(seoul, { unsubscribeSecret: secret, now }));
    // The confirmation goes at 09:30 on day 0, the marketing steps at 10:00 on the customer's clock.
    expect(html).toContain('2026년 11월 20일 (금) 오전 9:30');
    expect(html).toContain('오전 10:00');
    expect(html).not.toMatch(/\d (AM|PM)\b/);
  });

  it('without a fallback, waits for the anchor: skipped with that reason, and the anchor it waits for', () => {
    const sequence = parseSequence({
      steps: [
        { template: 'order-confirmation', day: 0 },
        { template: 'review-request', after: 'delivered', day: 5, at: '10:00' },
      ],
    });
    const p = plan(seoul, sequence, { now });
    expect(p.skipped).toEqual([
      expect.objectContaining({
        template: 'review-request',
        waitingFor: 'delivered',
        reason: 'waiting for delivery (5 days after delivery); skipped after 60 days without it',
      }),
    ]);
    const later = plan(seoul, sequence, { now, anchors: { delivered: '2026-12-01T09:00:00+09:00' } });
    expect(stepOf(later, 'review-request')?.local).toBe('2026-12-06T10:00:00+09:00');
  });

  it('a delivery after the fallback’s time keeps the fallback: same step, same time, nothing twice', () => {
    const before = plan(seoul, defaultSequence(), { now });
    // Fallback day 14 is Dec 4, 10:00 in Seoul; the parcel is reported delivered on Dec 5.
    const late = plan(seoul, defaultSequence(), {
      now: new Date('2026-12-05T00:00:00Z'),
      anchors: { delivered: '2026-12-05T09:00:00+09:00' },
    });
    const a = stepOf(before, 'review-request');
    const b = stepOf(late, 'review-request');
    expect(b?.sendAt).toBe(a?.sendAt);
    expect(b?.key).toBe(a?.key);
    expect(b?.anchor).toBe('fallback: day 14 (delivery came later)');
    // Cross-sell's fallback (day 21) has not come yet: it moves to 10 days after that delivery, the same step.
    expect(stepOf(late, 'cross-sell')?.local).toBe('2026-12-15T10:00:00+09:00');
    expect(stepOf(late, 'cross-sell')?.key).toBe(stepOf(before, 'cross-sell')?.key);
    expect(stepOf(late, 'cross-sell')?.key).toBe('delivered+10');
  });

  it('without a fallback, gives up 60 days after the order, and ignores a delivery that comes later', () => {
    const sequence = parseSequence({
      steps: [
        { template: 'order-confirmation', day: 0 },
        { template: 'review-request', after: 'delivered', day: 5, at: '10:00' },
      ],
    });
    const expired = plan(seoul, sequence, { now: new Date('2027-01-20T00:00:00Z') });
    expect(expired.skipped[0]?.reason).toBe(
      'no delivery within 60 days of the order (5 days after delivery)',
    );
    expect(expired.skipped[0]).not.toHaveProperty('waitingFor');
    const tooLate = plan(seoul, sequence, {
      now: new Date('2027-01-20T00:00:00Z'),
      anchors: { delivered: '2027-01-19T12:00:00+09:00' },
    });
    expect(tooLate.skipped[0]?.reason).toBe('no delivery within 60 days of the order (it came later)');
  });
});
