/**
 * `status`, in-process, every command on the file's one open store (`Io.sequencer`): the text table (what a step
 * counts from, the subject variants) and the JSON that `status --json` prints and `GET /status` answers — the
 * same document, counts per template and per variant.
 */
import { describe, expect, it } from 'vitest';
import { type Io, runSendCommand } from '../../../sending/cli/send-command';
import { parseSequence, variantFor } from '../../../sending/plan/sequence';
import { toLocalIso } from '../../../sending/plan/zoned-time';
import type { Sequencer } from '../../../sending/sequencer';
import { type RunningServer, serveApp } from '../../../sending/server/http-node';
import { createApp } from '../../../sending/server/server';
import { useLiveEngine } from '../../support/databases';
import { seoul, shipmentNews } from '../../support/send-fixtures';

const KEY = 're_status_test_key_5e6f';
const TOKEN = 'status-test-token';
/** A subject-line test on the thank-you, a fixed variant b on the review request (counted from delivery). */
const sequence = parseSequence({
  name: 'subject-test',
  steps: [
    { template: 'order-confirmation', day: 0 },
    { template: 'thank-you', day: 3, at: '10:00', abTest: ['a', 'b'] },
    { template: 'review-request', after: 'delivered', day: 5, at: '10:00', fallbackDay: 14, subject: 'b' },
  ],
});
const IDS = Array.from({ length: 8 }, (_, i) => `status-${i + 1}`);
const DELIVERED = 'status-1';
const thankYou = sequence.steps.find((s) => s.template === 'thank-you');
const arm = (v: string) => IDS.filter((id) => thankYou && variantFor(thankYou, id) === v).length;

let sequencer: Sequencer;

/**
 * The Seoul sample placed yesterday under its own id, for its own customer (one customer's later order would
 * supersede the earlier ones' marketing): the confirmation goes at once, the rest waits.
 */
function order(id: string) {
  const { shipment: _none, ...rest } = seoul;
  return {
    ...rest,
    customer: { ...rest.customer, email: `${id}@example.com` },
    order: { ...rest.order, id, placedAt: toLocalIso(Date.now() - 86_400_000, 'Asia/Seoul') },
  };
}

/** The command in-process, on the file's own open sequencer (the command leaves it open). */
async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    out: (t) => {
      stdout += t;
    },
    err: (t) => {
      stderr += t;
    },
    env: {},
    sequencer,
  };
  const code = await runSendCommand(argv, io);
  return { code, stdout, stderr };
}

useLiveEngine(
  'send_status',
  {
    apiKey: KEY,
    unsubscribeSecret: 'unsubscribe-secret',
    sequence,
  },
  async (engine) => {
    ({ sequencer } = engine);
    await sequencer.enqueue(IDS.map(order));
    await sequencer.event({
      type: 'shipment',
      document: {
        ...order(DELIVERED),
        shipment: shipmentNews('delivered', '6543210987'),
      },
    });
  },
);

describe('status (text)', () => {
  it('names what a delivery-anchored step counts from beside the customer’s time', async () => {
    const delivered = await cli(['status', '--order', DELIVERED]);
    expect(delivered.code, delivered.stderr).toBe(0);
    const review = delivered.stdout.split('\n').find((line) => line.includes('review-request'));
    expect(review).toMatch(/\d{2}-\d{2} 10:00 \+09:00 .*\(5 days after delivery\)/);
    expect(review).not.toContain('fallback');

    // --wide: the reason unwrapped, on one line.
    const waiting = await cli(['status', '--order', 'status-2', '--wide']);
    const fallback = waiting.stdout.split('\n').find((line) => line.includes('review-request'));
    expect(fallback).toContain('(fallback: day 14 (5 days after delivery once known))');
    const thanks = waiting.stdout.split('\n').find((line) => line.includes('thank-you'));
    expect(thanks).toMatch(/10:00 \+09:00\s+waiting/); // a day-counted step names no anchor
  }, 60_000);

  it('adds a table per template and subject variant', async () => {
    const { stdout } = await cli(['status']);
    expect(stdout).toMatch(/template\s+variant\s+sent\s+scheduled\s+waiting\s+skipped\s+failed\s+cancelled/);
    expect(stdout).toMatch(new RegExp(`thank-you\\s+a\\s+0\\s+0\\s+${arm('a')}\\s+0\\s+0\\s+0`));
    expect(stdout).toMatch(new RegExp(`thank-you\\s+b\\s+0\\s+0\\s+${arm('b')}\\s+0\\s+0\\s+0`));
    expect(stdout).toMatch(new RegExp(`review-request\\s+b\\s+0\\s+0\\s+${IDS.length}\\s+0\\s+0\\s+0`));
  }, 60_000);
});

describe('status --json and GET /status', () => {
  it('count steps per subject variant per template, beside the steps and the per-template summary', async () => {
    // Both arms of the split must be present for this test to say anything about them.
    expect(arm('a')).toBeGreaterThan(0);
    expect(arm('b')).toBeGreaterThan(0);
    const { code, stdout, stderr } = await cli(['status', '--json']);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.steps).toHaveLength(IDS.length * 3 + 1); // three steps per order, one shipping update
    expect(report.summary['order-confirmation']).toMatchObject({ sent: IDS.length, planned: 0 });
    expect(report.summary['shipping-update']).toMatchObject({ sent: 1 });
    expect(report.variants).toEqual({
      'thank-you': {
        a: expect.objectContaining({ planned: arm('a'), sent: 0, scheduled: 0, skipped: 0, failed: 0 }),
        b: expect.objectContaining({ planned: arm('b'), sent: 0, scheduled: 0, skipped: 0, failed: 0 }),
      },
      'review-request': { b: expect.objectContaining({ planned: IDS.length, sent: 0 }) },
    });
    // Steps that name no variant (the confirmation, the shipping update) are not counted under any.
    expect(Object.keys(report.variants['thank-you'])).toEqual(['a', 'b']);
  }, 60_000);

  it('GET /status answers exactly what status --json prints, filtered the same way', async () => {
    const all = JSON.parse((await cli(['status', '--json'])).stdout);
    const one = JSON.parse((await cli(['status', '--json', '--order', 'status-3'])).stdout);
    expect(one.steps.every((s: { order: string }) => s.order === 'status-3')).toBe(true);
    const live = sequencer;
    const app = createApp(
      {
        enqueue: async () => ({}),
        event: async () => ({}),
        status: (filter) => live.status(filter),
        guardrail: () => live.guardrailState(),
        handleUnsubscribe: async () => new Response('', { status: 404 }),
        handleResendWebhook: async () => new Response('', { status: 404 }),
        health: async () => ({ ok: true }),
      },
      {
        intakeToken: TOKEN,
      },
    );
    const server: RunningServer = await serveApp(app, {
      port: 0,
      host: '127.0.0.1',
      maxBodyBytes: 64 * 1024,
    });
    try {
      const get = async (query: string) => {
        const response = await fetch(`${server.url}/status${query}`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        expect(response.status).toBe(200);
        return response.json();
      };
      // One page holds them all here: the same document, with no next page.
      expect(await get('')).toEqual({ ...all, next: null });
      expect(await get('?order=status-3')).toEqual({ ...one, next: null });
      // Two at a time, following `next`: every step once, in the same order.
      const paged: unknown[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page = (await get(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`)) as {
          steps: unknown[];
          next: string | null;
        };
        expect(page.steps.length).toBeLessThanOrEqual(2);
        paged.push(...page.steps);
        cursor = page.next;
      }
      expect(paged).toEqual(all.steps);
    } finally {
      await server.close();
    }
  }, 60_000);
});
