/**
 * Planning orders into the store: each order's steps and their queue jobs are written in one transaction (a
 * chunk of whole orders per transaction), so no step exists without its job and no job without its step.
 * Nothing is rendered here: the document is stored once and each email is rendered when its step is released.
 */
import { UnsubscribeSecretMissing } from '../../core/links';
import type { OrderDocument } from '../../core/order-document';
import { getTemplate } from '../../emails';
import {
  addressKey,
  gapMs,
  goesAt,
  type MarketingSend,
  nightRuleFor,
  type OrderRules,
  orderRules,
  readRules,
  STOP_MARGIN_MS,
  spacePlan,
} from '../plan/frequency';
import { idempotencyKey, stepId } from '../plan/payload';
import { isTestSend, type Plan, plan } from '../plan/schedule';
import type { Sequence } from '../plan/sequence';
import { testRunKey } from '../plan/test-run';
import { toLocalIso } from '../plan/zoned-time';
import { type Db, inTransaction } from '../store/db';
import { supersedeOlderMarketing, upsertOrders } from '../store/orders';
import { analyzeQueue, type Queue, queueStepJobs, stepJob } from '../store/queue';
import { previousAddresses, retirePreviousAddress, WENT_BEFORE_REASON } from '../store/replaced';
import type { NewStep } from '../store/schema';
import { handedOverMarketing, marketingHistory, writeSteps } from '../store/steps';
import { notifyDue } from '../store/wake';
import { type AbFigures, learningFor, type NpsScores } from './learning';
import { anchorsFor } from './shipment-event';
import { type Canceller, cancelAtResend } from './stops';

/** What a caller may choose per enqueue. */
export type EnqueueRequestOptions = Readonly<{
  /** Every step to this address instead of the customer (a test send). */
  to?: string;
  /** Day 0 (ISO 8601 with an offset) instead of `order.placedAt`. */
  start?: string;
  /** One sequence day lasts this many milliseconds (a compressed test send). */
  compressMs?: number;
  /** Only these templates. */
  only?: readonly string[];
}>;

export type PlanRequest = EnqueueRequestOptions &
  Readonly<{
    sequence: Sequence;
    /** The sender, `Name <address>`. */
    from: string;
    /** A step is handed to Resend this long before its send time. */
    releaseWindowMs: number;
    unsubscribeSecret?: string;
    now: Date;
    /** Cancels at Resend what a newer order supersedes after it was scheduled there (none: recorded, not cancelled). */
    sender?: Canceller;
    /**
     * A test send to `to`: each order is planned as its own run (`test:<order id>:<to>`, sending/plan/test-run.ts),
     * apart from the live order and from other runs; it supersedes nothing and nothing supersedes it.
     */
    test?: boolean;
    /** The arms' figures of the sequence's A/B tests (the outcomes): with it, tests are judged before planning. */
    abFigures?: AbFigures;
    /** The customers' latest NPS answers, for `when` segments on `nps`. */
    npsScores?: NpsScores;
  }>;

export type PlannedOrder = Readonly<{
  order: string;
  /** The store's key of the order: the order id, or a test run's `test:<order id>:<to>`. */
  key: string;
  test: boolean;
  to: string;
  plan: Plan;
  /** Steps written (or re-timed) by this call; 0 when the order was planned before with the same times. */
  written: number;
}>;

/** Orders per transaction: big enough to keep 10,000 orders fast, small enough to keep each transaction short. */
const CHUNK = 200;

/**
 * After writing this many jobs in one call, the planner's statistics of the steps and the queue are refreshed at
 * once: until autovacuum gets to them (never, in the embedded store, which has no autovacuum) the planner takes
 * the new rows for a handful, and the worker's claim and pg-boss's fetch scan and sort every due row instead of
 * reading the hundred they need.
 */
const ANALYZE_AFTER_JOBS = 1000;

/** Plans every document (throws before writing anything if one cannot be planned), then writes them. */
export async function enqueueOrders(
  db: Db,
  boss: Queue,
  documents: readonly OrderDocument[],
  request: PlanRequest,
): Promise<PlannedOrder[]> {
  // Shipment events already received for these orders: anchored steps count from them.
  const anchors = await anchorsFor(
    db,
    documents.map((d) => d.order.id),
  );
  const learning = await learningFor(db, request.sequence, documents, {
    now: request.now,
    ...(request.abFigures ? { figures: request.abFigures } : {}),
    ...(request.npsScores ? { npsScores: request.npsScores } : {}),
  });
  const plans = documents.map((document) => {
    const known = anchors.get(document.order.id);
    const facts = learning.facts.get(document.order.id);
    const p = plan(document, request.sequence, {
      now: request.now,
      ...(learning.winners.size && !learning.planned.has(document.order.id)
        ? { abWinners: learning.winners }
        : {}),
      ...(facts ? { facts } : {}),
      ...(known ? { anchors: known } : {}),
      ...(request.start === undefined ? {} : { start: request.start }),
      ...(request.compressMs === undefined ? {} : { compressMs: request.compressMs }),
      ...(request.only === undefined ? {} : { only: request.only }),
      ...(isTestSend(request.to, document) ? { testSend: true } : {}),
    });
    const needsToken =
      p.steps.some((s) => s.kind === 'marketing') && (document.shop.unsubscribeUrl ?? '').includes('{token}');
    if (needsToken && !request.unsubscribeSecret) throw new UnsubscribeSecretMissing();
    const rules = orderRules(request.sequence, {
      compressMs: request.compressMs,
      start: request.start ?? (request.compressMs === undefined ? undefined : p.start),
      only: request.only,
    });
    const to = request.to ?? document.customer.email;
    const test = request.test === true && request.to !== undefined;
    // Korea's night is kept with the order, so the worker holds it at release too; as at planning, a
    // compressed test send to another address than the customer's is the one run it does not concern.
    const compressedTest = request.compressMs !== undefined && isTestSend(request.to, document);
    const night = compressedTest ? {} : nightRuleFor(document.customer, p.locale);
    return {
      document,
      plan: p,
      rules: { ...rules, ...night },
      to,
      test,
      key: test ? testRunKey(document.order.id, to) : document.order.id,
    };
  });
  const results: PlannedOrder[] = [];
  const superseded: Awaited<ReturnType<typeof supersedeOlderMarketing>> = [];
  let queued = 0;
  for (let i = 0; i < plans.length; i += CHUNK) {
    const planned = plans.slice(i, i + CHUNK);
    const written = await inTransaction(db, async (trx) => {
      // A live plan (not a test send) for a known order whose address changed: the newer document replaces it.
      const moved =
        request.to === undefined
          ? await previousAddresses(
              trx,
              planned.map((p) => ({ id: p.document.order.id, email: p.document.customer.email })),
            )
          : new Map<string, string>();
      const wentBefore = new Map<string, Set<string>>();
      for (const [orderId, previous] of moved)
        wentBefore.set(orderId, await retirePreviousAddress(trx, orderId, previous));
      const chunk = await spaced(trx, planned, request.now.getTime());
      await upsertOrders(
        trx,
        chunk.map(({ document, rules, key, test, to }) => ({
          id: key,
          document: JSON.stringify(document),
          // A test run's "customer" is its recipient: it never counts as the real customer's order.
          customer_email: test ? to : document.customer.email,
          placed_at: document.order.placedAt,
          sequence: request.sequence.name,
          rules: JSON.stringify(rules),
          test_of: test ? document.order.id : null,
          test_to: test ? to.trim().toLowerCase() : null,
        })),
      );
      const rows: NewStep[] = chunk.flatMap(({ document, plan: p, to, moved, key, test }) =>
        stepRows(document, p, to, request, moved, key, test).map((row) =>
          row.state === 'planned' && wentBefore.get(row.order_id)?.has(row.template)
            ? { ...row, state: 'skipped' as const, reason: WENT_BEFORE_REASON }
            : row,
        ),
      );
      const counts = new Map<string, number>();
      for (let j = 0; j < rows.length; j += 1000) {
        const written = await writeSteps(trx, rows.slice(j, j + 1000));
        const jobs = written
          .filter((w) => w.state === 'planned')
          .map((w) => stepJob(w.id, new Date(w.release_at)));
        if (jobs.length > 0) {
          await queueStepJobs(trx, boss, jobs);
          // A worker listening elsewhere releases what is due as soon as this commits.
          await notifyDue(trx);
        }
        queued += jobs.length;
        for (const w of written) counts.set(w.order_id, (counts.get(w.order_id) ?? 0) + 1);
      }
      if (request.sequence.onNewOrder === 'supersede')
        superseded.push(
          ...(await supersedeOlderMarketing(
            trx,
            chunk.filter((c) => !c.test).map((c) => c.document.order.id),
            new Date(request.now.getTime() + STOP_MARGIN_MS),
          )),
        );
      return { counts, chunk };
    });
    for (const c of written.chunk)
      results.push({
        order: c.document.order.id,
        key: c.key,
        test: c.test,
        to: c.to,
        plan: c.plan,
        written: written.counts.get(c.key) ?? 0,
      });
  }
  if (queued >= ANALYZE_AFTER_JOBS) await analyzeQueue(db);
  // Handed to Resend before the newer order came: cancelled there (after the commit: a request is not undone
  // by a rollback).
  for (const row of superseded)
    await cancelAtResend(db, request.sender, [row], row.reason ?? 'superseded', 'skipped');
  return results;
}

type Planned = Readonly<{
  document: OrderDocument;
  plan: Plan;
  rules: OrderRules;
  to: string;
  /** The store's order key (a test run's own). */
  key: string;
  test: boolean;
}>;
type Spaced = Planned & Readonly<{ moved: ReadonlyMap<string, string> }>;

/**
 * Applies the frequency rules to each plan before it is written: a marketing step is deferred past the marketing
 * already going to the same address (from other orders that this one does not supersede, and from orders
 * earlier in the same call), then out of the quiet hours. The worker applies the same rules again at release.
 */
async function spaced(trx: Db, planned: readonly Planned[], nowMs: number): Promise<Spaced[]> {
  const addresses = [...new Set(planned.map((p) => addressKey(p.to)))];
  const ids = planned.map((p) => p.key);
  const horizonMs = Math.min(...planned.map((p) => Date.parse(p.plan.start) - gapMs(p.rules)));
  const existing = await marketingHistory(trx, {
    addresses,
    states: ['planned', 'sending', 'sent', 'scheduled'],
    exceptOrders: ids,
    // Test runs and live orders never hold one another back.
    test: planned.some((p) => p.test),
    since: new Date(Number.isFinite(horizonMs) ? horizonMs : 0),
  });
  // This order's own marketing already handed over (a re-plan): it keeps its real time, and the rest is spaced
  // around it rather than around its calendar time.
  const handed = new Map(
    (await handedOverMarketing(trx, ids)).map((row) => [row.id, goesAt(row, nowMs)] as const),
  );
  type Known = MarketingSend & Readonly<{ placedMs: number; supersedable: boolean; handedOver: boolean }>;
  const known = new Map<string, Known[]>();
  const remember = (address: string, k: Known) => known.set(address, [...(known.get(address) ?? []), k]);
  for (const e of existing)
    remember(addressKey(e.recipient), {
      atMs: goesAt(e, nowMs),
      template: e.template,
      orderId: e.order_id,
      placedMs: e.placed_at ? new Date(e.placed_at).getTime() : 0,
      supersedable: readRules(e.rules).onNewOrder === 'supersede',
      handedOver: e.state !== 'planned',
    });
  return planned.map((p) => {
    const address = addressKey(p.to);
    const placedMs = Date.parse(p.document.order.placedAt);
    // An older order this one supersedes loses its unsent marketing: it does not hold this order back.
    const supersedes = p.rules.onNewOrder === 'supersede';
    const others = (known.get(address) ?? []).filter(
      (k) => k.handedOver || !(supersedes && k.supersedable && k.placedMs < placedMs),
    );
    const timeZone = p.plan.timeZone;
    const fixed = new Map<number, number>();
    p.plan.steps.forEach((step, index) => {
      const atMs = handed.get(stepId(p.document.order.id, step.template, step.key, p.to));
      if (atMs !== undefined) fixed.set(index, atMs);
    });
    const moves = spacePlan(p.plan.steps, p.rules, others, p.document.order.id, timeZone, { nowMs, fixed });
    const moved = new Map<string, string>();
    const steps = p.plan.steps.map((step, index) => {
      const m = moves.get(index);
      if (!m) return step;
      if (m.reason) moved.set(step.key, m.reason);
      return { ...step, sendAt: new Date(m.atMs).toISOString(), local: toLocalIso(m.atMs, timeZone) };
    });
    steps.forEach((step, index) => {
      if (step.kind !== 'marketing') return;
      remember(address, {
        // What went keeps its real time; an overdue step goes at once, so later orders are spaced from now.
        atMs: fixed.get(index) ?? Math.max(Date.parse(step.sendAt), nowMs),
        template: step.template,
        orderId: p.document.order.id,
        placedMs,
        supersedable: p.rules.onNewOrder === 'supersede',
        handedOver: fixed.has(index),
      });
    });
    const sorted = [...steps].sort(
      (a, b) => Date.parse(a.sendAt) - Date.parse(b.sendAt) || a.number - b.number,
    );
    return { ...p, plan: moves.size === 0 ? p.plan : { ...p.plan, steps: sorted }, moved };
  });
}

function stepRows(
  document: OrderDocument,
  p: Plan,
  to: string,
  request: PlanRequest,
  moved: ReadonlyMap<string, string>,
  key: string,
  test: boolean,
): NewStep[] {
  const orderId = document.order.id;
  const common = (s: Plan['steps'][number] | Plan['skipped'][number]) => {
    // The step id hashes the recipient already: a test run's ids are those its steps always had.
    const id = stepId(orderId, s.template, s.key, to);
    const sendAt = new Date(s.sendAt);
    return {
      id,
      order_id: key,
      test,
      step: s.number,
      template: s.template,
      day: s.day,
      send_at: sendAt,
      local_time: s.local,
      release_at: new Date(sendAt.getTime() - request.releaseWindowMs),
      variant: s.variant ?? null,
      anchor: s.anchor ?? null,
      at: s.at ?? null,
      recipient: to,
      sender: request.from,
      idempotency_key: idempotencyKey(id, s.sendAt),
    };
  };
  return [
    ...p.steps.map((s) => ({
      ...common(s),
      kind: s.kind,
      state: 'planned' as const,
      subject: s.subject,
      reason: moved.get(s.key) ?? s.deferred ?? null,
    })),
    ...p.skipped.map((s) => ({
      ...common(s),
      kind: getTemplate(s.template).kind,
      state: 'skipped' as const,
      subject: null,
      reason: s.reason,
    })),
  ];
}
