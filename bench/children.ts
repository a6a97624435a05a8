/**
 * The live-engine bench's child processes: the fake Resend (bench/fake-resend-process.ts) and each run of the
 * bench (bench/store-process.ts), so that neither the fake's work nor an earlier run's heap counts in a run's
 * figures.
 */
import { fork } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeResendOptions } from '../tests/support/fake-resend';
import type { FakeMessage, FakeStats } from './fake-resend-process';
import type { PlanFigures, ReleaseFigures } from './store';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The engine's heap cap in each run, as docs/deployment.md has `serve` run. Without one, V8 sizes the heap from
 * the machine's memory and lets a busy heap grow to three or four times what it holds alive before collecting: a
 * release of 70,000 emails peaked near 1 GB of RSS on Postgres and over it on the embedded store, against about
 * 500 and 720 MB with the cap (2026-12-07). The cap is a ceiling the heap never came near, not a squeeze.
 */
export const ENGINE_HEAP_MB = 1024;

export type Fake = Readonly<{ url: string; stats(): Promise<FakeStats>; close(): Promise<void> }>;

/** The fake Resend in a child process (bench/fake-resend-process.ts): its work is Resend's, not the engine's. */
export async function startFakeResend(options: FakeResendOptions): Promise<Fake> {
  const child = fork(join(ROOT, 'bench/fake-resend-process.ts'), [JSON.stringify(options)]);
  const next = <T extends FakeMessage['type']>(type: T) =>
    new Promise<Extract<FakeMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (message: FakeMessage) => {
        if (message.type !== type) return;
        child.off('exit', onExit);
        child.off('message', onMessage);
        resolve(message as Extract<FakeMessage, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`the fake Resend exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const { url } = await next('ready');
  return {
    url,
    stats: async () => {
      const answer = next('stats');
      child.send({ type: 'stats' });
      return (await answer).stats;
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'close' });
      await exited;
    },
  };
}

export type StoreRun = Readonly<{
  backend: string;
  target: { databaseUrl: string } | { ledgerDir: string };
  count: number;
  prefix: string;
  fakeOptions: FakeResendOptions;
}>;

/** `planAndRelease` in a new process (bench/store-process.ts), which answers with its figures and exits. */
export function inOwnProcess(run: StoreRun): Promise<{ plan: PlanFigures; release: ReleaseFigures }> {
  const child = fork(join(ROOT, 'bench/store-process.ts'), [JSON.stringify(run)], {
    execArgv: [...process.execArgv, `--max-old-space-size=${ENGINE_HEAP_MB}`],
  });
  return new Promise((resolve, reject) => {
    let figures: { plan: PlanFigures; release: ReleaseFigures } | undefined;
    child.on('message', (message: { plan: PlanFigures; release: ReleaseFigures }) => {
      figures = message;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      figures && code === 0
        ? resolve(figures)
        : reject(new Error(`the ${run.backend} run exited with code ${code} before its figures`)),
    );
  });
}
