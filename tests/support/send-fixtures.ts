import { readFileSync } from 'node:fs';
import { americanOrderData, koreanOrderData } from '../../emails/_samples';
import { parseSequence, type SequenceFile } from '../../sending/plan/sequence';

/** The samples, pinned to the order times the send tests' exact schedules were worked out for. */
export const seoul = {
  ...koreanOrderData,
  order: { ...koreanOrderData.order, placedAt: '2026-11-20T09:30:00+09:00' },
};
/**
 * The Seoul sample whose customer consented to advertising at night (`customer.consents.night`): for the live
 * tests that are not about Korea's night rule, so that they hold at whatever hour they run. The rule itself is
 * tested at fixed minutes (tests/sending/engine/release.night-rule.test.ts, tests/sending/plan/).
 */
export const seoulAnyHour = { ...seoul, customer: { ...seoul.customer, consents: { night: true } } };
/**
 * A year whose orders are still ahead whenever the suite runs (two years from now): for steps that must stay
 * planned, written with their exact local times. Seoul keeps no summer time, so those times read the same each year.
 */
export const FUTURE_YEAR = new Date().getFullYear() + 2;
/**
 * How far short of the sender's own spacing the gaps a test sees between requests may come out: the sender reads
 * its clock a few event-loop hops before a request reaches the API (more on a busy machine, a slow CI). Unpaced,
 * the gaps are ~0 ms, so this allows the hops and no more.
 */
export const PACING_HOP_MS = 10;
export const newYork = {
  ...americanOrderData,
  order: { ...americanOrderData.order, placedAt: '2026-10-30T14:15:00-04:00' },
};
export const secret = 'test-unsubscribe-secret';

/** The Seoul sample placed now (to the second), for its own customer, with no parcel news yet. */
export function seoulOrderNow(id: string, email: string) {
  const { shipment: _none, ...rest } = seoul;
  return {
    ...rest,
    customer: { ...rest.customer, email },
    order: { ...rest.order, id, placedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z') },
  };
}

/**
 * CONTRACT.md's first sequence, every step a day after the order (shipping update on day 2): the send tests'
 * exact schedules were worked out for it, and it is still a valid sequence a shop may use. Its frequency rules
 * are off (`minGapHours: 0`, no quiet hours), so an old order's overdue steps all go at once, whatever the
 * hour the tests run at; tests/sending/sequencer.frequency.test.ts holds the rules themselves.
 */
export const DAY_OFFSET_SEQUENCE_FILE = new URL('../fixtures/sequences/day-offset.json', import.meta.url)
  .pathname;
export const dayOffsetSequence = parseSequence(
  JSON.parse(readFileSync(DAY_OFFSET_SEQUENCE_FILE, 'utf8')),
  'day-offset sequence',
);

/** A parcel's news as a shipment event carries it (`shipment` of an order document). */
export const shipmentNews = (status: string, trackingNumber = '6543210987') => ({
  status,
  carrier: 'CJ Logistics',
  trackingNumber,
  trackingUrl: `https://tracker.example.com/${trackingNumber}`,
});

/**
 * A sequence with the frequency rules off (no gap between marketing emails, no quiet hours), so that only what a
 * test is about can hold a step back, whatever the hour it runs at.
 */
export function withoutFrequencyRules(name: string, steps: SequenceFile['steps']) {
  return { name, minGapHours: 0, quietHours: false, steps } as const satisfies SequenceFile;
}
