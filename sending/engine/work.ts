/** The worker's loop: release what is due, then sleep until the next step is due (or the poll interval, or a wake-up). */
import { nextReleaseAt } from '../store/steps';
import type { Store } from '../store/store';
import { emptyReport, type ReleaseReport } from './release-run';
import { type Logger, silentLogger } from './telemetry';
import { createWake } from './worker-wake';

export type WorkOptions = Readonly<{
  /** Release what is due and return (for cron); otherwise run until `signal` aborts. */
  once?: boolean;
  signal?: AbortSignal;
  /** How often an idle worker looks for due steps. Default 5 s. */
  pollMs?: number;
  onProgress?: (report: Readonly<ReleaseReport>) => void;
  /** Told after every pass, however little it did (serve's health check: the worker is alive). */
  onPass?: (report: Readonly<ReleaseReport>) => void;
}>;

/**
 * This sequencer's worker loops: while one runs (`serve`), intake leaves releasing to it and wakes it instead;
 * its sleep ends at once on a wake-up, from this process or (on a Postgres server) another's NOTIFY.
 */
export type Worker = Readonly<{
  wake: ReturnType<typeof createWake>;
  /** `work()` loops running in this process. */
  running(): number;
  enter(): void;
  leave(): void;
}>;

export function createWorker(): Worker {
  let loops = 0;
  return {
    wake: createWake(),
    running: () => loops,
    enter: () => {
      loops++;
    },
    leave: () => {
      loops--;
    },
  };
}

/**
 * Runs `releaseOnce` until told to stop, adding up the reports; each pass is logged (a stop at `warn`). Between
 * passes it sleeps until the next step is due (or the poll interval), or until it is woken.
 */
export async function work(
  store: Store,
  releaseOnce: (signal?: AbortSignal, onProgress?: WorkOptions['onProgress']) => Promise<ReleaseReport>,
  workOptions: WorkOptions,
  worker: Worker,
  log: Logger = silentLogger,
): Promise<ReleaseReport> {
  const total = emptyReport();
  const pass = async () => {
    const report = await releaseOnce(workOptions.signal, workOptions.onProgress);
    logPass(log, report);
    workOptions.onPass?.(report);
    add(total, report);
  };
  if (workOptions.once) {
    await pass();
    return total;
  }
  const pollMs = workOptions.pollMs ?? 5000;
  const { wake } = worker;
  worker.enter();
  try {
    for (;;) {
      await wake.listen(store);
      wake.woken = false;
      await pass();
      if (total.stopped || workOptions.signal?.aborted) return total;
      // Woken while releasing: go again at once.
      if (wake.woken) continue;
      const next = await nextReleaseAt(store.db);
      const wait = next === undefined ? pollMs : Math.min(pollMs, Math.max(50, next - Date.now()));
      await wake.sleep(wait, workOptions.signal);
      if (workOptions.signal?.aborted) return total;
    }
  } finally {
    worker.leave();
    if (worker.running() === 0) await wake.stopListening();
  }
}

function add(total: ReleaseReport, r: ReleaseReport): void {
  total.sent += r.sent;
  total.scheduled += r.scheduled;
  total.skipped += r.skipped;
  total.deferred += r.deferred;
  total.failed.push(...r.failed);
  total.replayed += r.replayed;
  total.requests += r.requests;
  if (r.stopped) total.stopped = r.stopped;
  if (r.marketingHeld) total.marketingHeld = true;
}

function logPass(log: Logger, pass: ReleaseReport): void {
  if (pass.stopped) log.warn({ event: 'release.stopped', reason: pass.stopped }, pass.stopped);
  log.debug(
    {
      event: 'release.pass',
      sent: pass.sent,
      scheduled: pass.scheduled,
      skipped: pass.skipped,
      deferred: pass.deferred,
      failed: pass.failed.length,
      replayed: pass.replayed,
      requests: pass.requests,
    },
    `release pass: ${pass.sent} sent, ${pass.scheduled} scheduled, ${pass.failed.length} failed`,
  );
}
