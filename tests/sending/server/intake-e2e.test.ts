/**
 * `serve` as a real process while Resend hangs, and (on Postgres) while the database goes away: an order posted
 * during a Resend outage is answered at once, committed, and its confirmation goes out exactly once when Resend
 * answers again; while the store cannot be reached every route answers 503 with Retry-After, and afterwards
 * the server serves as before. Real processes, so only in test:full and in CI's Postgres run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepStatus } from '../../../sending/sequencer';
import { createDatabase, SERVER_URL, type TestDatabase } from '../../support/databases';
import { FakeResend } from '../../support/fake-resend';
import { FULL } from '../../support/matrix';
import { seoulOrderNow } from '../../support/send-fixtures';
import { type RunningServe, startServe } from '../../support/serve';
import { until } from '../../support/until';

const KEY = 're_intake_e2e_key';
const TOKEN = 'intake-e2e-hang-token';
const RUN = FULL || SERVER_URL !== undefined;

/** A TCP proxy in front of Postgres that can be cut (the database "goes away") and restored on the same port. */
class CuttableProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: URL) {}
  async start(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(Number(this.target.port || 5432), this.target.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
  }
  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    this.server = undefined;
  }
}

let fake: FakeResend;
let dir: string;
let database: TestDatabase | undefined;
let proxy: CuttableProxy | undefined;
let serve: RunningServe;
let base = '';

beforeAll(async () => {
  if (!RUN) return;
  fake = await FakeResend.start({ apiKey: KEY });
  dir = await mkdtemp(join(tmpdir(), 'intake-e2e-'));
  database = SERVER_URL ? await createDatabase('intake_e2e') : undefined;
  let databaseUrl: string | undefined;
  if (database) {
    proxy = new CuttableProxy(new URL(database.url));
    await proxy.start();
    const url = new URL(database.url);
    url.host = `127.0.0.1:${proxy.port}`;
    databaseUrl = url.toString();
  }
  serve = await startServe({
    ledger: dir,
    env: {
      RESEND_API_KEY: KEY,
      RESEND_BASE_URL: fake.url,
      EMAIL_FROM: 'Hanok Goods <orders@hanok.example>',
      UNSUBSCRIBE_SECRET: 'intake-e2e-unsubscribe-secret',
      INTAKE_TOKEN: TOKEN,
      // A hanging request is given up after 20 s and tried again (under the same key) soon after: intake that
      // waited on Resend would take at least that long.
      SEND_TIMEOUT_MS: '20000',
      SEND_MAX_ATTEMPTS: '2',
      SEND_BACKOFF_MS: '50',
      SEND_MAX_BACKOFF_MS: '200',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
  });
  base = serve.url;
}, 120_000);

afterAll(async () => {
  await serve?.kill();
  await proxy?.cut().catch(() => {});
  await database?.drop();
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const post = (path: string, body: unknown) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function status(query: string): Promise<StepStatus[]> {
  const res = await fetch(`${base}/status?${query}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { steps: StepStatus[] }).steps;
}

const confirmationsTo = (address: string) =>
  fake.emails.filter(
    (e) =>
      String(e.body.to) === address &&
      (e.body.tags as { name: string; value: string }[]).some(
        (t) => t.name === 'template' && t.value === 'order-confirmation',
      ),
  ).length;

describe.runIf(RUN)('serve while Resend hangs', () => {
  it('answers each order at once, and sends its confirmation once when Resend is back', async () => {
    // Warm: the first order loads what planning needs.
    expect((await post('/orders', seoulOrderNow('hang-warm', 'hang-warm@example.com'))).status).toBe(200);
    await until('the first confirmation is at Resend', () => confirmationsTo('hang-warm@example.com') === 1, {
      timeoutMs: 30_000,
      log: serve.log,
    });
    fake.faultFor = () => 'hang';
    const accepted = fake.emails.length;
    const ids = Array.from({ length: 10 }, (_, i) => `hang-${i}`);
    const times = await Promise.all(
      ids.map(async (id) => {
        const started = performance.now();
        const res = await post('/orders', seoulOrderNow(id, `${id}@example.com`));
        expect(res.status, await res.clone().text()).toBe(200);
        return performance.now() - started;
      }),
    );
    // Committed and answered without waiting on Resend, whose requests hang until given up after 20 s. (The
    // embedded store plans one order at a time on one connection, in the server's own process: slower.)
    expect(Math.max(...times)).toBeLessThan(SERVER_URL ? 3000 : 10_000);
    for (const id of ids) expect((await status(`order=${id}`)).length).toBeGreaterThan(0);
    expect(fake.emails.length).toBe(accepted);
    fake.faultFor = undefined;
    await until(
      'every confirmation is at Resend once it answers again',
      () => ids.every((id) => confirmationsTo(`${id}@example.com`) >= 1),
      { timeoutMs: 60_000, log: serve.log },
    );
    // Given time to send anything twice, it does not.
    await new Promise((r) => setTimeout(r, 2000));
    for (const id of ids) expect(confirmationsTo(`${id}@example.com`)).toBe(1);
  }, 120_000);
});

describe.runIf(RUN && SERVER_URL !== undefined)('serve while Postgres is unreachable', () => {
  it('answers 503 with Retry-After on every route, then serves again', async () => {
    await proxy?.cut();
    try {
      if (!serve.running()) throw new Error(`serve exited:\n${serve.log()}`);
      const responses = [
        await post('/orders', seoulOrderNow('outage-1', 'outage-1@example.com')),
        await fetch(`${base}/status?order=outage-1`, { headers: { authorization: `Bearer ${TOKEN}` } }),
        await post('/events', { type: 'order-cancelled', orderId: 'outage-0' }),
      ];
      for (const res of responses) {
        expect(res.status, await res.clone().text()).toBe(503);
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      }
    } finally {
      await proxy?.start();
    }
    await until(
      'an order is taken again',
      async () => (await post('/orders', seoulOrderNow('outage-2', 'outage-2@example.com'))).status === 200,
      { timeoutMs: 30_000, log: serve.log },
    );
    expect((await status('order=outage-2')).length).toBeGreaterThan(0);
    expect(serve.log()).not.toMatch(/internal error/);
  }, 90_000);
});
