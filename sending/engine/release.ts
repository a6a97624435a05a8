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
import { type Kysely, sql } from 'kysely';
import type PgBoss from 'pg-boss';
import {
  addressKey,
  gapMs,
  goesAt,
  type MarketingSend,
  readRules,
  releaseTime,
  stoppable,
  supersededReason,
} from '../plan/frequency';
import type { SendPayload } from '../plan/payload';
import { toLocalIso } from '../plan/zoned-time';
import { isQuotaError, type Sender } from '../provider/sender';
import { jobId, kyselyExecutor, STEP_QUEUE, type StepJob } from '../store/queue';
import type { Database, StepRow, StepState } from '../store/schema';
import { observeRelease } from './release-telemetry';
import { stepPayload } from './step-payload';
import { cancelAtResend } from './stops';
import type { Telemetry } from './telemetry';

export const BATCH_MAX = 100;

export type ReleaseContext = Readonly<{
  db: Kysely<Database>;
  boss: PgBoss;
  sender: Sender;
  unsubscribeSecret?: string;
  /** How long a claimed step is a worker's before another may replay it (default 5 minutes). */
  leaseMs?: number;
  /** Batches in flight at once, each claimed, rendered and handed over on its own. Default 4. */
  lanes?: number;
  /** Where the pass reports what it did (log lines, `ppe_emails_total`); default: nowhere. */
  telemetry?: Telemetry;
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
};

export type ReleaseOptions = Readonly<{
  signal?: AbortSignal;
  onProgress?: (report: Readonly<ReleaseReport>) => void;
}>;

type Unit = Readonly<{
  rows: StepRow[];
  /** The key the request goes under (a replay: the recorded one). */
  key: string;
  mode: 'batch' | 'single';
  replay: boolean;
}>;

/** One idempotency key per batch, derived from its steps' own keys: the same batch always gets the same key. */
export function batchKey(stepKeys: readonly string[]): string {
  const digest = createHash('sha256')
    .update([...stepKeys].sort().join('\n'))
    .digest('hex');
  return `batch/${digest.slice(0, 48)}`;
}

const isBatchKey = (key: string) => key.startsWith('batch/');

export function emptyReport(): ReleaseReport {
  return { sent: 0, scheduled: 0, skipped: 0, deferred: 0, failed: [], replayed: 0, requests: 0 };
}

export async function release(context: ReleaseContext, options: ReleaseOptions = {}): Promise<ReleaseReport> {
  const { db, boss, sender } = context;
  const leaseMs = context.leaseMs ?? 5 * 60_000;
  const lanes = Math.max(1, context.lanes ?? 4);
  const report = emptyReport();
  const seen = observeRelease(context.telemetry);
  const documents = new Map<string, unknown>();
  const leaseUntil = () => sql<Date>`now() + ${`${leaseMs} milliseconds`}::interval`;

  // Claimed before the request but never given a batch key: no request left, so they are simply planned again.
  await db
    .updateTable('steps')
    .set({ state: 'planned', lease_until: null, updated_at: sql`now()` })
    .where('state', '=', 'sending')
    .where('batch_key', 'is', null)
    .where('lease_until', '<', sql<Date>`now()`)
    .execute();
  const orphaned = await db
    .selectFrom('steps')
    .select('batch_key')
    .distinct()
    .where('state', '=', 'sending')
    .where('lease_until', '<', sql<Date>`now()`)
    .execute();
  const replayKeys = orphaned.flatMap((r) => (r.batch_key ? [r.batch_key] : []));
  let sweep = false;
  const buffer: StepRow[] = [];

  const stopped = () => report.stopped !== undefined || options.signal?.aborted === true;

  async function nextUnit(): Promise<Unit | undefined> {
    while (!stopped()) {
      const key = replayKeys.shift();
      if (key !== undefined) {
        const rows = await db
          .updateTable('steps')
          .set({ lease_until: leaseUntil(), updated_at: sql`now()` })
          .where('batch_key', '=', key)
          .where('state', '=', 'sending')
          .where('lease_until', '<', sql<Date>`now()`)
          .returningAll()
          .execute();
        if (rows.length === 0) continue;
        rows.sort((a, b) => (a.id < b.id ? -1 : 1));
        return { rows, key, mode: isBatchKey(key) ? 'batch' : 'single', replay: true };
      }
      const future = buffer.findIndex((r) => !isDue(r));
      if (future !== -1) {
        const [row] = buffer.splice(future, 1);
        if (row) return { rows: [row], key: row.idempotency_key, mode: 'single', replay: false };
      }
      if (buffer.length >= BATCH_MAX || (buffer.length > 0 && !(await refill()))) {
        const rows = buffer.splice(0, BATCH_MAX).sort((a, b) => (a.id < b.id ? -1 : 1));
        const first = rows[0];
        if (rows.length === 1 && first)
          return { rows, key: first.idempotency_key, mode: 'single', replay: false };
        return { rows, key: batchKey(rows.map((r) => r.idempotency_key)), mode: 'batch', replay: false };
      }
      if (buffer.length === 0 && !(await refill())) return undefined;
    }
    return undefined;
  }

  /**
   * The lanes take turns to fetch and claim (two statements), so batches fill in order as with one lane and the
   * sweep never takes a step whose job another lane has fetched but not yet claimed; gating, rendering and
   * handing over overlap.
   */
  let turn: Promise<unknown> = Promise.resolve();
  function inTurn<T>(run: () => Promise<T>): Promise<T> {
    const next = turn.then(run);
    turn = next.catch(() => {});
    return next;
  }

  /** Claims more due steps into the buffer; false when there are none. */
  async function refill(): Promise<boolean> {
    const taken = await inTurn(
      async (): Promise<{ jobs: PgBoss.Job<StepJob>[]; claimed: StepRow[] } | 'full'> => {
        // Another lane filled the buffer meanwhile: a batch is ready without claiming.
        if (buffer.length >= BATCH_MAX) return 'full';
        if (!sweep) {
          const jobs = await boss.fetch<StepJob>(STEP_QUEUE, { batchSize: BATCH_MAX - buffer.length });
          if (jobs.length > 0) return { jobs, claimed: await claim({ ids: jobs.map((j) => j.data.step) }) };
          sweep = true;
        }
        // Due steps whose job is gone (a worker died between fetching it and claiming the step).
        return { jobs: [], claimed: await claim({ limit: BATCH_MAX - buffer.length }) };
      },
    );
    if (taken === 'full') return true;
    const { jobs, claimed } = taken;
    // The jobs are done once their steps are claimed; completing them need not hold up the gate.
    const completed =
      jobs.length > 0
        ? boss.complete(
            STEP_QUEUE,
            jobs.map((j) => j.id),
          )
        : undefined;
    if (claimed.length === 0) {
      await completed;
      return jobs.length > 0 ? refill() : false;
    }
    const [passed] = await Promise.all([gate(claimed), completed]);
    buffer.push(...passed);
    return true;
  }

  /** Moves due planned steps to `sending` (these ids, or the earliest `limit`): a step is one worker's at a time. */
  async function claim(which: { ids: readonly string[] } | { limit: number }): Promise<StepRow[]> {
    if ('ids' in which && which.ids.length === 0) return [];
    const planned = db
      .selectFrom('steps')
      .select('id')
      .where('state', '=', 'planned')
      // A job left from an earlier plan of the step (re-planned later) must not release it early.
      .where('release_at', '<=', sql<Date>`now()`);
    const due =
      'ids' in which
        ? planned.where('id', 'in', [...which.ids])
        : planned.orderBy('release_at').limit(which.limit);
    return db
      .updateTable('steps')
      .set({
        state: 'sending',
        lease_until: leaseUntil(),
        attempts: sql`attempts + 1`,
        updated_at: sql`now()`,
      })
      .where('id', 'in', due.forUpdate().skipLocked())
      .returningAll()
      .execute();
  }

  /**
   * Everything that decides whether a claimed step may go, checked at the moment of release: a suppression or
   * a cancelled order stops it, a newer order supersedes its marketing, and the frequency rules (the gap between
   * marketing emails to one address, quiet hours on the customer's clock) defer it back to `planned` at its
   * first allowed time, with the reason and a job. Transactional mail is never deferred.
   */
  async function gate(rows: StepRow[]): Promise<StepRow[]> {
    if (rows.length === 0) return rows;
    const decided = await stops(rows);
    const pass: StepRow[] = [];
    const marketing: StepRow[] = [];
    for (const row of rows) {
      if (decided.has(row.id)) continue;
      if (row.kind === 'marketing') marketing.push(row);
      else pass.push(row);
    }
    const stopped = [...decided.entries()];
    for (const [id, outcome] of stopped)
      await db
        .updateTable('steps')
        .set({ state: outcome.state, reason: outcome.reason, lease_until: null, updated_at: sql`now()` })
        .where('id', '=', id)
        .where('state', '=', 'sending')
        .execute();
    report.skipped += stopped.length;
    seen.stopped(
      rows.filter((r) => decided.has(r.id)),
      (id) => decided.get(id)?.reason ?? '',
    );
    if (marketing.length > 0) pass.push(...(await spaceOut(marketing)));
    return pass;
  }

  /** Suppressions, cancelled orders and newer orders, for a set of claimed steps: the stopped ones, by id. */
  async function stops(rows: readonly StepRow[]): Promise<Map<string, { state: StepState; reason: string }>> {
    const out = new Map<string, { state: StepState; reason: string }>();
    const emails = [...new Set(rows.map((r) => addressKey(r.recipient)))];
    const orderIds = [...new Set(rows.map((r) => r.order_id))];
    // Three reads that do not depend on one another: at once, on a server's pool.
    const [suppressions, stoppedOrders, newer] = await Promise.all([
      db.selectFrom('suppressions').selectAll().where('email', 'in', emails).execute(),
      db
        .selectFrom('orders')
        .select(['id', 'cancelled'])
        .where('id', 'in', orderIds)
        .where('cancelled', 'is not', null)
        .execute(),
      rows.some((r) => r.kind === 'marketing') ? newerOrders(orderIds) : new Map<string, string>(),
    ]);
    const suppressed = new Map(suppressions.map((s) => [s.email, s]));
    const cancelled = new Map(stoppedOrders.map((o) => [o.id, o.cancelled ?? 'order cancelled']));
    for (const row of rows) {
      const s = suppressed.get(addressKey(row.recipient));
      const stop = cancelled.get(row.order_id);
      const by = row.kind === 'marketing' ? newer.get(row.order_id) : undefined;
      if (s && (s.scope === 'all' || row.kind === 'marketing'))
        out.set(row.id, {
          state: 'skipped',
          reason: `suppressed (${s.scope}${s.reason ? `: ${s.reason}` : ''})`,
        });
      else if (stop !== undefined) out.set(row.id, { state: 'cancelled', reason: stop });
      else if (by !== undefined) out.set(row.id, { state: 'skipped', reason: supersededReason(by) });
    }
    return out;
  }

  /** For each order (of these ids) a newer order of the same customer supersedes: the newer order's id. */
  async function newerOrders(orderIds: readonly string[]): Promise<Map<string, string>> {
    const found = await sql<{ older: string; newer: string }>`
      SELECT DISTINCT ON (o.id) o.id AS older, n.id AS newer
      FROM orders o JOIN orders n
        ON lower(n.customer_email) = lower(o.customer_email) AND n.id <> o.id AND n.placed_at > o.placed_at
      WHERE o.id = ANY(${[...orderIds]}::text[])
        AND coalesce(o.rules->>'onNewOrder', 'supersede') = 'supersede'
        AND coalesce(n.rules->>'onNewOrder', 'supersede') = 'supersede'
      ORDER BY o.id, n.placed_at`.execute(db);
    return new Map(found.rows.map((r) => [r.older, r.newer]));
  }

  /**
   * The frequency rules for claimed marketing steps, one address at a time under an advisory lock: two workers
   * releasing marketing to one address take turns, so the second sees the first's step (claimed or handed over)
   * and defers its own. Deferred steps go back to `planned` with their new time, the reason and a job.
   */
  async function spaceOut(rows: readonly StepRow[]): Promise<StepRow[]> {
    const orders = new Map(
      (
        await db
          .selectFrom('orders')
          .select(['id', 'rules', sql<string | null>`document->'customer'->>'timeZone'`.as('time_zone')])
          .where('id', 'in', [...new Set(rows.map((r) => r.order_id))])
          .execute()
      ).map((o) => [o.id, { rules: readRules(o.rules), timeZone: o.time_zone }]),
    );
    const addresses = [...new Set(rows.map((r) => addressKey(r.recipient)))].sort();
    const ids = rows.map((r) => r.id);
    const longest = Math.max(...[...orders.values()].map((o) => gapMs(o.rules)), 0);
    return db.transaction().execute(async (trx) => {
      // One statement for every address, taken in the addresses' order (volatile functions in the select list
      // are evaluated after ORDER BY), so two workers never wait on each other in opposite orders.
      await sql`SELECT pg_advisory_xact_lock(hashtext(a))
        FROM unnest(${addresses.map((a) => `post-purchase:frequency:${a}`)}::text[]) WITH ORDINALITY AS u(a, n)
        ORDER BY n`.execute(trx);
      const nowMs = Date.now();
      const handed = await trx
        .selectFrom('steps')
        .select(['id', 'recipient', 'template', 'order_id', 'state', 'send_at', 'sent_at'])
        .where(sql<string>`lower(recipient)`, 'in', addresses)
        .where('kind', '=', 'marketing')
        .where('state', 'in', ['sent', 'scheduled', 'sending'])
        .where('id', 'not in', ids)
        // Every claimed step (an overdue one goes now, whatever its send time said), and what went or will go
        // within one gap of now: a step released now cannot conflict with anything earlier.
        .where((eb) =>
          eb.or([
            eb('state', '=', 'sending'),
            eb(sql`greatest(coalesce(sent_at, send_at), send_at)`, '>=', new Date(nowMs - longest)),
          ]),
        )
        .execute();
      const others = new Map<string, MarketingSend[]>();
      const add = (address: string, send: MarketingSend) =>
        others.set(address, [...(others.get(address) ?? []), send]);
      for (const h of handed)
        add(addressKey(h.recipient), {
          atMs: goesAt(h, nowMs),
          template: h.template,
          orderId: h.order_id,
        });
      const pass: StepRow[] = [];
      const sorted = [...rows].sort((a, b) => new Date(a.send_at).getTime() - new Date(b.send_at).getTime());
      for (const row of sorted) {
        const address = addressKey(row.recipient);
        const order = orders.get(row.order_id);
        const sendAtMs = new Date(row.send_at).getTime();
        const dueMs = Math.max(sendAtMs, nowMs);
        if (!order?.timeZone) {
          // An order imported from an old ledger: no rules to apply.
          pass.push(row);
          add(address, { atMs: dueMs, template: row.template, orderId: row.order_id });
          continue;
        }
        const moved = releaseTime(
          { kind: 'marketing', dueMs, timeZone: order.timeZone, ...(row.at ? { at: row.at } : {}) },
          order.rules,
          others.get(address) ?? [],
        );
        if (moved.atMs === dueMs) {
          pass.push(row);
          add(address, { atMs: dueMs, template: row.template, orderId: row.order_id });
          continue;
        }
        const windowMs = sendAtMs - new Date(row.release_at).getTime();
        const releaseAt = new Date(moved.atMs - windowMs);
        const local = toLocalIso(moved.atMs, order.timeZone);
        const reason = moved.reason ?? 'deferred';
        report.deferred++;
        seen.deferred(row, reason, new Date(moved.atMs));
        add(address, { atMs: moved.atMs, template: row.template, orderId: row.order_id });
        if (releaseAt.getTime() <= nowMs) {
          // The new time is still within the release window: handed to Resend now, scheduled for that time
          // (planned again, it would be claimed again at once by this very pass).
          const fields = { send_at: new Date(moved.atMs), release_at: releaseAt, local_time: local, reason };
          await trx
            .updateTable('steps')
            .set({ ...fields, updated_at: sql`now()` })
            .where('id', '=', row.id)
            .where('state', '=', 'sending')
            .execute();
          pass.push({ ...row, ...fields });
          continue;
        }
        await trx
          .updateTable('steps')
          .set({
            state: 'planned',
            send_at: new Date(moved.atMs),
            release_at: releaseAt,
            local_time: local,
            reason,
            lease_until: null,
            updated_at: sql`now()`,
          })
          .where('id', '=', row.id)
          .where('state', '=', 'sending')
          .execute();
        await boss.insert(
          [
            {
              id: jobId(`${row.id}@${releaseAt.toISOString()}`),
              name: STEP_QUEUE,
              data: { step: row.id },
              startAfter: releaseAt.toISOString(),
            },
          ],
          { db: kyselyExecutor(trx) },
        );
      }
      return pass;
    });
  }

  function isDue(row: StepRow): boolean {
    return new Date(row.send_at).getTime() <= Date.now() + 1000;
  }

  async function documentsFor(rows: readonly StepRow[]): Promise<void> {
    const missing = [...new Set(rows.map((r) => r.order_id))].filter((id) => !documents.has(id));
    if (missing.length === 0) return;
    const found = await db
      .selectFrom('orders')
      .select(['id', 'document'])
      .where('id', 'in', missing)
      .execute();
    for (const o of found) documents.set(o.id, o.document);
    // Keep the cache bounded on a long run.
    if (documents.size > 5000) for (const id of [...documents.keys()].slice(0, 2500)) documents.delete(id);
  }

  async function fail(rows: readonly StepRow[], reason: string): Promise<void> {
    if (rows.length === 0) return;
    await db
      .updateTable('steps')
      .set({ state: 'failed', reason, lease_until: null, updated_at: sql`now()` })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    for (const r of rows) report.failed.push({ step: r.id, order: r.order_id, template: r.template, reason });
    seen.failed(rows, reason);
  }

  async function deliver(unit: Unit): Promise<void> {
    await documentsFor(unit.rows);
    const payloads: SendPayload[] = [];
    const rows: StepRow[] = [];
    const broken: { row: StepRow; reason: string }[] = [];
    for (const row of unit.rows) {
      const scheduledAt =
        unit.mode === 'single' && !isDue(row) ? new Date(row.send_at) : unit.replay ? row.scheduled_at : null;
      try {
        payloads.push(
          await stepPayload(
            row,
            documents.get(row.order_id),
            context,
            scheduledAt ? new Date(scheduledAt) : null,
          ),
        );
        rows.push(row);
      } catch (error) {
        broken.push({ row, reason: `cannot render: ${(error as Error).message.split('\n')[0]}` });
      }
    }
    for (const b of broken) await fail([b.row], b.reason);
    if (rows.length === 0) return;
    const first = payloads[0];
    if (!unit.replay) {
      // Recorded before the request leaves: after a crash, this exact request is replayed. Only on steps this
      // worker still holds (same claim, not stopped meanwhile by a suppression or a cancellation): a step
      // stopped between its claim and this line never leaves.
      const held = await db
        .updateTable('steps')
        .set({
          batch_key: unit.key,
          scheduled_at: unit.mode === 'single' && first?.scheduledAt ? first.scheduledAt : null,
          updated_at: sql`now()`,
        })
        .where(
          sql<boolean>`(id, attempts) IN (SELECT * FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.attempts)}::int[]))`,
        )
        .where('state', '=', 'sending')
        .where('batch_key', 'is', null)
        .returning('id')
        .execute();
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
    report.requests++;
    if (unit.replay) report.replayed += rows.length;
    const single = payloads[0];
    const started = performance.now();
    const handed = (ok: boolean) =>
      seen.handedOver({
        mode: unit.mode,
        count: rows.length,
        ms: performance.now() - started,
        replay: unit.replay,
        ok,
      });
    if (unit.mode === 'single' && single && rows.length === 1) {
      const outcome = await sender.send(single, unit.key);
      handed(outcome.ok);
      if (outcome.ok) await accepted(rows, [outcome.data.id], [], Boolean(single.scheduledAt));
      else await rejected(rows, outcome);
      return;
    }
    const outcome = await sender.sendBatch(payloads, unit.key);
    handed(outcome.ok);
    if (!outcome.ok) return rejected(rows, outcome);
    const errors = outcome.data.errors ?? [];
    if (outcome.data.data.length + errors.length !== rows.length) {
      // Not an answer we can map to steps: leave them to be replayed (same key, same answer).
      await unknown(
        rows,
        `Resend answered ${outcome.data.data.length} ids and ${errors.length} errors for ${rows.length} emails`,
      );
      return;
    }
    await accepted(
      rows,
      outcome.data.data.map((d) => d.id),
      errors,
      false,
    );
  }

  async function accepted(
    rows: readonly StepRow[],
    ids: readonly string[],
    errors: readonly Readonly<{ index: number; message: string }>[],
    scheduled: boolean,
  ): Promise<void> {
    const failedAt = new Map(errors.map((e) => [e.index, e.message]));
    const okIds: string[] = [];
    const okResend: string[] = [];
    let next = 0;
    const bad: { row: StepRow; reason: string }[] = [];
    rows.forEach((row, index) => {
      const message = failedAt.get(index);
      if (message !== undefined) bad.push({ row, reason: `rejected by Resend: ${message}` });
      else {
        okIds.push(row.id);
        okResend.push(ids[next++] ?? '');
      }
    });
    if (okIds.length > 0)
      await sql`
        UPDATE steps SET state = ${scheduled ? 'scheduled' : 'sent'}, resend_id = u.resend_id,
          reason = CASE WHEN steps.reason LIKE 'deferred%' THEN steps.reason END,
          sent_at = now(), lease_until = NULL, updated_at = now()
        FROM unnest(${okIds}::text[], ${okResend}::text[]) AS u(id, resend_id)
        WHERE steps.id = u.id`.execute(db);
    if (scheduled) report.scheduled += okIds.length;
    else report.sent += okIds.length;
    seen.accepted(
      rows.filter((r) => okIds.includes(r.id)),
      scheduled,
    );
    if (scheduled && okIds.length > 0) await stopLate(okIds);
    for (const b of bad) await fail([b.row], b.reason);
    options.onProgress?.(report);
  }

  /**
   * A stop recorded while a scheduled step's request was on the wire found it neither planned nor scheduled:
   * look again now that Resend has its id, and cancel it there.
   */
  async function stopLate(ids: readonly string[]): Promise<void> {
    const rows = await db
      .selectFrom('steps')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
    const late = await stops(rows);
    for (const row of rows) {
      const stop = late.get(row.id);
      if (!stop || !stoppable(new Date(row.send_at).getTime(), Date.now())) continue;
      await cancelAtResend(
        db,
        sender,
        [row],
        stop.reason,
        stop.state === 'cancelled' ? 'cancelled' : 'skipped',
      );
    }
  }

  async function rejected(
    rows: readonly StepRow[],
    outcome: Readonly<{ error: string; name?: string; status: number | null; definitive: boolean }>,
  ): Promise<void> {
    if (!outcome.definitive) {
      await unknown(rows, outcome.error);
      return;
    }
    const stops = isQuotaError(outcome.name) || outcome.status === 401 || outcome.status === 403;
    if (stops) {
      // Nothing was accepted: the steps wait, planned, for the next run.
      await db
        .updateTable('steps')
        .set({
          state: 'planned',
          batch_key: null,
          lease_until: null,
          reason: outcome.error,
          updated_at: sql`now()`,
        })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      report.stopped ??= `Resend refused to send: ${outcome.error}; the remaining steps stay planned for the next run`;
      return;
    }
    await fail(rows, outcome.error);
    options.onProgress?.(report);
  }

  /** The outcome is unknown (retries ran out): the lease lapses at once so the next run replays this request. */
  async function unknown(rows: readonly StepRow[], reason: string): Promise<void> {
    await db
      .updateTable('steps')
      .set({
        lease_until: sql<Date>`now()`,
        reason: `${reason} (replayed on the next run)`,
        updated_at: sql`now()`,
      })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    for (const r of rows)
      report.failed.push({
        step: r.id,
        order: r.order_id,
        template: r.template,
        reason: `${reason} (replayed on the next run)`,
      });
    seen.unknown(rows, reason);
    options.onProgress?.(report);
  }

  // Each lane claims a batch (in turn), gates and renders it, and hands it over, then the next: while one batch
  // waits on the database or on Resend, the others go on. A claim is a state transition under SKIP LOCKED and the
  // frequency rules take each address's lock, as between workers.
  let crash: unknown;
  const lane = async (): Promise<void> => {
    while (crash === undefined) {
      const unit = await nextUnit();
      if (!unit) return;
      await deliver(unit);
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
  if (buffer.length > 0)
    await db
      .updateTable('steps')
      .set({ state: 'planned', lease_until: null, updated_at: sql`now()` })
      .where(
        'id',
        'in',
        buffer.map((r) => r.id),
      )
      .where('state', '=', 'sending')
      .execute();
  if (crash !== undefined) throw crash;
  return report;
}
