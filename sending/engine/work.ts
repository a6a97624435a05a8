/** The worker's loop: release what is due, then sleep until the next step is due (or the poll interval). */
import type { Db } from '../store/db';
import { nextReleaseAt } from '../store/steps';
import { emptyReport, type ReleaseReport } from './release-run';

export type WorkOptions = Readonly<{
  /** Release what is due and return (for cron); otherwise run until `signal` aborts. */
  once?: boolean;
  signal?: AbortSignal;
  /** How often an idle worker looks for due steps. Default 5 s. */
  pollMs?: number;
  onProgress?: (report: Readonly<ReleaseReport>) => void;
}>;

/** Runs `releaseOnce` until told to stop, adding up the reports. */
export async function work(
  db: Db,
  releaseOnce: (signal?: AbortSignal, onProgress?: WorkOptions['onProgress']) => Promise<ReleaseReport>,
  workOptions: WorkOptions,
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
    add(await releaseOnce(workOptions.signal, workOptions.onProgress));
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
