/**
 * Test sends apart from live orders (CONTRACT.md, "Test sends and the console"): a run per order and test
 * recipient, idempotent, a fresh run for another address, a cancel that touches its own run alone and says what it
 * could not stop; the live order with the same id untouched throughout.
 */
import { describe, expect, it } from 'vitest';
import type { OrderDocument } from '../../../core/order-document';
import type { Sequencer } from '../../../sending/sequencer';
import { BACKEND, useLiveEngine } from '../../support/databases';
import type { AcceptedEmail, FakeResend } from '../../support/fake-resend';
import { dayOffsetSequence, seoul } from '../../support/send-fixtures';

const KEY = 're_test_runs_key';
let fake: FakeResend;
let sequencer: Sequencer;

/** The Seoul sample placed a minute ago: its confirmation is due, the rest on the calendar ahead. */
const live: OrderDocument = {
  ...seoul,
  order: { ...seoul.order, id: 'ord_runs', placedAt: new Date(Date.now() - 60_000).toISOString() },
} as OrderDocument;

useLiveEngine(
  'test_runs',
  {
    apiKey: KEY,
    sequence: dayOffsetSequence,
    releaseWindowMs: 30 * 86_400_000,
  },
  (engine) => {
    ({ fake, sequencer } = engine);
  },
);

const to = (e: AcceptedEmail) => String(e.body.to);
const tag = (e: AcceptedEmail, name: string) =>
  (e.body.tags as { name: string; value: string }[]).find((t) => t.name === name)?.value;

describe(`test runs on ${BACKEND}`, () => {
  it('keeps a test send apart from the live order: its own run, idempotent, another address a fresh run', async () => {
    await sequencer.enqueue(live);
    const { steps: liveBefore } = await sequencer.status({ order: 'ord_runs' });
    expect(liveBefore.every((s) => !s.test)).toBe(true);

    // Compressed: a day is 2 minutes, so day 0 goes now and day 3 in six minutes.
    await sequencer.enqueue(live, { to: 'me@hanok.example', compressMs: 120_000 });
    const sentToMe = fake.emails.filter((e) => to(e) === 'me@hanok.example').length;
    expect(sentToMe).toBeGreaterThanOrEqual(5);
    const mine = fake.emails.filter((e) => to(e) === 'me@hanok.example');
    // The email names the live order and says it is a test, so outcomes can leave it out.
    expect(mine.every((e) => tag(e, 'order') === 'ord_runs' && tag(e, 'test') === 'true')).toBe(true);
    expect(
      fake.emails.filter((e) => to(e) !== 'me@hanok.example').every((e) => tag(e, 'test') === undefined),
    ).toBe(true);

    const { steps: all } = await sequencer.status({ order: 'ord_runs' });
    const tests = all.filter((s) => s.test);
    expect(tests.length).toBeGreaterThan(0);
    expect(tests.every((s) => s.order === 'ord_runs' && s.run === 'test:ord_runs:me@hanok.example')).toBe(
      true,
    );
    // The live steps are exactly as they were.
    expect(all.filter((s) => !s.test)).toEqual(liveBefore);

    // The same test send again sends nothing.
    await sequencer.enqueue(live, { to: 'me@hanok.example', compressMs: 120_000 });
    expect(fake.emails.filter((e) => to(e) === 'me@hanok.example')).toHaveLength(sentToMe);

    // Another address is a fresh run.
    await sequencer.enqueue(live, { to: 'me+2@hanok.example', compressMs: 120_000 });
    expect(fake.emails.filter((e) => to(e) === 'me+2@hanok.example')).toHaveLength(sentToMe);
    const runs = new Set((await sequencer.status({ order: 'ord_runs' })).steps.map((s) => s.run));
    expect(runs).toEqual(
      new Set([undefined, 'test:ord_runs:me@hanok.example', 'test:ord_runs:me+2@hanok.example']),
    );
  });

  it('cancels one run alone and names what it could not stop: sent, and too close to its time', async () => {
    const liveBefore = (await sequencer.status({ order: 'ord_runs' })).steps.filter((s) => !s.test);
    const other = (await sequencer.status({ run: 'test:ord_runs:me+2@hanok.example' })).steps.map(
      (s) => s.state,
    );

    const result = await sequencer.cancel({ order: 'ord_runs', to: 'ME@hanok.example' });
    expect(result.found).toBe(true);
    expect(result.key).toBe('test:ord_runs:me@hanok.example');
    const why = new Map(result.notStopped.map((s) => [s.template, s.why]));
    expect(why.get('order-confirmation')).toMatch(/^already (sent|handed to Resend to go now)$/);
    // Day 2 is four minutes away: inside the five minutes a cancel needs.
    expect(why.get('shipping-update')).toBe('too close to its send time to stop');
    expect(result.stopped.map((s) => s.template)).toEqual(
      expect.arrayContaining(['product-instructions', 'review-request', 'cross-sell']),
    );
    const atResend = fake.emails.filter((e) => to(e) === 'me@hanok.example' && e.status === 'cancelled');
    expect(atResend.length).toBe(result.stopped.length);

    // The live order and the other run: untouched.
    expect((await sequencer.status({ order: 'ord_runs' })).steps.filter((s) => !s.test)).toEqual(liveBefore);
    expect(
      (await sequencer.status({ run: 'test:ord_runs:me+2@hanok.example' })).steps.map((s) => s.state),
    ).toEqual(other);
    expect(
      fake.emails.filter((e) => to(e) === 'me+2@hanok.example').some((e) => e.status === 'cancelled'),
    ).toBe(false);
  });

  it('cancelling the live order leaves its test runs alone; a run that does not exist is not found', async () => {
    const { steps: run } = await sequencer.status({ run: 'test:ord_runs:me+2@hanok.example' });
    const result = await sequencer.cancel({ order: 'ord_runs' });
    expect(result.key).toBe('ord_runs');
    expect(result.stopped.length).toBeGreaterThan(0);
    expect((await sequencer.status({ run: 'test:ord_runs:me+2@hanok.example' })).steps).toEqual(run);
    expect((await sequencer.cancel({ order: 'ord_runs', to: 'nobody@hanok.example' })).found).toBe(false);
  });
});
