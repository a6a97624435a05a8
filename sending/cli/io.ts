/** Where a command reads and writes: the process's streams and environment, or a test's. */
import type { Sequencer } from '../types';
export type Io = Readonly<{
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM: `work` finishes what is in flight and returns. */
  signal?: AbortSignal;
  /**
   * An open sequencer for the commands that use the store (`work`, `status`, `event`, `cancel`, `suppress`…)
   * instead of one opened from the environment, and left open: a program that embeds the command (or a test)
   * passes the one it holds, since an embedded store has one holder at a time. Planning (`--data`) always opens
   * its own, from its flags.
   */
  sequencer?: Sequencer;
}>;
