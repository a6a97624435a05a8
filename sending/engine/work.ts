/** The worker's loop: release what is due, then sleep until the next step is due (or the poll interval). */
import type { Db } from '../store/db';
import { nextReleaseAt } from '../store/steps';
import { emptyReport, type ReleaseReport } from './release-run';
import { type Logger, silentLogger } from './telemetry';

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

/** Runs `releaseOnce` until told to stop, adding up the reports; each pass is logged (a stop at `warn`). */
export async function work(
  db: Db,
  releaseOnce: (signal?: AbortSignal, onProgress?: WorkOptions['onProgress']) => Promise<ReleaseReport>,
  workOptions: WorkOptions,
  log: Logger = silentLogger,
): Promise<ReleaseReport> {
  const total = emptyReport();
  const add = (r: ReleaseReport) => {
    total.sent += r.sent;
    total.scheduled += r.scheduled;
    total.skipped += r.skipped;
    total.deferred += r.deferred;
    total.failed.push(...r.failed);
    total.replayed += r.replayed;
    total.requests += r.requests;
    if (r.stopped) total.stopped = r.stopped;
  };
  const pollMs = workOptions.pollMs ?? 5000;
  for (;;) {
    const pass = await releaseOnce(workOptions.signal, workOptions.onProgress);
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
    workOptions.onPass?.(pass);
    add(pass);
    if (workOptions.once || total.stopped || workOptions.signal?.aborted) return total;
    const next = await nextReleaseAt(db);
    const wait = next === undefined ? pollMs : Math.min(pollMs, Math.max(50, next - Date.now()));
    await sleep(wait, workOptions.signal);
    if (workOptions.signal?.aborted) return total;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
