/**
 * Planning orders into the store: each order's steps and their queue jobs are written in one transaction (a
 * chunk of whole orders per transaction), so no step exists without its job and no job without its step.
 * Nothing is rendered here: the document is stored once and each email is rendered when its step is released.
 */
import { type Kysely, sql } from 'kysely';
import type PgBoss from 'pg-boss';
import { UnsubscribeSecretMissing } from '../core/links';
import type { OrderDocument } from '../core/order-document';
import { getTemplate } from '../emails';
import { idempotencyKey, stepId } from './payload';
import { type Plan, plan } from './schedule';
import type { Sequence } from './sequence';
import { anchorsFor } from './shipment-event';
import { jobId, kyselyExecutor, STEP_QUEUE, type StepJob } from './store/queue';
import type { Database, NewStep } from './store/schema';

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
  }>;

export type PlannedOrder = Readonly<{
  order: string;
  to: string;
  plan: Plan;
  /** Steps written (or re-timed) by this call; 0 when the order was planned before with the same times. */
  written: number;
}>;

/** Orders per transaction: big enough to keep 10,000 orders fast, small enough to keep each transaction short. */
const CHUNK = 200;

/** Plans every document (throws before writing anything if one cannot be planned), then writes them. */
export async function enqueueOrders(
  db: Kysely<Database>,
  boss: PgBoss,
  documents: readonly OrderDocument[],
  request: PlanRequest,
): Promise<PlannedOrder[]> {
  // Shipment events already received for these orders: anchored steps count from them.
  const anchors = await anchorsFor(
    db,
    documents.map((d) => d.order.id),
  );
  const plans = documents.map((document) => {
    const known = anchors.get(document.order.id);
    const p = plan(document, request.sequence, {
      now: request.now,
      ...(known ? { anchors: known } : {}),
      ...(request.start === undefined ? {} : { start: request.start }),
      ...(request.compressMs === undefined ? {} : { compressMs: request.compressMs }),
      ...(request.only === undefined ? {} : { only: request.only }),
    });
    const needsToken =
      p.steps.some((s) => s.kind === 'marketing') && (document.shop.unsubscribeUrl ?? '').includes('{token}');
    if (needsToken && !request.unsubscribeSecret) throw new UnsubscribeSecretMissing();
    return { document, plan: p, to: request.to ?? document.customer.email };
  });
  const results: PlannedOrder[] = [];
  for (let i = 0; i < plans.length; i += CHUNK) {
    const chunk = plans.slice(i, i + CHUNK);
    const written = await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('orders')
        .values(
          chunk.map(({ document }) => ({
            id: document.order.id,
            document: JSON.stringify(document),
            customer_email: document.customer.email,
            placed_at: document.order.placedAt,
            sequence: request.sequence.name,
          })),
        )
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({
            document: sql`excluded.document`,
            customer_email: sql`excluded.customer_email`,
            placed_at: sql`excluded.placed_at`,
            sequence: sql`excluded.sequence`,
            updated_at: sql`now()`,
          }),
        )
        .execute();
      const rows: NewStep[] = chunk.flatMap(({ document, plan: p, to }) =>
        stepRows(document, p, to, request),
      );
      const counts = new Map<string, number>();
      for (let j = 0; j < rows.length; j += 1000) {
        const written = await trx
          .insertInto('steps')
          .values(rows.slice(j, j + 1000))
          .onConflict((oc) =>
            oc
              .column('id')
              .doUpdateSet({
                state: sql`excluded.state`,
                send_at: sql`excluded.send_at`,
                local_time: sql`excluded.local_time`,
                release_at: sql`excluded.release_at`,
                idempotency_key: sql`excluded.idempotency_key`,
                variant: sql`excluded.variant`,
                anchor: sql`excluded.anchor`,
                subject: sql`excluded.subject`,
                sender: sql`excluded.sender`,
                reason: sql`excluded.reason`,
                batch_key: null,
                resend_id: null,
                updated_at: sql`now()`,
              })
              // Only a step that has not been handed over (or that Resend rejected) may be re-planned. A step a
              // newer order superseded stays superseded when a shipment event re-plans the older order.
              .where(sql<boolean>`steps.state IN ('planned', 'skipped', 'failed')`)
              .where(
                sql<boolean>`NOT (steps.state = 'skipped' AND coalesce(steps.reason, '') LIKE 'superseded%')`,
              )
              .where(
                sql<boolean>`(steps.send_at, steps.release_at, steps.state, steps.sender) IS DISTINCT FROM (excluded.send_at, excluded.release_at, excluded.state, excluded.sender)`,
              ),
          )
          .returning(['id', 'order_id', 'state', 'release_at'])
          .execute();
        const jobs: PgBoss.JobInsert<StepJob>[] = written
          .filter((w) => w.state === 'planned')
          .map((w) => ({
            id: jobId(`${w.id}@${new Date(w.release_at).toISOString()}`),
            name: STEP_QUEUE,
            data: { step: w.id },
            startAfter: new Date(w.release_at).toISOString(),
          }));
        if (jobs.length > 0) await boss.insert(jobs, { db: kyselyExecutor(trx) });
        for (const w of written) counts.set(w.order_id, (counts.get(w.order_id) ?? 0) + 1);
      }
      if (request.sequence.onNewOrder === 'supersede')
        await supersede(
          trx,
          chunk.map((c) => c.document),
        );
      return counts;
    });
    for (const c of chunk)
      results.push({
        order: c.document.order.id,
        to: c.to,
        plan: c.plan,
        written: written.get(c.document.order.id) ?? 0,
      });
  }
  return results;
}

function stepRows(document: OrderDocument, p: Plan, to: string, request: PlanRequest): NewStep[] {
  const orderId = document.order.id;
  const common = (s: Plan['steps'][number] | Plan['skipped'][number]) => {
    const id = stepId(orderId, s.template, s.key, to);
    const sendAt = new Date(s.sendAt);
    return {
      id,
      order_id: orderId,
      step: s.number,
      template: s.template,
      day: s.day,
      send_at: sendAt,
      local_time: s.local,
      release_at: new Date(sendAt.getTime() - request.releaseWindowMs),
      variant: s.variant ?? null,
      anchor: s.anchor ?? null,
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
      reason: null,
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

/**
 * `onNewOrder: "supersede"`: a customer's newer order skips the marketing steps of their older orders that have
 * not gone out (transactional steps always go).
 */
async function supersede(trx: Kysely<Database>, documents: readonly OrderDocument[]): Promise<void> {
  const ids = documents.map((d) => d.order.id);
  const emails = documents.map((d) => d.customer.email.toLowerCase());
  const placed = documents.map((d) => d.order.placedAt);
  await sql`
    UPDATE steps SET state = 'skipped', reason = 'superseded by order ' || n.id, updated_at = now()
    FROM orders o, unnest(${ids}::text[], ${emails}::text[], ${placed}::timestamptz[]) AS n(id, email, placed_at)
    WHERE steps.order_id = o.id AND steps.state = 'planned' AND steps.kind = 'marketing'
      AND lower(o.customer_email) = n.email AND o.id <> n.id AND o.placed_at < n.placed_at`.execute(trx);
}
