/**
 * The live engine's figures (part of `npm run bench`; `--no-store` skips them, `--quick` shrinks them):
 * - planning 10,000 orders × 7 steps into the store (steps and their queue jobs), on the embedded PGlite and on
 *   Postgres (`DATABASE_URL`, else postgres://postgres@127.0.0.1:5432/test if a server answers there): time and
 *   peak memory;
 * - releasing all 70,000 through the fake Resend with no rate limit, on Postgres, rendering included (≤ 120 s);
 * - with the fake limited to 5 requests/s, the sustained rate (≥ 450 emails/s: batches at ≥ 90 % of the limit).
 * Each Postgres run gets a database of its own, dropped afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { OrderDocument } from '../core/order-document';
import { resendApi } from '../sending/resend-sender';
import { parseSequence } from '../sending/sequence';
import { createSequencer, type Sequencer } from '../sending/sequencer';
import { FakeResend } from '../tests/support/fake-resend';
import { orderFactory } from './orders';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const KEY = 're_bench_key';
const SECRET = 'bench-secret';
const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/test';

/** Seven steps that all apply to every bench order (returning customers, every part present). */
const SEQUENCE = parseSequence({
  name: 'bench',
  steps: [
    { template: 'order-confirmation', day: 0 },
    { template: 'shipping-update', day: 2 },
    { template: 'thank-you', day: 3, at: '10:00' },
    { template: 'product-instructions', day: 7, at: '10:00' },
    { template: 'review-request', day: 14, at: '10:00' },
    { template: 'cross-sell', day: 21, at: '10:00' },
    { template: 'referral', day: 28, at: '10:00' },
  ],
});

export const STORE_TARGETS = {
  releaseSeconds: 120,
  limitedEmailsPerSecond: 450,
  peakBytes: 2 ** 30,
} as const;

export type StoreFigures = {
  orders: number;
  steps: number;
  plan: { backend: string; seconds: number; peakRssMb: number }[];
  release?: { emails: number; seconds: number; perSecond: number; requests: number; peakRssMb: number };
  limited?: { emails: number; seconds: number; perSecond: number; requests: number; limit: number };
  skipped?: string;
};

/** Peak RSS while `run` runs, sampled every 50 ms. */
async function measured<T>(run: () => Promise<T>): Promise<{ value: T; seconds: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const start = performance.now();
  try {
    const value = await run();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, seconds: (performance.now() - start) / 1000, peakRssMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

function documents(count: number, prefix: string): OrderDocument[] {
  const make = orderFactory(join(ROOT, 'emails/_samples'));
  return Array.from({ length: count }, (_, i) => {
    const doc = make(i, 1 + (i % 4)) as unknown as OrderDocument;
    // Placed long ago: every step is due, so the release measures sending, not waiting.
    return {
      ...doc,
      customer: { ...doc.customer, email: `${prefix}${i}@example.com`, ordersCount: 2 },
      order: { ...doc.order, id: `${prefix}${i}`, placedAt: '2026-01-05T09:30:00+09:00' },
    };
  });
}

async function serverUrl(): Promise<string | undefined> {
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_SERVER;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return url;
  } catch {
    return undefined;
  }
}

async function withDatabase<T>(server: string, run: (url: string) => Promise<T>): Promise<T> {
  const name = `bench_store_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    const drop = new pg.Client({ connectionString: server });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await drop.end();
  }
}

function sequencerOn(
  target: { databaseUrl: string } | { ledgerDir: string },
  ratePerSecond?: number,
): Sequencer {
  return createSequencer({
    ...target,
    api: resendApi(KEY),
    from: 'Bench Shop <orders@bench.example>',
    sequence: SEQUENCE,
    unsubscribeSecret: SECRET,
    sender: { timeoutMs: 60_000, ...(ratePerSecond === undefined ? {} : { ratePerSecond }) },
    lanes: 3,
  });
}

export async function measureStore(orders: number, limitedOrders: number): Promise<StoreFigures> {
  const figures: StoreFigures = { orders, steps: orders * SEQUENCE.steps.length, plan: [] };
  const docs = documents(orders, 'b');
  const log = (text: string) => process.stderr.write(`bench: ${text}\n`);

  // The embedded store.
  const dir = await mkdtemp(join(tmpdir(), 'bench-store-'));
  try {
    const embedded = sequencerOn({ ledgerDir: dir });
    await embedded.store();
    log(`planning ${orders} orders into the embedded store…`);
    const planned = await measured(() => embedded.enqueue(docs, { release: false }));
    figures.plan.push({ backend: 'embedded PGlite', seconds: planned.seconds, peakRssMb: planned.peakRssMb });
    log(
      `planned into the embedded store in ${planned.seconds.toFixed(1)} s, peak RSS ${Math.round(planned.peakRssMb)} MB`,
    );
    await embedded.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const server = await serverUrl();
  if (!server) {
    figures.skipped = `no Postgres server (set DATABASE_URL, or run one at ${DEFAULT_SERVER})`;
    return figures;
  }
  process.env.RESEND_BASE_URL = '';
  await withDatabase(server, async (url) => {
    const fake = await FakeResend.start({ apiKey: KEY, lean: true });
    process.env.RESEND_BASE_URL = fake.url;
    const sequencer = sequencerOn({ databaseUrl: url });
    try {
      await sequencer.store();
      log(`planning ${orders} orders into Postgres…`);
      const planned = await measured(() => sequencer.enqueue(docs, { release: false }));
      figures.plan.push({ backend: 'Postgres', seconds: planned.seconds, peakRssMb: planned.peakRssMb });
      log(
        `planned into Postgres in ${planned.seconds.toFixed(1)} s, peak RSS ${Math.round(planned.peakRssMb)} MB`,
      );
      log(`releasing ${figures.steps} emails through the fake Resend (no rate limit)…`);
      const released = await measured(() => sequencer.work({ once: true }));
      figures.release = {
        emails: fake.emails.length,
        seconds: released.seconds,
        perSecond: fake.emails.length / released.seconds,
        requests: released.value.requests,
        peakRssMb: released.peakRssMb,
      };
      log(
        `released ${fake.emails.length} emails in ${released.seconds.toFixed(1)} s, peak RSS ${Math.round(released.peakRssMb)} MB`,
      );
    } finally {
      await sequencer.close();
      await fake.close();
    }
  });
  await withDatabase(server, async (url) => {
    const limit = 5;
    const fake = await FakeResend.start({
      apiKey: KEY,
      lean: true,
      rateLimit: { limit, windowMs: 1000, retryAfter: '1' },
    });
    process.env.RESEND_BASE_URL = fake.url;
    // Unset rate: the sender follows the limit the fake advertises in `ratelimit-limit`.
    const sequencer = sequencerOn({ databaseUrl: url });
    try {
      await sequencer.enqueue(documents(limitedOrders, 'r'), { release: false });
      log(
        `releasing ${limitedOrders * SEQUENCE.steps.length} emails through the fake limited to ${limit} requests/s…`,
      );
      const released = await measured(() => sequencer.work({ once: true }));
      figures.limited = {
        emails: fake.emails.length,
        seconds: released.seconds,
        perSecond: fake.emails.length / released.seconds,
        requests: released.value.requests,
        limit,
      };
    } finally {
      await sequencer.close();
      await fake.close();
    }
  });
  return figures;
}

export type StoreTarget = { name: string; target: string; measured: string; pass: boolean };

export function storeTargets(f: StoreFigures): StoreTarget[] {
  const targets: StoreTarget[] = [];
  if (f.release)
    targets.push(
      {
        name: `live: ${f.release.emails.toLocaleString('en')} emails released on Postgres, render included`,
        target: `≤ ${STORE_TARGETS.releaseSeconds} s`,
        measured: `${f.release.seconds.toFixed(1)} s (${Math.round(f.release.perSecond)}/s)`,
        pass: f.release.emails === f.steps && f.release.seconds <= STORE_TARGETS.releaseSeconds,
      },
      {
        name: 'live: peak memory of the release',
        target: '< 1 GB',
        measured: `${Math.round(f.release.peakRssMb)} MB`,
        pass: f.release.peakRssMb * 2 ** 20 < STORE_TARGETS.peakBytes,
      },
    );
  if (f.limited)
    targets.push({
      name: `live: sustained rate, fake limited to ${f.limited.limit} requests/s`,
      target: `≥ ${STORE_TARGETS.limitedEmailsPerSecond} emails/s`,
      measured: `${Math.round(f.limited.perSecond)} emails/s (${f.limited.requests} requests)`,
      pass: f.limited.perSecond >= STORE_TARGETS.limitedEmailsPerSecond,
    });
  return targets;
}

export function storeReport(f: StoreFigures): string {
  const lines = [
    '| live engine | orders × steps | time | peak RSS |',
    '| --- | ---: | ---: | ---: |',
    ...f.plan.map(
      (p) =>
        `| plan into the store (${p.backend}) | ${f.orders.toLocaleString('en')} × 7 | ${p.seconds.toFixed(1)} s | ${Math.round(p.peakRssMb)} MB |`,
    ),
  ];
  if (f.release)
    lines.push(
      `| release through the fake Resend, no limit (Postgres) | ${f.release.emails.toLocaleString('en')} emails, ${f.release.requests} requests | ${f.release.seconds.toFixed(1)} s (${Math.round(f.release.perSecond)}/s) | ${Math.round(f.release.peakRssMb)} MB |`,
    );
  if (f.limited)
    lines.push(
      `| release, fake limited to ${f.limited.limit} requests/s (Postgres) | ${f.limited.emails.toLocaleString('en')} emails, ${f.limited.requests} requests | ${f.limited.seconds.toFixed(1)} s (${Math.round(f.limited.perSecond)}/s) | |`,
    );
  if (f.skipped) lines.push('', `_Postgres figures skipped: ${f.skipped}_`);
  const targets = storeTargets(f);
  if (targets.length)
    lines.push(
      '',
      '| target | goal | measured |  |',
      '| --- | ---: | ---: | ---: |',
      ...targets.map((t) => `| ${t.name} | ${t.target} | ${t.measured} | ${t.pass ? 'PASS' : 'FAIL'} |`),
    );
  return lines.join('\n');
}

const STORE_FLAGS = ['--no-store', '--store-only', '--store-orders'];

/**
 * `npm run bench`'s arguments → [the render benchmark's, this one's]: `--no-store`, `--store-only` and
 * `--store-orders N` are this part's alone; `--quick` goes to both.
 */
export function splitStoreArgs(argv: readonly string[]): [string[], string[]] {
  const bench: string[] = [];
  const store: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (STORE_FLAGS.includes(arg)) {
      store.push(arg);
      if (arg === '--store-orders' && argv[i + 1] !== undefined) store.push(argv[++i] ?? '');
    } else {
      bench.push(arg);
      if (arg === '--quick') store.push(arg);
    }
  }
  return [bench, store];
}

/** `npm run bench`'s live-engine part: prints its tables; returns 1 when a target fails. */
export async function runStoreBench(argv: readonly string[]): Promise<0 | 1> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean' },
      'no-store': { type: 'boolean' },
      'store-only': { type: 'boolean' },
      'store-orders': { type: 'string' },
    },
  });
  if (values['no-store']) return 0;
  const orders = Number(values['store-orders'] ?? (values.quick ? 1000 : 10_000));
  if (!Number.isInteger(orders) || orders < 1)
    throw new Error(`--store-orders ${values['store-orders']}: expected an integer ≥ 1`);
  const figures = await measureStore(orders, values.quick ? 200 : 1300);
  process.stdout.write(`\n${storeReport(figures)}\n`);
  return storeTargets(figures).every((t) => t.pass) ? 0 : 1;
}
