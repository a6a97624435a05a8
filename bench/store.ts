/**
 * The live engine's figures (part of `npm run bench`; `--no-store` skips them, `--quick` shrinks them), each backend in
 * a store of its own, side by side in one run:
 * - planning 10,000 orders × 7 steps (steps and their queue jobs) into Postgres (`DATABASE_URL`, else
 *   postgres://postgres@127.0.0.1:5432/test if a server answers there) and into the embedded PGlite: time, peak memory;
 * - releasing all 70,000 through the fake Resend with no rate limit, rendering included, on each (bench/store-targets.ts);
 * - on Postgres, with the fake limited to 5 requests/s, the sustained rate.
 * Each run plans and releases in a process of its own (bench/store-process.ts), as a shop's engine would: its peak
 * memory is that run's, not what an earlier run left in the heap. The fake runs in a child process too (its work is
 * Resend's, not the engine's). Each Postgres run gets a database of its own, dropped afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { OrderDocument } from '../core/order-document';
import { parseSequence } from '../sending/plan/sequence';
import { resendApi } from '../sending/provider/resend/api';
import { createSequencer, type Sequencer } from '../sending/sequencer';
import type { FakeResendOptions } from '../tests/support/fake-resend';
import { inOwnProcess, ROOT, startFakeResend } from './children';
import { orderFactory } from './orders';
import { everySent, storeTargets } from './store-targets';

const KEY = 're_bench_key';
const SECRET = 'bench-secret';
const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Seven steps that all apply to every bench order (returning customers, every part present). Every order was
 * placed long ago, so all seven of its steps are due at once: with the default frequency rules the worker would
 * rightly defer an order's marketing steps from one another (72 h apart, and out of the customer's quiet hours),
 * and the release would measure waiting. The bench sequence turns both rules off (each order also has an address
 * of its own); the rules are still evaluated for every marketing step, under its address's advisory lock.
 */
const SEQUENCE = parseSequence({
  name: 'bench',
  minGapHours: 0,
  quietHours: false,
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

export type PlanFigures = { backend: string; seconds: number; peakRssMb: number };
export type ReleaseFigures = {
  backend: string;
  emails: number;
  seconds: number;
  perSecond: number;
  /** CPU time of this process (the engine: claims, rendering, requests) while releasing. */
  cpuSeconds: number;
  requests: number;
  /**
   * Emails per second from the first accepted batch to the last (the steady state, without the first claim and
   * render, and the first requests the sender paces at 2/s until the fake's `ratelimit-limit` is known).
   */
  sustainedPerSecond: number;
  /** Steps the engine did not hand over (skipped, deferred, failed): 0 in a sound run. */
  notSent: number;
  peakRssMb: number;
};

export type StoreFigures = {
  orders: number;
  steps: number;
  plan: PlanFigures[];
  release: ReleaseFigures[];
  limited?: ReleaseFigures & { limit: number; limitedOrders: number };
  skipped?: string;
};

/** Peak RSS while `run` runs, sampled every 50 ms, and this process's CPU time. */
async function measured<T>(
  run: () => Promise<T>,
): Promise<{ value: T; seconds: number; cpuSeconds: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const cpu = process.cpuUsage();
  const start = performance.now();
  try {
    const value = await run();
    peak = Math.max(peak, process.memoryUsage().rss);
    const used = process.cpuUsage(cpu);
    return {
      value,
      seconds: (performance.now() - start) / 1000,
      cpuSeconds: (used.user + used.system) / 1e6,
      peakRssMb: peak / 2 ** 20,
    };
  } finally {
    clearInterval(timer);
  }
}

function documents(count: number, prefix: string): OrderDocument[] {
  const make = orderFactory(join(ROOT, 'emails/_samples'));
  return Array.from({ length: count }, (_, i) => {
    const doc = make(i, 1 + (i % 4)) as unknown as OrderDocument;
    // Placed long ago: every step is due, so the release measures sending, not waiting. An address per order,
    // and consent to night-time advertising: between 21:00 and 08:00 in Seoul the law would otherwise rightly
    // plan the Korean orders' marketing for the morning, and the figures would depend on the hour of the run.
    return {
      ...doc,
      customer: {
        ...doc.customer,
        email: `${prefix}${i}@example.com`,
        ordersCount: 2,
        consents: { night: true },
      },
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

async function withEmbedded<T>(run: (target: { ledgerDir: string }) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-store-'));
  try {
    return await run({ ledgerDir: dir });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function sequencerOn(target: { databaseUrl: string } | { ledgerDir: string }): Sequencer {
  return createSequencer({
    ...target,
    api: resendApi(KEY),
    from: 'Bench Shop <orders@bench.example>',
    sequence: SEQUENCE,
    unsubscribeSecret: SECRET,
    // Unset rate: the sender follows the limit the fake advertises in `ratelimit-limit`.
    sender: { timeoutMs: 60_000 },
    // The engine's default lanes (four): the bench measures what a shop runs.
  });
}

const log = (text: string) => process.stderr.write(`bench: ${text}\n`);

/**
 * Plans `count` orders into a new store on `target`, then releases every step through a fake. The documents are
 * made just before planning and dropped after it: the release's memory is the engine's, not the bench's input.
 */
export async function planAndRelease(
  backend: string,
  target: { databaseUrl: string } | { ledgerDir: string },
  count: number,
  prefix: string,
  fakeOptions: FakeResendOptions,
): Promise<{ plan: PlanFigures; release: ReleaseFigures }> {
  const fake = await startFakeResend({ apiKey: KEY, lean: true, ...fakeOptions });
  process.env.RESEND_BASE_URL = fake.url;
  const sequencer = sequencerOn(target);
  try {
    await sequencer.store();
    log(`${backend}: planning ${count} orders…`);
    const planned = await measured(() => sequencer.enqueue(documents(count, prefix), { release: false }));
    const plan = { backend, seconds: planned.seconds, peakRssMb: planned.peakRssMb };
    log(`${backend}: planned in ${plan.seconds.toFixed(1)} s, peak RSS ${Math.round(plan.peakRssMb)} MB`);
    const steps = count * SEQUENCE.steps.length;
    log(`${backend}: releasing ${steps} emails through the fake Resend…`);
    const progress: { at: number; sent: number }[] = [];
    const released = await measured(() =>
      sequencer.work({
        once: true,
        onProgress: (r) => {
          const last = progress.at(-1);
          if (r.sent !== last?.sent) progress.push({ at: performance.now(), sent: r.sent });
        },
      }),
    );
    const first = progress[0];
    const last = progress.at(-1);
    const { emails } = await fake.stats();
    const report = released.value;
    const release: ReleaseFigures = {
      backend,
      emails,
      seconds: released.seconds,
      perSecond: emails / released.seconds,
      cpuSeconds: released.cpuSeconds,
      requests: report.requests,
      sustainedPerSecond:
        first && last && last.at > first.at ? ((last.sent - first.sent) * 1000) / (last.at - first.at) : 0,
      notSent: steps - report.sent,
      peakRssMb: released.peakRssMb,
    };
    log(
      `${backend}: released ${emails} emails in ${release.seconds.toFixed(1)} s (${Math.round(release.perSecond)}/s, sustained ${Math.round(release.sustainedPerSecond)}/s, ${release.cpuSeconds.toFixed(1)} s CPU), ${report.skipped} skipped, ${report.deferred} deferred, ${report.failed.length} failed${report.stopped ? `, stopped: ${report.stopped}` : ''}`,
    );
    return { plan, release };
  } finally {
    await sequencer.close();
    await fake.close();
    process.env.RESEND_BASE_URL = '';
  }
}

export async function measureStore(orders: number, limitedOrders: number): Promise<StoreFigures> {
  const figures: StoreFigures = { orders, steps: orders * SEQUENCE.steps.length, plan: [], release: [] };
  const record = ({ plan, release }: { plan: PlanFigures; release: ReleaseFigures }) => {
    figures.plan.push(plan);
    figures.release.push(release);
  };
  const server = await serverUrl();
  if (server) {
    record(
      await withDatabase(server, (url) =>
        inOwnProcess({
          backend: 'Postgres',
          target: { databaseUrl: url },
          count: orders,
          prefix: 'b',
          fakeOptions: {},
        }),
      ),
    );
    const limit = 5;
    const limited = await withDatabase(server, (url) =>
      inOwnProcess({
        backend: 'Postgres, 5 requests/s',
        target: { databaseUrl: url },
        count: limitedOrders,
        prefix: 'r',
        fakeOptions: { rateLimit: { limit, windowMs: 1000, retryAfter: '1' } },
      }),
    );
    figures.limited = { ...limited.release, limit, limitedOrders };
  } else figures.skipped = `no Postgres server (set DATABASE_URL, or run one at ${DEFAULT_SERVER})`;
  record(
    await withEmbedded((target) =>
      inOwnProcess({ backend: 'embedded PGlite', target, count: orders, prefix: 'b', fakeOptions: {} }),
    ),
  );
  return figures;
}

export function storeReport(f: StoreFigures): string {
  const n = `${f.orders.toLocaleString('en')} × ${SEQUENCE.steps.length}`;
  const lines = [
    '| live engine | orders × steps | time | emails/s (sustained) | engine CPU | peak RSS |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...f.plan.map(
      (p) =>
        `| plan into the store (${p.backend}) | ${n} | ${p.seconds.toFixed(1)} s | | | ${Math.round(p.peakRssMb)} MB |`,
    ),
    ...[...f.release, ...(f.limited ? [f.limited] : [])].map(
      (r) =>
        `| release through the fake Resend (${r.backend}) | ${r.emails.toLocaleString('en')} emails, ${r.requests} requests | ${r.seconds.toFixed(1)} s | ${Math.round(r.perSecond)} (${Math.round(r.sustainedPerSecond)}) | ${r.cpuSeconds.toFixed(1)} s | ${Math.round(r.peakRssMb)} MB |`,
    ),
  ];
  if (f.skipped) lines.push('', `_Postgres figures skipped: ${f.skipped}_`);
  const targets = storeTargets(f, SEQUENCE.steps.length);
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
  // `--quick` is a smoke run (CI's): a tenth of the orders on a shared machine says nothing about the
  // time and memory targets, which the full run judges; it fails only when an email was not sent.
  if (values.quick) return everySent(figures, SEQUENCE.steps.length) ? 0 : 1;
  return storeTargets(figures, SEQUENCE.steps.length).every((t) => t.pass) ? 0 : 1;
}
