/**
 * Several worker processes against one Postgres (DATABASE_URL; CI runs this with a server): every step reaches
 * the fake Resend exactly once, whether two or four workers share the queue or one is killed with SIGKILL in the
 * middle of a batch and restarted. Real processes (`send -- work --once`), a real kill.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDocument } from '../../../core/order-document';
import { createSequencer, type Sequencer } from '../../../sending/sequencer';
import { createDatabase, SERVER_URL, type TestDatabase } from '../../support/databases';
import { FakeResend } from '../../support/fake-resend';
import { dayOffsetSequence, secret, seoulAnyHour } from '../../support/send-fixtures';

const ROOT = new URL('../../..', import.meta.url).pathname;
const KEY = 're_workers_test_key';

type Result = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

function worker(env: Record<string, string>, onSpawn?: (child: ChildProcess) => void): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/send.ts', 'work', '--once'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: tmpdir(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    onSpawn?.(child);
  });
}

describe.runIf(SERVER_URL)('workers sharing one Postgres', () => {
  let fake: FakeResend;
  let database: TestDatabase;
  let planner: Sequencer;

  beforeAll(async () => {
    fake = await FakeResend.start({ apiKey: KEY });
    database = await createDatabase('send_workers');
    // Plans only (no key): the workers release.
    planner = createSequencer({
      databaseUrl: database.url,
      from: 'Hanok Goods <orders@hanok.example>',
      sequence: dayOffsetSequence,
      unsubscribeSecret: secret,
      dryRun: true,
    });
  }, 60_000);
  afterAll(async () => {
    await planner?.close();
    await database?.drop();
    await fake?.close();
  });

  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: database.url,
    RESEND_API_KEY: KEY,
    RESEND_BASE_URL: fake.url,
    UNSUBSCRIBE_SECRET: secret,
    SEND_RATE_PER_SECOND: '0',
    SEND_TIMEOUT_MS: '20000',
    ...extra,
  });

  /** `n` orders placed long ago: every step of the day-offset sequence is due. */
  async function plan(prefix: string, n: number): Promise<number> {
    const docs = Array.from(
      { length: n },
      (_, i) =>
        ({
          ...seoulAnyHour,
          customer: { ...seoulAnyHour.customer, email: `${prefix}-${i}@example.com` },
          order: { ...seoulAnyHour.order, id: `${prefix}-${i}`, placedAt: '2026-01-05T09:30:00+09:00' },
        }) as OrderDocument,
    );
    await planner.enqueue(docs, { release: false });
    return (await planner.status()).steps.filter(
      (s) => s.order.startsWith(`${prefix}-`) && s.state === 'planned',
    ).length;
  }

  /** Accepted emails per step (recipient + tags) for this prefix. */
  function counts(prefix: string): number[] {
    return [...fake.deliveriesTo()].filter(([k]) => k.startsWith(`${prefix}-`)).map(([, n]) => n);
  }

  it.each([2, 4])(
    '%i workers, 200 orders: every step exactly once',
    async (workers) => {
      const prefix = `w${workers}`;
      const planned = await plan(prefix, 200);
      expect(planned).toBe(1200);
      const results = await Promise.all(Array.from({ length: workers }, () => worker(env())));
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      const perStep = counts(prefix);
      expect(perStep).toHaveLength(1200);
      expect(perStep.every((n) => n === 1)).toBe(true);
      // The work was shared, not done by one worker while the others idled.
      const released = results.map((r) => Number(/Released (\d+) step/.exec(r.stdout)?.[1] ?? 0));
      expect(released.reduce((a, b) => a + b, 0)).toBe(1200);
      const status = (await planner.status()).steps.filter((s) => s.order.startsWith(`${prefix}-`));
      expect(status.filter((s) => s.state === 'sent')).toHaveLength(1200);
    },
    300_000,
  );

  it('a worker killed with SIGKILL mid-batch, then restarted: every step exactly once', async () => {
    const prefix = 'kill';
    const planned = await plan(prefix, 50);
    expect(planned).toBe(300);
    const before = fake.emails.length;
    const replays = fake.replays;
    let child: ChildProcess | undefined;
    let killed = false;
    fake.faultFor = (_n, body) => {
      if (!('batch' in body)) return undefined;
      // The worker's other lanes send their batches in the same instant: those hang before Resend accepts them,
      // so the kill always lands mid-run, whatever the lanes' timing.
      if (killed) return 'hang';
      killed = true;
      // The batch is accepted; the worker dies before it hears back.
      setTimeout(() => child?.kill('SIGKILL'), 100);
      return 'hang-after-accept';
    };
    const lease = { SEND_LEASE_MS: '1500' };
    const crashed = await worker(env(lease), (c) => (child = c));
    fake.faultFor = undefined;
    expect(crashed.signal).toBe('SIGKILL');
    const acceptedBeforeRestart = fake.emails.length - before;
    expect(acceptedBeforeRestart).toBeGreaterThan(0);
    expect(acceptedBeforeRestart).toBeLessThan(300);
    // Its claims lapse after the lease; the restarted worker replays the batch and sends the rest.
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const restarted = await worker(env(lease));
    expect(restarted.code, restarted.stderr).toBe(0);
    expect(restarted.stdout).toMatch(/replayed after an interrupted run/);
    expect(fake.replays).toBeGreaterThan(replays);
    const perStep = counts(prefix);
    expect(perStep).toHaveLength(300);
    expect(perStep.every((n) => n === 1)).toBe(true);
    expect(fake.emails.length - before).toBe(300);
  }, 300_000);
});
