/**
 * How the worker loop (`sequencer.work()`) waits between passes without polling slowly: its sleep ends at once
 * when intake in this process commits a due step (`wake()`), or when a NOTIFY from another process's planning
 * transaction arrives on the LISTEN connection it keeps to a Postgres server (store/wake.ts).
 */
import type { Store } from '../store/store';
import { type DueListener, listenForDue } from '../store/wake';

/**
 * The worker's sleep, cut short by a wake-up: from this process (an order just committed) or, on a Postgres
 * server, from a NOTIFY another process's planning transaction sent (store/wake.ts).
 */
export function createWake() {
  let interrupt: (() => void) | undefined;
  let listener: DueListener | undefined;
  let opening: Promise<void> | undefined;
  let lastTry = 0;
  const wake = {
    /** Set by a wake-up; the loop clears it before each pass. */
    woken: false,
    wake(): void {
      wake.woken = true;
      interrupt?.();
    },
    sleep(ms: number, signal?: AbortSignal): Promise<void> {
      return new Promise((resolve) => {
        if (signal?.aborted || wake.woken) return resolve();
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
        interrupt = done;
        function done() {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          interrupt = undefined;
          resolve();
        }
      });
    },
    /** Keeps a LISTEN connection open on a Postgres server (again after a restart); the poll covers a failure. */
    async listen(store: Store): Promise<void> {
      if (!store.connectionString || listener?.alive()) return;
      // A failed LISTEN (a database down, a pooler that cannot LISTEN) is tried again at most every 10 s.
      if (Date.now() - lastTry < 10_000) return;
      lastTry = Date.now();
      const connectionString = store.connectionString;
      opening ??= (async () => {
        await listener?.close();
        listener = await listenForDue(connectionString, () => wake.wake()).catch(() => undefined);
      })().finally(() => {
        opening = undefined;
      });
      await opening;
    },
    async stopListening(): Promise<void> {
      await opening;
      await listener?.close();
      listener = undefined;
    },
  };
  return wake;
}
