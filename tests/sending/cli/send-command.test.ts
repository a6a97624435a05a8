/**
 * The send command as a user runs it, against the fake Resend server on 127.0.0.1 (no network): exit codes, the
 * outbox, a crash mid-run, and the API key never showing up anywhere. Each command runs in-process through the
 * same `execute()` the script uses, with its own environment and its output captured; the crash (a SIGKILL
 * mid-batch) and the run that recovers from it are real processes (`node --import tsx scripts/send.ts …`), which
 * also covers the script's own wiring: exit codes, stdout and stderr.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execute } from '../../../core/cli';
import { templates } from '../../../emails';
import { runSendCommand } from '../../../sending/cli/send-command';
import { captured } from '../../support';
import { createDatabase, SERVER_URL, type TestDatabase } from '../../support/databases';
import { FakeResend } from '../../support/fake-resend';
import { FULL } from '../../support/matrix';
import { DAY_OFFSET_SEQUENCE_FILE } from '../../support/send-fixtures';

const ROOT = new URL('../../..', import.meta.url).pathname;
const SAMPLE = join(ROOT, 'emails/_samples/ko-krw.json');
const KEY = 're_cli_secret_key_5f1e2d3c4b5a';
const SECRET = 'cli-unsubscribe-secret';

type Result = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** Everything any run printed, to check the key never appears. */
const transcript: string[] = [];

/** A clean environment: nothing of the developer's (a real RESEND_API_KEY!) leaks into a test. */
const clean = (env: Record<string, string>) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  TMPDIR: tmpdir(),
  ...env,
});

/** The command in-process: the function the script calls, run by the same `execute()`, its output captured. */
async function cli(args: string[], env: Record<string, string> = {}): Promise<Result> {
  const { chunks, output } = captured();
  const code = await execute(
    () => runSendCommand(args, { out: output.stdout, err: output.stderr, env: clean(env) }),
    output,
  );
  transcript.push(chunks.stdout, chunks.stderr);
  return { code, signal: null, ...chunks };
}

/** The script as a real process. */
function spawned(
  args: string[],
  env: Record<string, string> = {},
  onSpawn?: (child: ChildProcess) => void,
): Promise<Result> {
  return new Promise((resolve, reject) => {
    // `node --import tsx` rather than the tsx binary, which runs the script in a grandchild that a SIGKILL would miss.
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/send.ts', ...args], {
      cwd: ROOT,
      env: clean(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      transcript.push(stdout, stderr);
      resolve({ code, signal, stdout, stderr });
    });
    onSpawn?.(child);
  });
}

let fake: FakeResend;
let work: string;

/** With DATABASE_URL (CI's second pass), the live runs share a database of this file's own on that server. */
let database: TestDatabase | undefined;

beforeAll(async () => {
  fake = await FakeResend.start({ apiKey: KEY });
  // The Resend SDK reads its base URL from the process's environment (a spawned run gets it from live()).
  process.env.RESEND_BASE_URL = fake.url;
  work = await mkdtemp(join(tmpdir(), 'send-cli-'));
  database = SERVER_URL ? await createDatabase('send_cli') : undefined;
});
afterAll(async () => {
  delete process.env.RESEND_BASE_URL;
  await database?.drop();
  await fake.close();
  await rm(work, { recursive: true, force: true });
});
beforeEach(() => {
  fake.faults.length = 0;
  fake.faultFor = undefined;
  fake.afterAccept = undefined;
});

const live = (extra: Record<string, string> = {}) => ({
  RESEND_API_KEY: KEY,
  RESEND_BASE_URL: fake.url,
  UNSUBSCRIBE_SECRET: SECRET,
  SEND_RATE_PER_SECOND: '0',
  SEND_TIMEOUT_MS: '15000',
  SEND_BACKOFF_MS: '5',
  SEND_MAX_BACKOFF_MS: '20',
  SEND_MAX_ATTEMPTS: '3',
  ...(database ? { DATABASE_URL: database.url } : {}),
  ...extra,
});

describe('send: bad input exits 2 with one clear line, before any request', () => {
  it('rejects bad flags, files, sequences and documents', async () => {
    const badSequence = join(work, 'bad-sequence.json');
    await writeFile(
      badSequence,
      JSON.stringify({ name: 'x', steps: [{ template: 'order-confirmation', day: -2 }] }),
    );
    const badDocument = join(work, 'bad-document.json');
    const sample = JSON.parse(await readFile(SAMPLE, 'utf8'));
    await writeFile(badDocument, JSON.stringify({ ...sample, order: { ...sample.order, total: 'lots' } }));
    // Every flag rule is tested in-process (tests/sending/cli/send-options.test.ts); here, one of each kind through the whole command.
    const cases: [string[], RegExp, Record<string, string>?][] = [
      [[], /^error: --data <file\.json> is required/],
      [['--data', SAMPLE, '--frobnicate'], /^error: Unknown option '--frobnicate'/],
      [
        ['--data', SAMPLE, '--sequence', badSequence],
        /^error: invalid sequence file .*bad-sequence\.json:\n {2}steps\[0\]\.day: must not be negative/,
      ],
      [['--data', badDocument], /^error: invalid order document:\n {2}order\.total: expected an integer/],
      [['--data', SAMPLE], /^error: a live send needs a sender: pass --from/, live()],
      [
        ['--data', SAMPLE, '--from', 'Shop <orders@shop.example>'],
        /^error: shop\.unsubscribeUrl contains \{token\}/,
        live({ UNSUBSCRIBE_SECRET: '' }),
      ],
    ];
    const before = fake.requests.length;
    const where = ['--out', join(work, 'never'), '--ledger', join(work, 'never-ledger')];
    // The first case once more as the script, a real process: its exit code and streams are the same.
    const [real, ...results] = await Promise.all([
      spawned(where),
      ...cases.map(([args, , env]) => cli([...args, ...where], env)),
    ]);
    expect(real?.code).toBe(2);
    expect(real?.stderr).toMatch(/^error: --data <file\.json> is required[^\n]*\n$/);
    expect(real?.stdout).toBe('');
    results.forEach((result, i) => {
      const [args, pattern] = cases[i] ?? [[], /$^/];
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(pattern);
      expect(result.stdout, args.join(' ')).toBe('');
    });
    for (const r of results.slice(0, 2)) expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    expect(fake.requests.length).toBe(before);
    await expect(readdir(join(work, 'never'))).rejects.toThrow();

    // An --out that cannot be a folder: named, exit 2, and nothing written.
    const file = join(work, 'a-file');
    await writeFile(file, 'not a folder');
    for (const out of [file, join(file, 'inside')]) {
      const result = await cli(['--data', SAMPLE, '--out', out], { UNSUBSCRIBE_SECRET: SECRET });
      expect(result.code, out).toBe(2);
      expect(result.stderr).toBe(`error: --out ${out}: ${file} is not a directory\n`);
    }
    expect(await readFile(file, 'utf8')).toBe('not a folder');

    // A command that only reads never creates a store: a mistyped --ledger is named instead.
    const typo = join(work, 'ledgre');
    // The embedded store's case (with DATABASE_URL, the server is the store and --ledger is ignored).
    const { DATABASE_URL: _server, ...embedded } = live();
    for (const command of [['status'], ['suppressions'], ['unsuppress', 'a@example.com']]) {
      const result = await cli([...command, '--ledger', typo], embedded);
      expect(result.code, command.join(' ')).toBe(2);
      expect(result.stderr).toBe(
        `error: --ledger ${typo}: no store there yet (nothing has been planned with it); check the path, or set DATABASE_URL\n`,
      );
    }
    await expect(readdir(typo)).rejects.toThrow();
  });
});

describe('send and signals', () => {
  // A real process and 1,500 orders: under `npm run test:full` (CI runs it).
  it.runIf(FULL)(
    'stops at once on Ctrl-C, exit 130, with nothing written (only the worker drains its batch)',
    async () => {
      const sample = JSON.parse(await readFile(SAMPLE, 'utf8'));
      const lines = Array.from({ length: 1500 }, (_, i) =>
        JSON.stringify({
          ...sample,
          customer: { ...sample.customer, email: `sig-${i}@example.com` },
          order: { ...sample.order, id: `sig-${i}` },
        }),
      );
      const data = join(work, 'signals.ndjson');
      await writeFile(data, `${lines.join('\n')}\n`);
      const out = join(work, 'signals-out');
      let killedAt = 0;
      const result = await spawned(
        ['--data', data, '--out', out],
        { UNSUBSCRIBE_SECRET: SECRET },
        (child) => {
          // Once every document is validated and the emails are being composed (the run says so on stderr).
          let said = '';
          child.stderr?.on('data', (d: Buffer) => {
            said += d.toString();
            if (killedAt === 0 && said.includes('composing the emails of 1500 orders')) {
              killedAt = Date.now();
              child.kill('SIGINT');
            }
          });
        },
      );
      expect(result.code, result.stderr).toBe(130);
      // Composing 1,500 orders' emails takes far longer: it stopped when told.
      expect(Date.now() - killedAt).toBeLessThan(5_000);
      // Interrupted while composing: the outbox was never started.
      await expect(readdir(out)).rejects.toThrow();
    },
    120_000,
  );
});

describe('send offline', () => {
  it('writes the outbox, makes no request and needs no key; --dry-run does the same with a key', async () => {
    const out = join(work, 'outbox');
    const before = fake.requests.length;
    const offline = await cli(
      [
        '--data',
        SAMPLE,
        '--sequence',
        DAY_OFFSET_SEQUENCE_FILE,
        '--start',
        '2030-01-07T09:30:00+09:00',
        '--out',
        out,
      ],
      {
        UNSUBSCRIBE_SECRET: SECRET,
        RESEND_BASE_URL: fake.url,
      },
    );
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stdout).toContain('Nothing was sent (no RESEND_API_KEY)');
    const files = await readdir(out);
    expect(files).toContain('index.html');
    expect(files).toContain('01-day0-order-confirmation.html');
    expect(files).toContain('01-day0-order-confirmation.txt');
    expect(files).toContain('02-day2-shipping-update.json');
    const payload = JSON.parse(await readFile(join(out, '02-day2-shipping-update.json'), 'utf8'));
    expect(payload).toMatchObject({
      from: 'Hanok Goods <onboarding@resend.dev>',
      to: 'jisoo@example.com',
      scheduledAt: '2030-01-09T00:30:00.000Z',
      scheduledLocal: '2030-01-09T09:30:00+09:00',
      tags: [
        { name: 'template', value: 'shipping-update' },
        { name: 'order', value: 'ord_1001' },
        { name: 'step', value: '2' },
      ],
    });
    expect(payload.idempotencyKey).toMatch(/^pp\/ord_1001\/d2-shipping-update\//);
    expect(payload.html).toContain('<html');
    const index = await readFile(join(out, 'index.html'), 'utf8');
    expect(index).toContain('href="01-day0-order-confirmation.html"');
    if (Object.hasOwn(templates, 'referral')) {
      expect(index).toContain('skipped: when: returning does not match this customer (first-order)');
      expect(files.some((f) => f.includes('referral'))).toBe(false);
    }

    const dry = await cli(
      ['--data', SAMPLE, '--dry-run', '--json', '--to', 'delivered@resend.dev', '--out', join(work, 'dry')],
      live(),
    );
    expect(dry.code, dry.stderr).toBe(0);
    const json = JSON.parse(dry.stdout);
    expect(json).toMatchObject({ mode: 'offline', to: 'delivered@resend.dev' });
    expect(json.steps.length).toBeGreaterThan(0);
    expect(fake.requests.length).toBe(before);
  }, 120_000);
});

describe('send live', () => {
  /** NDJSON: `n` orders placed long ago (every step due), line `bad` (1-based) broken. */
  async function ordersFile(name: string, n: number, bad?: number): Promise<string> {
    const sample = JSON.parse(await readFile(SAMPLE, 'utf8'));
    const lines = Array.from({ length: n }, (_, i) => {
      const doc = {
        ...sample,
        // Night consent: the run holds at whatever hour it runs (Korea's night rule has tests of its own).
        customer: { ...sample.customer, email: `${name}-${i}@example.com`, consents: { night: true } },
        order: { ...sample.order, id: `${name}-${i}`, placedAt: '2026-01-05T09:30:00+09:00' },
      };
      if (i + 1 === bad) doc.order = { ...doc.order, total: 'lots' };
      return JSON.stringify(doc);
    });
    const path = join(work, `${name}.ndjson`);
    await writeFile(path, `${lines.join('\n')}\n`);
    return path;
  }
  // The day-offset sequence: every step a fixed day after the order, so every step of an old order is due.
  const from = ['--from', 'Hanok Goods <orders@hanok.example>', '--sequence', DAY_OFFSET_SEQUENCE_FILE];

  const header = /template\s+sent\s+scheduled\s+waiting\s+skipped\s+failed\s+cancelled/;

  /** The 8-order file with its invalid line 3, without --skip-invalid: exit 2, and no store was even opened. */
  async function expectRefused(data: string, ledger: string): Promise<void> {
    const refused = await cli(['--data', data, ...from, '--ledger', ledger], live());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^error: 1 of 8 order documents are invalid; nothing was planned \(--skip-invalid sends the others\):\n {2}line 3: order\.total: expected an integer\n$/,
    );
    await expect(readdir(ledger)).rejects.toThrow(); // validated before any store was opened
  }

  /**
   * After a run of the 8-order file (one invalid): order `orderId` has its six due steps sent, each at the fake, its
   * seventh skipped; and a further `work --once` sends nothing more (`base`: the fake's count before the run).
   */
  async function expectSettled(ledger: string, orderId: string, base: number): Promise<void> {
    const status = await cli(['status', '--order', orderId, '--json', '--ledger', ledger], live());
    expect(status.code, status.stderr).toBe(0);
    const steps = JSON.parse(status.stdout).steps as {
      state: string;
      resendId: string | null;
      local: string;
    }[];
    expect(steps.map((s) => s.state)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'sent', 'skipped']);
    expect(steps[0]?.local).toBe('2026-01-05T09:30:00+09:00');
    for (const s of steps.slice(0, 6)) expect(fake.emails.some((e) => e.id === s.resendId)).toBe(true);

    const again = await cli(['work', '--once', '--ledger', ledger], live());
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Released 0 step(s)');
    expect(fake.emails.length - base).toBe(42);
  }

  it('plans many orders and sends what is due in one batch; an invalid line stops it unless --skip-invalid', async () => {
    const data = await ordersFile('batch', 8, 3);
    const ledger = join(work, 'ledger-batch');
    await expectRefused(data, ledger);

    const base = fake.emails.length;
    const batches = fake.batchRequests.length;
    const run = await cli(['--data', data, ...from, '--ledger', ledger, '--skip-invalid'], live());
    expect(run.code, run.stderr).toBe(1); // the invalid line: the others went, so the run is partial
    expect(run.stderr).toContain(
      'skipping 1 invalid order document(s):\n  line 3: order.total: expected an integer',
    );
    // 7 valid orders × 6 due steps, in one batch.
    expect(fake.emails.length - base).toBe(42);
    expect(fake.batchRequests.slice(batches).map((b) => (b.body as unknown[]).length)).toEqual([42]);
    expect(run.stdout).toMatch(header);
    expect(run.stdout).toMatch(/total\s+42\s+0\s+0\s+7\s+0\s+0/);
    expect(run.stdout).not.toContain('replayed');

    await expectSettled(ledger, 'batch-4', base);
  });

  /**
   * The same run killed mid-batch, then run again: a real process, a real SIGKILL. Under `npm run test:full` and
   * CI's DATABASE_URL pass (both in .ci/run); `npm test` runs the uninterrupted case above, and the in-process
   * replay of a batch whose answer was lost (tests/sending/store/store.test.ts).
   */
  it.runIf(FULL || SERVER_URL)(
    'plans many orders and sends what is due in batches; a SIGKILL mid-batch costs no duplicate',
    async () => {
      const data = await ordersFile('many', 8, 3);
      const ledger = join(work, 'ledger-many');
      await expectRefused(data, ledger);

      // The batch is accepted, then the worker dies before it hears back.
      const base = fake.emails.length;
      const replays = fake.replays;
      let child: ChildProcess | undefined;
      fake.faultFor = (_n, body) => {
        if (!('batch' in body)) return undefined;
        setTimeout(() => child?.kill('SIGKILL'), 50);
        return 'hang-after-accept';
      };
      const args = ['--data', data, ...from, '--ledger', ledger, '--skip-invalid'];
      // On a server, the killed run's claims lapse after this lease (the embedded store knows it is alone).
      const lease = { SEND_LEASE_MS: '1500' };
      const crashed = await spawned(args, live(lease), (c) => (child = c));
      expect(crashed.signal).toBe('SIGKILL');
      fake.faultFor = undefined;
      // 7 valid orders × 6 due steps, in one batch.
      expect(fake.emails.length - base).toBe(42);

      await new Promise((resolve) => setTimeout(resolve, 1600));
      // A fresh process, as after a real crash: it finds the dead run's lock and claims, and finishes the job.
      const rerun = await spawned(args, live(lease));
      expect(rerun.code, rerun.stderr).toBe(1); // the invalid line: the others went, so the run is partial
      expect(rerun.stderr).toContain(
        'skipping 1 invalid order document(s):\n  line 3: order.total: expected an integer',
      );
      expect(fake.emails.length - base).toBe(42);
      expect(fake.replays - replays).toBe(1); // the same batch, the same key: Resend's original answer
      expect(rerun.stdout).toMatch(header);
      expect(rerun.stdout).toMatch(/total\s+42\s+0\s+0\s+7\s+0\s+0/);
      expect(rerun.stdout).toContain('(42 replayed after an interrupted run)');

      await expectSettled(ledger, 'many-4', base);
    },
    300_000,
  );

  it('exits 1 naming the step Resend rejected; its neighbours go; fixed and re-run, only it goes', async () => {
    const data = await ordersFile('reject', 2);
    // The store the batch above made (its orders all settled): a new one would cost seconds of CPU to create.
    const ledger = join(work, 'ledger-batch');
    // The error message echoes the key, as a careless proxy might: it must not reach the output or the store.
    fake.rejectEmail = (body) =>
      body.to === 'reject-1@example.com' && (body.tags as { value: string }[])[0]?.value === 'thank-you'
        ? `rejected for Bearer ${KEY}`
        : undefined;
    const before = fake.emails.length;
    const first = await cli(['--data', data, ...from, '--ledger', ledger], live());
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(
      /error: 1 step\(s\) failed; .*\n {2}thank-you \(order reject-1\): rejected by Resend: /,
    );
    expect(fake.emails.length - before).toBe(11);

    fake.rejectEmail = undefined;
    const second = await cli(['--data', data, ...from, '--ledger', ledger], live());
    expect(second.code, second.stderr).toBe(0);
    expect(fake.emails.length - before).toBe(12);
  }, 300_000);

  it('hands a whole --compress test sequence to Resend at once: a marketer needs no worker', async () => {
    const before = fake.emails.length;
    const run = await cli(
      [
        '--data',
        SAMPLE,
        '--compress',
        '2m',
        '--to',
        'me@hanok.example',
        '--ledger',
        join(work, 'ledger-batch'),
      ],
      live({ EMAIL_FROM: 'Hanok Goods <orders@hanok.example>' }),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('wait in the store');
    const status = await cli(
      ['status', '--order', 'ord_1001', '--json', '--ledger', join(work, 'ledger-batch')],
      live(),
    );
    const steps = JSON.parse(status.stdout).steps as { state: string; template: string }[];
    // Everything but the skipped steps is at Resend, the later ones scheduled on the compressed calendar.
    expect(steps.filter((s) => s.state === 'planned')).toEqual([]);
    const handed = steps.filter((s) => s.state === 'sent' || s.state === 'scheduled');
    expect(handed.length).toBeGreaterThanOrEqual(6);
    expect(fake.emails.length - before).toBe(handed.length);
    expect(fake.emails.slice(before).every((e) => e.body.to === 'me@hanok.example')).toBe(true);
  });

  it('never writes or prints the API key', async () => {
    // Bytes, not text: the embedded database's files are binary (and decoding them all as UTF-8 is slow).
    const holding: string[] = [];
    let files = 0;
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else {
          files++;
          if ((await readFile(path)).includes(KEY)) holding.push(path);
        }
      }
    };
    await walk(work);
    expect(files).toBeGreaterThan(10);
    expect(holding).toEqual([]);
    for (const text of transcript) expect(text).not.toContain(KEY);
    expect(transcript.join('\n')).toContain('re_…');
  });
});
