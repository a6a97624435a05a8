/**
 * The send command as a user runs it: a child process (`tsx scripts/send.ts …`) with its own environment,
 * against the fake Resend server on 127.0.0.1 (no network). Exit codes, the outbox, a crash mid-run,
 * and the API key never showing up anywhere.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { templates } from '../emails';
import { composeSequence } from '../sending/compose';
import { FakeResend } from './support/fake-resend';
import { DAY_OFFSET_SEQUENCE_FILE, dayOffsetSequence } from './support/send-fixtures';

const ROOT = new URL('..', import.meta.url).pathname;
const SAMPLE = join(ROOT, 'emails/_samples/ko-krw.json');
const KEY = 're_cli_secret_key_5f1e2d3c4b5a';
const SECRET = 'cli-unsubscribe-secret';

type Result = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** Everything any run printed, to check the key never appears. */
const transcript: string[] = [];

function cli(
  args: string[],
  env: Record<string, string> = {},
  onSpawn?: (child: ChildProcess) => void,
): Promise<Result> {
  return new Promise((resolve, reject) => {
    // `node --import tsx` rather than the tsx binary, which runs the script in a grandchild that a SIGKILL would miss.
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/send.ts', ...args], {
      cwd: ROOT,
      // A clean environment: nothing of the developer's (a real RESEND_API_KEY!) leaks into a test.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: tmpdir(), ...env },
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

beforeAll(async () => {
  fake = await FakeResend.start({ apiKey: KEY });
  work = await mkdtemp(join(tmpdir(), 'send-cli-'));
});
afterAll(async () => {
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
  SEND_TIMEOUT_MS: '1000',
  SEND_BACKOFF_MS: '5',
  SEND_MAX_BACKOFF_MS: '20',
  SEND_MAX_ATTEMPTS: '3',
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
    // Every flag rule is tested in-process (send-options.test.ts); here, one of each kind through a real process.
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
    const results = await Promise.all(
      cases.map(([args, , env]) =>
        cli([...args, '--out', join(work, 'never'), '--ledger', join(work, 'never-ledger')], env),
      ),
    );
    results.forEach((result, i) => {
      const [args, pattern] = cases[i] ?? [[], /$^/];
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(pattern);
      expect(result.stdout, args.join(' ')).toBe('');
    });
    for (const r of results.slice(0, 2)) expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    expect(fake.requests.length).toBe(before);
    await expect(readdir(join(work, 'never'))).rejects.toThrow();
  }, 90_000);
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
  });
});

describe('send live', () => {
  const ledger = () => join(work, 'ledger');
  /** A compressed test send to Resend's sink address, recorded in `ledgerPath`. */
  const args = (start: string, compress = '1h', ledgerPath = ledger()) => [
    '--data',
    SAMPLE,
    '--sequence',
    DAY_OFFSET_SEQUENCE_FILE,
    '--to',
    'delivered@resend.dev',
    '--from',
    'Hanok Goods <orders@hanok.example>',
    '--start',
    start,
    '--compress',
    compress,
    '--ledger',
    ledgerPath,
  ];

  it('survives a crash after step three: the re-run completes without duplicates, the next sends nothing', async () => {
    const start = new Date(Date.now() + 3_600_000).toISOString();
    const document = JSON.parse(await readFile(SAMPLE, 'utf8'));
    const planned = (
      await composeSequence(document, {
        sequence: dayOffsetSequence,
        start,
        compressMs: 3_600_000,
        unsubscribeSecret: SECRET,
      })
    ).steps.length;
    expect(planned).toBeGreaterThan(3);

    // The fourth email is accepted, then the process dies before it hears back.
    const base = fake.emails.length;
    const replays = fake.replays;
    let child: ChildProcess | undefined;
    fake.afterAccept = (_email, count) => {
      if (count - base !== 4) return undefined;
      child?.kill('SIGKILL');
      return 'hang';
    };
    const crashed = await cli(args(start), live(), (c) => (child = c));
    expect(crashed.signal).toBe('SIGKILL');
    expect(fake.emails.length - base).toBe(4);
    fake.afterAccept = undefined;

    const rerun = await cli(args(start), live());
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(fake.emails.length - base).toBe(planned);
    expect(fake.replays - replays).toBe(1); // step four: same key, same payload, Resend's original answer
    const perKey = new Map<string, number>();
    for (const e of fake.emails)
      perKey.set(e.idempotencyKey ?? '', (perKey.get(e.idempotencyKey ?? '') ?? 0) + 1);
    expect([...perKey.values()].every((n) => n === 1)).toBe(true);
    expect(rerun.stdout).toMatch(/step\s+template\s+send time\s+status\s+Resend id \/ error/);
    expect(rerun.stdout).toContain('scheduled earlier');

    const requests = fake.sendRequests.length;
    const third = await cli([...args(start), '--json'], live());
    expect(third.code).toBe(0);
    expect(fake.sendRequests.length).toBe(requests);
    expect(
      JSON.parse(third.stdout).steps.every((s: { action: string }) => s.action === 'already-scheduled'),
    ).toBe(true);

    // And cancel it all: every step is still ahead of its time.
    const cancelled = await cli(
      ['cancel', '--data', SAMPLE, '--to', 'delivered@resend.dev', '--ledger', ledger()],
      live(),
    );
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(fake.emails.slice(base).every((e) => e.status === 'cancelled')).toBe(true);
    expect(cancelled.stdout).toContain('cancelled');

    const resumed = await cli(['resume', '--ledger', ledger()], live());
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('No pending steps');
  }, 120_000);

  it('exits 1 naming the failed step, goes on with the others, and a re-run sends only that one', async () => {
    const failing = join(work, 'ledger-failing');
    const start = new Date(Date.now() + 7_200_000).toISOString();
    const base = args(start, '2m', failing);
    // The error message echoes the key, as a careless proxy might: it must not reach the output or the ledger.
    fake.faultFor = (_n, body) =>
      (body.tags as { value: string }[])[0]?.value === 'shipping-update'
        ? { status: 422, name: 'validation_error', message: `rejected for Bearer ${KEY}` }
        : undefined;
    const before = fake.emails.length;
    const first = await cli(base, live());
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(
      /error: 1 step\(s\) failed sending; run the same command again to retry them:\n {2}step 2 \(shipping-update/,
    );
    expect(first.stdout).toContain('FAILED');
    const accepted = fake.emails.length - before;
    expect(accepted).toBeGreaterThan(1);

    fake.faultFor = undefined;
    const second = await cli(base, live());
    expect(second.code, second.stderr).toBe(0);
    expect(fake.emails.length - before).toBe(accepted + 1);
  }, 120_000);

  it('never writes or prints the API key', async () => {
    const files: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else files.push(await readFile(path, 'utf8'));
      }
    };
    await walk(work);
    expect(files.length).toBeGreaterThan(10);
    for (const text of [...files, ...transcript]) expect(text).not.toContain(KEY);
    expect(transcript.join('\n')).toContain('re_…');
  });
});
