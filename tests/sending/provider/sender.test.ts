/**
 * The sender's waits, without a network: a stub API answers each request in turn, and the sender's `sleep` is
 * recorded instead of slept.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ApiResponse, EmailApi } from '../../../sending/provider/sender';
import { Sender } from '../../../sending/provider/sender';
import { PACING_HOP_MS } from '../../support/send-fixtures';

const payload = {
  from: 'Shop <orders@shop.example>',
  to: 'a@example.com',
  subject: 'Hello',
  html: '<p>Hello</p>',
  text: 'Hello',
  tags: [],
};

/** An API that answers `send` with these responses in order (then success). */
function stub(answers: ApiResponse<{ id: string }>[]): EmailApi {
  let n = 0;
  const next = async () => answers[n++] ?? { data: { id: `em_${n}` }, error: null, headers: null };
  return { send: next, cancel: next, batch: async () => ({ data: null, error: null, headers: null }) };
}
const limited = (headers: Record<string, string>): ApiResponse<{ id: string }> => ({
  data: null,
  error: { message: 'Too many requests', statusCode: 429, name: 'rate_limit_exceeded' },
  headers,
});

describe('Sender waits after a 429', () => {
  it('as long as ratelimit-reset says when it is sooner than the whole-second retry-after', async () => {
    const waits: number[] = [];
    const sender = new Sender(stub([limited({ 'retry-after': '1', 'ratelimit-reset': '0.2' })]), {
      ratePerSecond: 0,
      sleep: async (ms) => void waits.push(ms),
    });
    const outcome = await sender.send(payload, 'key-1');
    expect(outcome).toMatchObject({ ok: true, attempts: 2 });
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(150);
    expect(waits[0]).toBeLessThanOrEqual(200);
  });

  it('as long as retry-after says when there is no reset, or the reset is later', async () => {
    const cases: Record<string, string>[] = [
      { 'retry-after': '1' },
      { 'retry-after': '1', 'ratelimit-reset': '3' },
    ];
    for (const headers of cases) {
      const waits: number[] = [];
      const sender = new Sender(stub([limited(headers)]), {
        ratePerSecond: 0,
        sleep: async (ms) => void waits.push(ms),
      });
      expect(await sender.send(payload, 'key-2')).toMatchObject({ ok: true });
      expect(waits[0]).toBeGreaterThan(950);
      expect(waits[0]).toBeLessThanOrEqual(1000);
    }
  });
});

describe('Sender learns the rate limit from the first answer', () => {
  const answeredWith = (headers: Record<string, string>) =>
    ({ data: { id: 'em' }, error: null, headers }) as ApiResponse<{ id: string }>;

  it('holds the other requests until that answer, then spaces them at the learnt rate, not the default', async () => {
    const waits: number[] = [];
    let release: () => void = () => {};
    const firstHeld = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    const api: EmailApi = {
      send: async () => {
        calls++;
        if (calls === 1) await firstHeld;
        return answeredWith({ 'ratelimit-limit': '5', 'ratelimit-remaining': '4', 'ratelimit-reset': '1' });
      },
      cancel: async () => answeredWith({}),
      batch: async () => ({ data: null, error: null, headers: null }),
    };
    const sender = new Sender(api, { sleep: async (ms) => void waits.push(ms) });
    const sends = [1, 2, 3].map((i) => sender.send(payload, `key-${i}`));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Only the first request has left; the others wait for its answer rather than for slots at 2 a second.
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
    release();
    expect((await Promise.all(sends)).every((o) => o.ok)).toBe(true);
    expect(calls).toBe(3);
    // 5 a second (with its margin): up to 5 in any 1.02 s, consecutive ones half an interval (102 ms) apart —
    // not the 255 ms of the default 2 a second. Each wait is counted from the previous request's start: the
    // second's from the first's, which left some 20 ms before its answer came; the third's (this sleep returns
    // at once) from the second's, a moment before. (On a slow machine the first answer may come more than the
    // interval after the first left: then the second need not wait at all.)
    expect(waits.length).toBeGreaterThanOrEqual(1);
    expect(waits.length).toBeLessThanOrEqual(2);
    for (const ms of waits) expect(ms).toBeLessThanOrEqual(103);
    expect(waits.at(-1)).toBeGreaterThan(90);
  });
});

describe('Sender pacing', () => {
  it('at most the rate in any window of a second, made up within the window when a request left late', async () => {
    // The clock this test reads is the one the sender paces on; each request leaves once its wait is over.
    const leaving: number[] = [];
    const api: EmailApi = {
      send: async () => {
        leaving.push(performance.now());
        // The third request is held up after it left (the event loop busy): 300 ms.
        if (leaving.length === 3) await new Promise((resolve) => setTimeout(resolve, 300));
        return { data: { id: `em_${leaving.length}` }, error: null, headers: null };
      },
      cancel: async () => ({ data: { id: 'x' }, error: null, headers: null }),
      batch: async () => ({ data: null, error: null, headers: null }),
    };
    const sender = new Sender(api, { ratePerSecond: 5 });
    for (let i = 0; i < 12; i++) expect(await sender.send(payload, `key-${i}`)).toMatchObject({ ok: true });
    for (let k = 5; k < leaving.length; k++)
      expect((leaving[k] ?? 0) - (leaving[k - 5] ?? 0)).toBeGreaterThanOrEqual(1020 - PACING_HOP_MS);
    for (let k = 1; k < leaving.length; k++)
      expect((leaving[k] ?? 0) - (leaving[k - 1] ?? 0)).toBeGreaterThanOrEqual(102 - PACING_HOP_MS);
    // The 300 ms lost after the third is made up by the next ones within the window: twelve requests at 5 a
    // second take two windows and a bit, not two windows plus the 300 ms.
    expect((leaving.at(-1) ?? 0) - (leaving[0] ?? 0)).toBeLessThan(2 * 1020 + 300);
  });

  it('never waits on a wall clock set back: the spacing is counted on a clock that only moves on', async () => {
    const waits: number[] = [];
    const sender = new Sender(stub([]), { ratePerSecond: 2, sleep: async (ms) => void waits.push(ms) });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-12-07T12:00:00Z') });
    try {
      expect(await sender.send(payload, 'key-a')).toMatchObject({ ok: true });
      // The wall clock goes back thirteen hours (a clock corrected, a test's clock set to an earlier minute).
      vi.setSystemTime(Date.parse('2026-12-06T23:00:00Z'));
      expect(await sender.send(payload, 'key-b')).toMatchObject({ ok: true });
    } finally {
      vi.useRealTimers();
    }
    // One pause of at most the half second a rate of 2 a second asks, not thirteen hours.
    expect(waits.length).toBeLessThanOrEqual(1);
    for (const ms of waits) expect(ms).toBeLessThanOrEqual(600);
  });
});
