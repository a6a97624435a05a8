/**
 * The worker inside `serve`: `sequencer.work()` until told to stop, its health marked after every pass, a pass
 * that throws (the store gone, say) logged and retried a second later. Without RESEND_API_KEY there is nothing to
 * release: the worker and the Resend check are off.
 */
import type { Logger } from '../engine/telemetry';
import type { Sequencer } from '../sequencer';
import type { HealthBoard } from './health';

export type RunningWorker = Readonly<{ state(): string; stop(): Promise<void> }>;

export function startWorker(
  sequencer: Sequencer,
  live: boolean,
  health: HealthBoard,
  log: Logger,
): RunningWorker {
  let state = live ? 'running' : 'idle (no RESEND_API_KEY)';
  if (!live) {
    health.off('worker');
    health.off('resend');
    return { state: () => state, stop: async () => {} };
  }
  const stop = new AbortController();
  const done = (async () => {
    while (!stop.signal.aborted) {
      try {
        await sequencer.work({ signal: stop.signal, onPass: () => health.good('worker') });
      } catch (error) {
        health.bad('worker', error);
        log.error({ event: 'worker.error', err: error }, 'the worker pass failed; trying again in 1 s');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    state = 'stopped';
  })();
  return {
    state: () => state,
    stop: async () => {
      stop.abort();
      await done;
    },
  };
}
