/**
 * Releasing steps to Resend: the worker's one job. A pass
 *   1. replays, whole and under the same idempotency key, every batch whose worker died mid-request
 *      (steps left `sending` past their lease): Resend answers a replay with the original emails;
 *   2. fetches due jobs from the queue (a job per step, starting at its release time), claims their steps with a
 *      state transition (`planned` → `sending`, so two workers never hold one step), and finally sweeps up any due
 *      step whose job was lost;
 *   3. checks suppressions at that moment, renders each step, and hands due steps to `POST /emails/batch` (up to
 *      100, one key derived from the batch's steps) and steps still ahead of their time to `POST /emails` with
 *      `scheduledAt` under the step's own key (Resend's batch endpoint does not schedule).
 * The store records a batch's key on its steps before the request leaves, so a crash at any point is replayed
 * exactly; a step rejected on its own fails alone, never its neighbours.
 */
import { createHash } from 'node:crypto';
import { adoptValidatedDocument, checkOrderDocument } from '../../core/order-document';
import { orderDocumentFingerprint } from '../../core/order-document-json-schema';
import type { SendPayload } from '../plan/payload';
import { orderDocuments } from '../store/orders';
import { anyPreferences } from '../store/preferences';
import { completeStepJobs, type FetchedStepJob, fetchStepJobs } from '../store/queue';
import type { StepRow } from '../store/schema';
import {
  claimSteps,
  leaseOrphanedRequest,
  orphanedRequestKeys,
  recordRequest,
  replanUnrecorded,
  unclaim,
} from '../store/step-release';
import { marketingHeld } from './guardrail';
import { gate } from './release-gate';
import { accepted, fail, leaveUnknown, rejected } from './release-outcome';
import {
  emptyReport,
  type ReleaseContext,
  type ReleaseOptions,
  type ReleaseReport,
  type Run,
  stopped,
  type Unit,
} from './release-run';
import { observeRelease } from './release-telemetry';
import { stepPayload } from './step-payload';
import { cancelWantedStops } from './stops';

export {
  BATCH_MAX,
  emptyReport,
  type ReleaseContext,
  type ReleaseOptions,
  type ReleaseReport,
  type StepFailure,
} from './release-run';

/** One idempotency key per batch, derived from its steps' own keys: the same batch always gets the same key. */
export function batchKey(stepKeys: readonly string[]): string {
  const digest = createHash('sha256')
    .update([...stepKeys].sort().join('\n'))
    .digest('hex');
  return `batch/${digest.slice(0, 48)}`;
}

const isBatchKey = (key: string) => key.startsWith('batch/');

/** Order documents a pass keeps parsed between its batches. */
const DOCUMENTS_KEPT = 1000;

/** Steps per batch request: the provider's limit. */
const batchSize = (run: Run) => run.sender.capabilities.batchSize;

export async function release(context: ReleaseContext, options: ReleaseOptions = {}): Promise<ReleaseReport> {
  const { db, boss, sender } = context;
  const lanes = Math.max(1, context.lanes ?? 4);
  // Recovery. Claimed before the request but never given a batch key: no request left, so they are simply
  // planned again; requests whose worker died mid-request are replayed first.
  await replanUnrecorded(db);
  // Stops recorded while requests were answered (`serve`): their scheduled emails are cancelled at Resend here.
  await cancelWantedStops(db, sender);
  // The complaint guardrail, once per pass: while it holds, marketing steps are not even claimed (they stay
  // planned, and the sweep picks them up once `resume-marketing` lifts it).
  const [holdMarketing, choices] = await Promise.all([marketingHeld(db, context.log), anyPreferences(db)]);
  const run: Run = {
    context,
    db,
    boss,
    sender,
    options,
    leaseMs: context.leaseMs ?? 5 * 60_000,
    report: emptyReport(),
    seen: observeRelease(context.telemetry),
    documents: new Map<string, unknown>(),
    buffer: [],
    replayKeys: await orphanedRequestKeys(db),
    sweep: false,
    turn: Promise.resolve(),
    holdMarketing,
    choices,
  };
  if (holdMarketing) run.report.marketingHeld = true;
  // Each lane claims a batch (in turn), gates and renders it, and hands it over, then the next: while one batch
  // waits on the database or on Resend, the others go on. A claim is a state transition under SKIP LOCKED and the
  // frequency rules take each address's lock, as between workers.
  let crash: unknown;
  const lane = async (): Promise<void> => {
    while (crash === undefined) {
      const unit = await nextUnit(run);
      if (!unit) return;
      await deliver(run, unit);
    }
  };
  await Promise.all(
    Array.from({ length: lanes }, () =>
      lane().catch((error: unknown) => {
        crash ??= error;
      }),
    ),
  );
  // Claimed but not handed over (the run was stopped): planned again.
  await unclaim(
    db,
    run.buffer.map((r) => r.id),
  );
  if (crash !== undefined) throw crash;
  return run.report;
}

/** The next request to make: a replay, a step handed over ahead of its time, or a batch of due steps. */
async function nextUnit(run: Run): Promise<Unit | undefined> {
  while (!stopped(run)) {
    const key = run.replayKeys.shift();
    if (key !== undefined) {
      const rows = await leaseOrphanedRequest(run.db, key, run.leaseMs);
      if (rows.length === 0) continue;
      rows.sort((a, b) => (a.id < b.id ? -1 : 1));
      return { rows, key, mode: isBatchKey(key) ? 'batch' : 'single', replay: true };
    }
    const future = run.buffer.findIndex((r) => !isDue(r));
    if (future !== -1) {
      const [row] = run.buffer.splice(future, 1);
      if (row) return { rows: [row], key: row.idempotency_key, mode: 'single', replay: false };
    }
    if (run.buffer.length >= batchSize(run) || (run.buffer.length > 0 && !(await refill(run)))) {
      const rows = run.buffer.splice(0, batchSize(run)).sort((a, b) => (a.id < b.id ? -1 : 1));
      const first = rows[0];
      if (rows.length === 1 && first)
        return { rows, key: first.idempotency_key, mode: 'single', replay: false };
      return { rows, key: batchKey(rows.map((r) => r.idempotency_key)), mode: 'batch', replay: false };
    }
    if (run.buffer.length === 0 && !(await refill(run))) return undefined;
  }
  return undefined;
}

/**
 * The lanes take turns to fetch and claim (two statements), so batches fill in order as with one lane and the
 * sweep never takes a step whose job another lane has fetched but not yet claimed; gating, rendering and
 * handing over overlap.
 */
function inTurn<T>(run: Run, work: () => Promise<T>): Promise<T> {
  const next = run.turn.then(work);
  run.turn = next.catch(() => {});
  return next;
}

/** Claims more due steps into the buffer; false when there are none. */
async function refill(run: Run): Promise<boolean> {
  const taken = await inTurn(
    run,
    async (): Promise<{ jobs: FetchedStepJob[]; claimed: StepRow[] } | 'full'> => {
      // Another lane filled the buffer meanwhile: a batch is ready without claiming.
      if (run.buffer.length >= batchSize(run)) return 'full';
      if (!run.sweep) {
        const jobs = await fetchStepJobs(run.boss, batchSize(run) - run.buffer.length);
        if (jobs.length > 0)
          return { jobs, claimed: await claim(run, { ids: jobs.map((j) => j.data.step) }) };
        run.sweep = true;
      }
      // Due steps whose job is gone (a worker died between fetching it and claiming the step).
      return { jobs: [], claimed: await claim(run, { limit: batchSize(run) - run.buffer.length }) };
    },
  );
  if (taken === 'full') return true;
  const { jobs, claimed } = taken;
  // The jobs are done once their steps are claimed; completing them need not hold up the gate.
  const completed =
    jobs.length > 0
      ? completeStepJobs(
          run.boss,
          jobs.map((j) => j.id),
        )
      : undefined;
  if (claimed.length === 0) {
    await completed;
    return jobs.length > 0 ? refill(run) : false;
  }
  const [passed] = await Promise.all([gate(run, claimed), completed]);
  run.buffer.push(...passed);
  return true;
}

/** Moves due planned steps to `sending` (these ids, or the earliest `limit`): a step is one worker's at a time. */
function claim(run: Run, which: { ids: readonly string[] } | { limit: number }): Promise<StepRow[]> {
  return claimSteps(run.db, which, run.leaseMs, { exceptMarketing: run.holdMarketing });
}

function isDue(row: StepRow): boolean {
  return new Date(row.send_at).getTime() <= Date.now() + 1000;
}

async function documentsFor(run: Run, rows: readonly StepRow[]): Promise<void> {
  const missing = [...new Set(rows.map((r) => r.order_id))].filter((id) => !run.documents.has(id));
  if (missing.length === 0) return;
  const found = await orderDocuments(run.db, missing);
  const today = orderDocumentFingerprint();
  for (const o of found) run.documents.set(o.id, validatedOnce(o.document, o.document_schema === today));
  // Keep the cache bounded on a long run: it serves the steps of one order released together (a batch holds a
  // hundred), not the whole run — ten thousand documents held at once cost the embedded store its memory target.
  if (run.documents.size > DOCUMENTS_KEPT)
    for (const id of [...run.documents.keys()].slice(0, run.documents.size - DOCUMENTS_KEPT / 2))
      run.documents.delete(id);
}

/**
 * A stored document as its steps render it: one written under today's schema as it is (a second parse cost a
 * quarter of a release's CPU); any other parsed here once for all its steps — when it fails the schema, kept as
 * it is, so each step's render fails naming the fields.
 */
function validatedOnce(document: unknown, keptUnderTodaysSchema: boolean): unknown {
  if (typeof document !== 'object' || document === null) return document;
  if (keptUnderTodaysSchema) return adoptValidatedDocument(document);
  const checked = checkOrderDocument(document);
  return checked.success ? checked.data : document;
}

async function deliver(run: Run, unit: Unit): Promise<void> {
  await documentsFor(run, unit.rows);
  const payloads: SendPayload[] = [];
  const rows: StepRow[] = [];
  const broken: { row: StepRow; reason: string }[] = [];
  for (const row of unit.rows) {
    // Rendering is synchronous work: between two emails the event loop serves what waits (intake requests in
    // `serve`, whose worker shares the process), so a batch of a hundred never holds them up for its whole length.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const scheduledAt =
      unit.mode === 'single' && !isDue(row) ? new Date(row.send_at) : unit.replay ? row.scheduled_at : null;
    try {
      payloads.push(
        await stepPayload(
          row,
          run.documents.get(row.order_id),
          run.context,
          scheduledAt ? new Date(scheduledAt) : null,
        ),
      );
      rows.push(row);
    } catch (error) {
      broken.push({ row, reason: `cannot render: ${(error as Error).message.split('\n')[0]}` });
    }
  }
  for (const b of broken) await fail(run, [b.row], b.reason);
  if (rows.length === 0) return;
  const first = payloads[0];
  if (!unit.replay) {
    // Recorded before the request leaves: after a crash, this exact request is replayed. Only on steps this
    // worker still holds (same claim, not stopped meanwhile by a suppression or a cancellation): a step
    // stopped between its claim and this line never leaves.
    const held = await recordRequest(
      run.db,
      rows,
      unit.key,
      unit.mode === 'single' && first?.scheduledAt ? first.scheduledAt : null,
    );
    if (held.length < rows.length) {
      const kept = new Set(held.map((h) => h.id));
      for (let i = rows.length - 1; i >= 0; i--)
        if (!kept.has(rows[i]?.id ?? '')) {
          rows.splice(i, 1);
          payloads.splice(i, 1);
        }
      if (rows.length === 0) return;
    }
  }
  run.report.requests++;
  if (unit.replay) run.report.replayed += rows.length;
  const single = payloads[0];
  const started = performance.now();
  const handed = (ok: boolean) =>
    run.seen.handedOver({
      mode: unit.mode,
      count: rows.length,
      ms: performance.now() - started,
      replay: unit.replay,
      ok,
    });
  if (unit.mode === 'single' && single && rows.length === 1) {
    const outcome = await run.sender.send(single, unit.key);
    handed(outcome.ok);
    if (outcome.ok) await accepted(run, rows, [outcome.data.id], [], Boolean(single.scheduledAt));
    else await rejected(run, rows, outcome);
    return;
  }
  const outcome = await run.sender.sendBatch(payloads, unit.key);
  handed(outcome.ok);
  if (!outcome.ok) return rejected(run, rows, outcome);
  const errors = outcome.data.errors ?? [];
  if (outcome.data.data.length + errors.length !== rows.length) {
    // Not an answer we can map to steps: leave them to be replayed (same key, same answer).
    await leaveUnknown(
      run,
      rows,
      `Resend answered ${outcome.data.data.length} ids and ${errors.length} errors for ${rows.length} emails`,
    );
    return;
  }
  await accepted(
    run,
    rows,
    outcome.data.data.map((d) => d.id),
    errors,
    false,
  );
}
