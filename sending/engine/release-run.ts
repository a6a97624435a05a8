/**
 * One release run's state, shared by its steps (sending/engine/release.ts): the store and queue it works on, the
 * provider it hands steps to, what it has claimed and not yet handed over, and its report.
 */
import type { Sender } from '../provider/sender';
import type { Db } from '../store/db';
import type { Queue } from '../store/queue';
import type { StepRow } from '../store/schema';
import type { ReleaseObserver } from './release-telemetry';
import type { Telemetry } from './telemetry';

/** Resend's batch size (DEFAULT_CAPABILITIES); a run uses its provider's own (`sender.capabilities.batchSize`). */
export const BATCH_MAX = 100;

export type ReleaseContext = Readonly<{
  db: Db;
  boss: Queue;
  sender: Sender;
  unsubscribeSecret?: string;
  /** How long a claimed step is a worker's before another may replay it (default 5 minutes). */
  leaseMs?: number;
  /** Batches in flight at once, each claimed, rendered and handed over on its own. Default 4. */
  lanes?: number;
  /** Where the pass reports what it did (log lines, `ppe_emails_total`); default: nowhere. */
  telemetry?: Telemetry;
  /** Hears the complaint guardrail's warning and trip (the server log). */
  log?: (level: 'warn' | 'error', line: string) => void;
}>;

export type StepFailure = Readonly<{ step: string; order: string; template: string; reason: string }>;

export type ReleaseReport = {
  /** Handed to Resend to go out now. */
  sent: number;
  /** Handed to Resend with `scheduledAt`. */
  scheduled: number;
  /** Not sent at release (a suppression, a cancelled or superseded order). */
  skipped: number;
  /** Moved back to `planned` at release by the frequency rules (the gap, quiet hours), with the reason. */
  deferred: number;
  /** Rejected by Resend or not renderable (state `failed`), or left to replay (outcome unknown). */
  failed: StepFailure[];
  /** Steps replayed after an interrupted run. */
  replayed: number;
  /** Requests made (batches and single sends). */
  requests: number;
  /** Set when the run stopped early (a quota, a rejected key): the reason, in one line. */
  stopped?: string;
  /** Set when the complaint guardrail held marketing back (transactional went on). */
  marketingHeld?: true;
};

export type ReleaseOptions = Readonly<{
  signal?: AbortSignal;
  onProgress?: (report: Readonly<ReleaseReport>) => void;
}>;

export type Unit = Readonly<{
  rows: StepRow[];
  /** The key the request goes under (a replay: the recorded one). */
  key: string;
  mode: 'batch' | 'single';
  replay: boolean;
}>;

export function emptyReport(): ReleaseReport {
  return { sent: 0, scheduled: 0, skipped: 0, deferred: 0, failed: [], replayed: 0, requests: 0 };
}

/** A run in progress. */
export type Run = {
  readonly context: ReleaseContext;
  readonly db: Db;
  readonly boss: Queue;
  readonly sender: Sender;
  readonly options: ReleaseOptions;
  readonly leaseMs: number;
  readonly report: ReleaseReport;
  /** Where each decision is reported (log lines, metrics). */
  readonly seen: ReleaseObserver;
  /** Order documents by id, for rendering (bounded). */
  readonly documents: Map<string, unknown>;
  /** Claimed and gated, not yet handed over. */
  readonly buffer: StepRow[];
  /** Requests left by a worker that died mid-request, to replay first. */
  readonly replayKeys: string[];
  /** The queue is drained: claim due steps whose job was lost. */
  sweep: boolean;
  /** The lanes' turn to fetch and claim. */
  turn: Promise<unknown>;
  /** The complaint guardrail holds marketing back this pass: marketing steps are not even claimed. */
  readonly holdMarketing: boolean;
  /** Some address has chosen at the preference centre: each batch reads its addresses' choices. */
  readonly choices: boolean;
};

/** The run was stopped (a quota, a refused key) or aborted. */
export function stopped(run: Run): boolean {
  return run.report.stopped !== undefined || run.options.signal?.aborted === true;
}
