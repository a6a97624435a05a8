/**
 * What a shop does with the package (`npm run test:full`; the registry is needed, for the dependencies): `npm pack`
 * (whose `prepare` builds dist/), `npm install --omit=dev <tarball>` into an empty project — no TypeScript loader,
 * no dev dependency — then `npx post-purchase-emails serve` as a process manager runs it: an order posted,
 * `/healthz` read, SIGTERM sent to the bin's own process (the pid it logs). It must exit 0 well within 30 s,
 * free its port, and a second start must find the order's steps in the store: nothing lost.
 *
 * And `npm ci --omit=dev` in the repository itself succeeds (prepare skips the build it has no tools for).
 * On the embedded store always; on Postgres when DATABASE_URL is set — in a database of its own, and in one
 * that already holds a shop's `public.orders` table.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleDocuments } from '../../emails/_samples';
import { createDatabase, SERVER_URL, type TestDatabase } from '../support/databases';
import { FakeResend } from '../support/fake-resend';
import { FULL } from '../support/matrix';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const KEY = 're_package_install_key';
const TOKEN = 'package-install-intake-token';

/** The environment a process manager gives: nothing of this shell's but PATH and HOME. */
function serverEnv(fake: FakeResend, databaseUrl: string | undefined): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    INTAKE_TOKEN: TOKEN,
    UNSUBSCRIBE_SECRET: 'package-install-unsubscribe-secret',
    RESEND_API_KEY: KEY,
    RESEND_BASE_URL: fake.url,
    EMAIL_FROM: 'Northwind Supply <orders@northwind.example>',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
}

type Running = Readonly<{
  child: ChildProcess;
  url: string;
  port: number;
  pid: number;
  output: () => string;
}>;

/** Starts `npx post-purchase-emails serve` in the installed project; resolves once it says where it listens. */
async function start(app: string, ledger: string, env: NodeJS.ProcessEnv): Promise<Running> {
  const child = spawn(
    'npx',
    ['--no-install', 'post-purchase-emails', 'serve', '--port', '0', '--ledger', ledger],
    {
      cwd: app,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  return new Promise((done, fail) => {
    child.stdout?.on('data', (d) => {
      output += String(d);
      const m = /serving on (http:\/\/127\.0\.0\.1:(\d+)) \(pid (\d+);/.exec(output);
      if (m?.[1] && m[2] && m[3])
        done({ child, url: m[1], port: Number(m[2]), pid: Number(m[3]), output: () => output });
    });
    child.once('exit', (code) => fail(new Error(`serve exited with ${code} before listening:\n${output}`)));
  });
}

/** SIGTERM to the bin's own process (not npx's): resolves with npx's exit code and how long the stop took. */
async function stop(server: Running): Promise<{ code: number | null; ms: number }> {
  const began = Date.now();
  const exited = new Promise<number | null>((done) => {
    if (server.child.exitCode !== null) done(server.child.exitCode);
    else server.child.once('exit', (code) => done(code));
  });
  process.kill(server.pid, 'SIGTERM');
  const code = await exited;
  return { code, ms: Date.now() - began };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

function order(id: string) {
  const sample = sampleDocuments['en-usd'];
  const { shipment: _none, ...rest } = sample;
  return {
    ...rest,
    customer: { ...rest.customer, email: `${id}@example.com` },
    order: { ...rest.order, id, placedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z') },
  };
}

const authorized = { authorization: `Bearer ${TOKEN}` };

async function stepsOf(url: string, orderId: string): Promise<{ template: string; state: string }[]> {
  const res = await fetch(`${url}/status?order=${orderId}`, { headers: authorized });
  expect(res.status).toBe(200);
  return ((await res.json()) as { steps: { template: string; state: string }[] }).steps;
}

describe.runIf(FULL)('the packed package, installed without dev dependencies', () => {
  let dir: string;
  let app: string;
  let fake: FakeResend;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'package-install-'));
    const packed = join(dir, 'packed');
    await mkdir(packed);
    // `npm pack` runs `prepare`, which builds dist/ here (the tools are installed in a checkout).
    await run('npm', ['pack', '--pack-destination', packed], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    const [tarball] = await readdir(packed);
    if (!tarball) throw new Error('npm pack wrote no tarball');
    app = join(dir, 'shop');
    await mkdir(app);
    await writeFile(
      join(app, 'package.json'),
      JSON.stringify({ name: 'shop', private: true, type: 'module' }),
    );
    await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', join(packed, tarball)], {
      cwd: app,
      maxBuffer: 16 * 1024 * 1024,
    });
    fake = await FakeResend.start({ apiKey: KEY });
  }, 600_000);

  afterAll(async () => {
    await fake?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('holds no TypeScript loader nor dev dependency, and React once, as a peer', async () => {
    const installed = await readdir(join(app, 'node_modules'));
    for (const devOnly of ['tsx', 'typescript', 'vitest', 'esbuild-register', '@biomejs'])
      expect(installed).not.toContain(devOnly);
    expect(installed).toContain('react');
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const root = await import('post-purchase-emails');
       const sending = await import('post-purchase-emails/sending');
       const { createRequire } = await import('node:module');
       const schema = createRequire(import.meta.url)('post-purchase-emails/order-document.schema.json');
       process.stdout.write(JSON.stringify({
         samples: Object.keys(root.samples),
         exports: ['createApp', 'serveApp', 'createUnsubscribeHandler', 'createResendWebhookHandler',
           'createShopifyWebhookHandler', 'UnsubscribeSecretMissing', 'SequencerOptionsError', 'InvalidOrdersError']
           .filter((name) => typeof sending[name] === 'function'),
         schema: schema.$schema,
       }));`,
      ],
      { cwd: app },
    );
    expect(JSON.parse(stdout)).toEqual({
      samples: ['ko-krw', 'en-usd', 'zh-cny'],
      exports: [
        'createApp',
        'serveApp',
        'createUnsubscribeHandler',
        'createResendWebhookHandler',
        'createShopifyWebhookHandler',
        'UnsubscribeSecretMissing',
        'SequencerOptionsError',
        'InvalidOrdersError',
      ],
      schema: 'https://json-schema.org/draft/2020-12/schema',
    });
  });

  it('lets `npm ci --omit=dev` succeed in the repository: prepare skips the build it cannot do, saying so', async () => {
    const checkout = join(dir, 'checkout');
    await mkdir(join(checkout, 'scripts'), { recursive: true });
    for (const file of ['package.json', 'package-lock.json', 'scripts/prepare.mjs'])
      await writeFile(join(checkout, file), await readFile(join(ROOT, file)));
    const { stderr } = await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], {
      cwd: checkout,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stderr).toMatch(
      /prepare: not building dist\/ \([^)]*\btsx\b[^)]*not installed: a production install\)/,
    );
    const installed = await readdir(join(checkout, 'node_modules'));
    expect(installed).toContain('pg-boss');
    expect(installed).not.toContain('tsx');
  }, 300_000);

  it('renders an email with the bin', async () => {
    const data = join(dir, 'order.json');
    await writeFile(data, JSON.stringify(sampleDocuments['en-usd']));
    const { stdout } = await run(
      'npx',
      [
        '--no-install',
        'post-purchase-emails',
        'render',
        'order-confirmation',
        '--data',
        data,
        '--format',
        'json',
      ],
      { cwd: app, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
    );
    expect((JSON.parse(stdout) as { subject: string }).subject).toMatch(/^Order #\S+ confirmed$/);
  });

  type Store = Readonly<{ url?: string; drop?: () => Promise<void> }>;
  const stores: (readonly [string, string, () => Promise<Store>])[] = [
    ['the embedded store', 'embedded', async () => ({})],
    ...(SERVER_URL
      ? ([
          ['Postgres, a database of its own', 'postgres', async () => createDatabase('package_install')],
          [
            "Postgres, a shop's database that already has a public.orders table",
            'postgres-shop',
            async () => {
              const database: TestDatabase = await createDatabase('package_install_shop');
              const client = new pg.Client({ connectionString: database.url });
              await client.connect();
              try {
                await client.query(
                  'CREATE TABLE public.orders (id bigserial PRIMARY KEY, total integer NOT NULL)',
                );
                await client.query('INSERT INTO public.orders (total) VALUES (4200)');
              } finally {
                await client.end();
              }
              return database;
            },
          ],
        ] as const)
      : []),
  ];

  it.each(stores)(
    'serves on %s, stops on SIGTERM with exit 0, and loses nothing',
    async (_name, key, open) => {
      const database = await open();
      const ledger = join(dir, `ledger-${key}`);
      const env = serverEnv(fake, database.url);
      try {
        const first = await start(app, ledger, env);
        expect(first.output()).toContain(`serving on http://127.0.0.1:${first.port}`);
        const id = `pkg-${key}-${first.port}`;
        const posted = await fetch(`${first.url}/orders`, {
          method: 'POST',
          headers: { ...authorized, 'content-type': 'application/json' },
          body: JSON.stringify(order(id)),
        });
        expect(posted.status).toBe(200);
        const health = await fetch(`${first.url}/healthz`);
        expect(health.status).toBe(200);
        expect(await health.json()).toMatchObject({ ok: true });
        // Intake answers once the order is committed; the worker hands the confirmation to Resend a moment later.
        const before = await vi.waitFor(
          async () => {
            const steps = await stepsOf(first.url, id);
            expect(steps.find((s) => s.template === 'order-confirmation')?.state).toMatch(
              /^(sent|scheduled)$/,
            );
            return steps;
          },
          { timeout: 20_000, interval: 200 },
        );
        expect(before.length).toBeGreaterThan(1);

        const stopped = await stop(first);
        expect(stopped.code).toBe(0);
        expect(stopped.ms).toBeLessThan(30_000);
        expect(first.output()).toMatch(/"event":"stop"[^\n]*\n(?:[^\n]*\n)*[^\n]*"event":"stopped"/);
        expect(await portIsFree(first.port)).toBe(true);

        const second = await start(app, ledger, env);
        try {
          const after = await stepsOf(second.url, id);
          expect(after.map((s) => s.template)).toEqual(before.map((s) => s.template));
        } finally {
          expect((await stop(second)).code).toBe(0);
        }
      } finally {
        await database.drop?.();
      }
    },
    120_000,
  );
});
