/**
 * `npm run bench:intake [-- --rounds N] [--json <file>]`: how long `POST /orders` takes, at 30 and 50 clients
 * posting at once, against a real `serve` process (its store on Postgres with DATABASE_URL — a database of its
 * own, dropped afterwards — else the embedded one) with the worker inside, while the fake Resend answers
 * normally and while it hangs (every answer held for ten minutes). Intake only commits the order and its jobs,
 * so the figures should not move when Resend does.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { americanOrderData } from '../emails/_samples';
import { createScratchDatabase, type ScratchDatabase } from '../sending/store/scratch-database';
import type { FakeMessage } from './fake-resend-process';
import { ms, table } from './stats';

const ROOT = new URL('..', import.meta.url).pathname;
const KEY = 're_bench_intake';
const TOKEN = 'bench-intake-token';

const { values } = parseArgs({
  options: { rounds: { type: 'string' }, json: { type: 'string' } },
  strict: true,
});
const ROUNDS = Number(values.rounds ?? 4);

type Row = {
  /** The machine's one-minute load average when the row was measured (2 cores: above 2 is a queue). */
  load: number;
  resend: string;
  clients: number;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
};

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

async function startFake(responseDelayMs: number): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(
    join(ROOT, 'bench/fake-resend-process.ts'),
    [JSON.stringify({ apiKey: KEY, lean: true, responseDelayMs })],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.on('message', (m: FakeMessage) => {
      if (m.type === 'ready') resolve(m.url);
    });
    child.once('exit', (code) => reject(new Error(`the fake Resend exited with ${code}`)));
  });
  return { url, child };
}

async function createDatabase(): Promise<ScratchDatabase | undefined> {
  const server = process.env.DATABASE_URL?.trim();
  return server ? createScratchDatabase(server, 'bench_intake') : undefined;
}

async function startServe(resendUrl: string, dir: string, databaseUrl: string | undefined) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/serve.ts',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--ledger',
      join(dir, 'ledger'),
    ],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'production',
        RESEND_API_KEY: KEY,
        RESEND_BASE_URL: resendUrl,
        EMAIL_FROM: 'Bench Shop <orders@bench.example>',
        UNSUBSCRIBE_SECRET: 'bench-unsubscribe-secret',
        INTAKE_TOKEN: TOKEN,
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
      const m = /serving on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  return { url, child };
}

let sequence = 0;
function orderDocument(run: string) {
  sequence++;
  const id = `bench-${run}-${sequence}`;
  return {
    ...americanOrderData,
    customer: { ...americanOrderData.customer, email: `c${sequence}-${run}@example.com` },
    order: { ...americanOrderData.order, id, placedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z') },
  };
}

/** `clients` clients, each posting `rounds` orders one after another; every request's milliseconds. */
async function load(
  base: string,
  clients: number,
  run: string,
  rounds = ROUNDS,
): Promise<{ times: number[]; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let r = 0; r < rounds; r++) {
        const body = JSON.stringify(orderDocument(run));
        const started = performance.now();
        const response = await fetch(`${base}/orders`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(30_000),
        }).catch(() => undefined);
        await response?.arrayBuffer();
        times.push(performance.now() - started);
        if (response?.status !== 200) errors++;
      }
    }),
  );
  return { times, errors };
}

const rows: Row[] = [];
for (const [label, delay] of [
  ['answering', 0],
  ['hanging', 600_000],
] as const) {
  const fake = await startFake(delay);
  const dir = await mkdtemp(join(tmpdir(), 'bench-intake-'));
  const database = await createDatabase();
  const serve = await startServe(fake.url, dir, database?.url);
  try {
    // Warm up: the first requests load the templates and open connections.
    await load(serve.url, 5, `${label}-warm`);
    for (const clients of [1, 30, 50]) {
      // One client alone: what a request costs without waiting behind others (more of them, for percentiles).
      const rounds = clients === 1 ? ROUNDS * 10 : ROUNDS;
      const { times, errors } = await load(serve.url, clients, `${label}-${clients}`, rounds);
      const sorted = [...times].sort((a, b) => a - b);
      rows.push({
        load: loadavg()[0] ?? Number.NaN,
        resend: label,
        clients,
        requests: times.length,
        p50: quantile(sorted, 0.5),
        p95: quantile(sorted, 0.95),
        p99: quantile(sorted, 0.99),
        max: sorted[sorted.length - 1] ?? Number.NaN,
        errors,
      });
      process.stderr.write(`${label}, ${clients} clients: done\n`);
    }
  } finally {
    serve.child.kill('SIGKILL');
    fake.child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    await database?.drop().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}

const store = process.env.DATABASE_URL ? 'Postgres' : 'embedded PGlite';
process.stdout.write(
  `POST /orders latency (ms), serve on ${store}, ${ROUNDS} orders per client, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${new Date().toISOString().slice(0, 10)}\n\n${table(
    ['Resend', 'clients', 'requests', 'p50', 'p95', 'p99', 'max', 'errors', 'load'],
    rows.map((r) => [
      r.resend,
      String(r.clients),
      String(r.requests),
      ms(r.p50),
      ms(r.p95),
      ms(r.p99),
      ms(r.max),
      String(r.errors),
      r.load.toFixed(1),
    ]),
  )}\n`,
);
if (values.json)
  await writeFile(values.json, `${JSON.stringify({ store, rounds: ROUNDS, rows }, null, 2)}\n`);
