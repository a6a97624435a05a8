/**
 * `serve` as a real process while Resend hangs, and (on Postgres) while the database goes away: an order posted
 * during a Resend outage is answered at once, committed, and its confirmation goes out exactly once when Resend
 * answers again; while the store cannot be reached every route answers 503 with Retry-After, and afterwards
 * the server serves as before. Real processes, so only in test:full and in CI's Postgres run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepStatus } from '../../../sending/sequencer';
import { createDatabase, SERVER_URL, type TestDatabase } from '../../support/databases';
import { FakeResend } from '../../support/fake-resend';
import { FULL } from '../../support/matrix';
import { seoul } from '../../support/send-fixtures';

const KEY = 're_intake_e2e_key';
const TOKEN = 'intake-e2e-hang-token';
const ROOT = new URL('../../..', import.meta.url).pathname;
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
let child: ChildProcess;
let base = '';
let logs = '';

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
  child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/serve.ts', '--port', '0', '--host', '127.0.0.1', '--ledger', dir],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
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
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stderr?.on('data', (d) => {
    logs += String(d);
  });
  base = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
      logs += String(d);
      const m = /serving on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${logs}`)));
  });
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await proxy?.cut().catch(() => {});
  await database?.drop();
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function order(id: string, email: string) {
  const { shipment: _none, ...rest } = seoul;
  return {
    ...rest,
    customer: { ...rest.customer, email },
    order: { ...rest.order, id, placedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z') },
  };
}

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

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`not reached within ${timeoutMs} ms\n${logs.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
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
    expect((await post('/orders', order('hang-warm', 'hang-warm@example.com'))).status).toBe(200);
    await until(() => confirmationsTo('hang-warm@example.com') === 1);
    fake.faultFor = () => 'hang';
    const accepted = fake.emails.length;
    const ids = Array.from({ length: 10 }, (_, i) => `hang-${i}`);
    const times = await Promise.all(
      ids.map(async (id) => {
        const started = performance.now();
        const res = await post('/orders', order(id, `${id}@example.com`));
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
    await until(() => ids.every((id) => confirmationsTo(`${id}@example.com`) >= 1), 60_000);
    // Given time to send anything twice, it does not.
    await new Promise((r) => setTimeout(r, 2000));
    for (const id of ids) expect(confirmationsTo(`${id}@example.com`)).toBe(1);
  }, 120_000);
});

describe.runIf(RUN && SERVER_URL !== undefined)('serve while Postgres is unreachable', () => {
  it('answers 503 with Retry-After on every route, then serves again', async () => {
    await proxy?.cut();
    try {
      if (child.exitCode !== null) throw new Error(`serve exited:\n${logs}`);
      const responses = [
        await post('/orders', order('outage-1', 'outage-1@example.com')),
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
      async () => (await post('/orders', order('outage-2', 'outage-2@example.com'))).status === 200,
    );
    expect((await status('order=outage-2')).length).toBeGreaterThan(0);
    expect(logs).not.toMatch(/internal error/);
  }, 90_000);
});
