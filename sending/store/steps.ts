/**
 * The steps table: every statement that reads or moves a step, named by what it does. A step's life is
 * `planned` → `sending` (claimed by one worker, under a lease) → `sent` / `scheduled` (Resend accepted it), or
 * `skipped` / `cancelled` / `failed` with the reason; the worker records a request's key on its steps before the
 * request leaves, so a crash replays exactly that request.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from './db';
import type { Database, NewStep, StepRow, StepState } from './schema';

/**
 * Steps that have not been handed to Resend: planned ones, and ones a worker claimed but has not yet recorded a
 * request for (no batch key). The worker records its request only on steps still `sending`, so a step stopped
 * while not handed over never leaves, however the two interleave.
 */
export const NOT_HANDED_OVER = sql<boolean>`(steps.state = 'planned' OR (steps.state = 'sending' AND steps.batch_key IS NULL))`;

// ── planning ─────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Writes planned (and skipped) steps. Only a step that has not been handed over (or that Resend rejected) is
 * re-planned; a step a newer order superseded stays superseded when a shipment event re-plans the older order;
 * a step whose times and outcome did not change is left alone. Returns the steps written.
 */
export function writeSteps(trx: Db, rows: readonly NewStep[]) {
  return trx
    .insertInto('steps')
    .values([...rows])
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
        .where(sql<boolean>`steps.state IN ('planned', 'skipped', 'failed')`)
        .where(sql<boolean>`NOT (steps.state = 'skipped' AND coalesce(steps.reason, '') LIKE 'superseded%')`)
        .where(
          sql<boolean>`(steps.send_at, steps.release_at, steps.state, steps.sender, steps.anchor, steps.reason) IS DISTINCT FROM (excluded.send_at, excluded.release_at, excluded.state, excluded.sender, excluded.anchor, excluded.reason)`,
        ),
    )
    .returning(['id', 'order_id', 'state', 'release_at'])
    .execute();
}

/** Writes one step unless it exists (a shipment's email); true when written. */
export async function insertStep(trx: Db, row: NewStep): Promise<boolean> {
  const written = await trx
    .insertInto('steps')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return written !== undefined;
}

export type MarketingQuery = Readonly<{
  /** Addresses, as `addressKey` gives them. */
  addresses: readonly string[];
  states: readonly StepState[];
  /** Leave out these orders' steps (the orders being planned). */
  exceptOrders?: readonly string[];
  /** Leave out these steps (the ones being released). */
  exceptSteps?: readonly string[];
  /** Only test runs' steps (true) or only live ones (false); default both. */
  test?: boolean;
  /** Only what went or will go at or after this moment (and every claimed step). */
  since: Date;
}>;

/**
 * Marketing already going to these addresses: the frequency rules space a new marketing email from these, at
 * planning and again at release. With each step, its order's placing time and rules.
 */
export function marketingHistory(db: Db, query: MarketingQuery) {
  let select = db
    .selectFrom('steps')
    .innerJoin('orders', 'orders.id', 'steps.order_id')
    .select([
      'steps.id',
      'steps.send_at',
      'steps.template',
      'steps.order_id',
      'steps.state',
      'steps.sent_at',
      'steps.recipient',
      'orders.placed_at',
      'orders.rules',
    ])
    .where(sql<string>`lower(steps.recipient)`, 'in', [...query.addresses])
    .where('steps.kind', '=', 'marketing')
    .where('steps.state', 'in', [...query.states]);
  if (query.exceptOrders?.length) select = select.where('steps.order_id', 'not in', [...query.exceptOrders]);
  if (query.exceptSteps?.length) select = select.where('steps.id', 'not in', [...query.exceptSteps]);
  if (query.test !== undefined) select = select.where('steps.test', '=', query.test);
  return select
    .where((eb) =>
      eb.or([
        eb('steps.state', '=', 'sending'),
        eb(sql`greatest(coalesce(steps.sent_at, steps.send_at), steps.send_at)`, '>=', query.since),
      ]),
    )
    .execute();
}

/** These orders' own marketing already handed over (a re-plan keeps its real time). */
export function handedOverMarketing(trx: Db, orderIds: readonly string[]) {
  return trx
    .selectFrom('steps')
    .select(['id', 'state', 'send_at', 'sent_at'])
    .where('order_id', 'in', [...orderIds])
    .where('kind', '=', 'marketing')
    .where('state', 'in', ['sending', 'sent', 'scheduled'])
    .execute();
}

/**
 * The addresses and senders an order's sequence goes to (not counting its shipping updates): the live order's
 * and its test runs' (`order_id` their key, `test_of` set for a run).
 */
export function stepRecipients(db: Db, orderId: string) {
  return db
    .selectFrom('steps')
    .innerJoin('orders', 'orders.id', 'steps.order_id')
    .select(['steps.recipient', 'steps.sender', 'steps.order_id', 'orders.test_of'])
    .distinct()
    .where((eb) => eb.or([eb('steps.order_id', '=', orderId), eb('orders.test_of', '=', orderId)]))
    .where('steps.template', '<>', 'shipping-update')
    .execute();
}

/** Whether the store planned this order's sequence (more than its shipping updates). */
export async function hasSequenceSteps(db: Db, orderId: string): Promise<boolean> {
  const planned = await db
    .selectFrom('steps')
    .select('id')
    .where('order_id', '=', orderId)
    .where('template', '<>', 'shipping-update')
    .limit(1)
    .execute();
  return planned.length > 0;
}

// ── stops ────────────────────────────────────────────────────────────────────────────────────────────────────

/** Which steps a stop covers: an address (all its mail, or its marketing), or an order. */
export type StopTarget =
  | Readonly<{ address: string; scope: 'marketing' | 'all' }>
  | Readonly<{ orderId: string }>;

function covered(target: StopTarget) {
  return (eb: ExpressionBuilder<Database, 'steps'>): Expression<SqlBool> => {
    if ('orderId' in target) return eb('order_id', '=', target.orderId);
    const mine = eb(sql<string>`lower(recipient)`, '=', target.address);
    return target.scope === 'marketing' ? eb.and([mine, eb('kind', '=', 'marketing')]) : mine;
  };
}

/** Skips or cancels what a stop covers that is not handed over; returns how many. */
export async function stopUnsent(
  db: Db,
  target: StopTarget,
  stop: Readonly<{ state: 'skipped' | 'cancelled'; reason: string }>,
): Promise<number> {
  const unsent = await db
    .updateTable('steps')
    .set({ state: stop.state, reason: stop.reason, lease_until: null, updated_at: sql`now()` })
    .where(NOT_HANDED_OVER)
    .where(covered(target))
    .executeTakeFirst();
  return Number(unsent.numUpdatedRows);
}

/** What a stop covers that is scheduled at Resend to go after `after` (far enough ahead to cancel there). */
export function scheduledAfter(db: Db, target: StopTarget, after: Date) {
  return db
    .selectFrom('steps')
    .selectAll()
    .where('state', '=', 'scheduled')
    .where('send_at', '>', after)
    .where(covered(target))
    .execute();
}

/** Records what became of a stop on one step: the reason, and its new state when it changed. */
export async function recordStop(
  db: Db,
  id: string,
  outcome: Readonly<{ state?: StepState; reason: string }>,
): Promise<void> {
  await db
    .updateTable('steps')
    .set({ ...outcome, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export type WantedStop = Readonly<{ state: 'cancelled' | 'skipped'; reason: string }>;

/** Scheduled steps a worker is to cancel at Resend: the stop to record once it has, and the reason meanwhile. */
export async function wantStops(db: Db, ids: readonly string[], stop: WantedStop): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('steps')
    .set({
      stop_wanted: JSON.stringify(stop),
      reason: `${stop.reason}; being cancelled at Resend`,
      updated_at: sql`now()`,
    })
    .where('id', 'in', [...ids])
    .where('state', '=', 'scheduled')
    .execute();
}

/**
 * Takes (and clears) up to `limit` wanted stops for this worker: under SKIP LOCKED, so two workers never cancel
 * one email twice. Each row comes with the stop it wanted.
 */
export async function takeWantedStops(
  db: Db,
  limit: number,
): Promise<(StepRow & Readonly<{ wanted: WantedStop }>)[]> {
  const taken = await sql<StepRow & { wanted: WantedStop }>`
    WITH taken AS (
      SELECT id, stop_wanted FROM steps
      WHERE stop_wanted IS NOT NULL AND state = 'scheduled'
      ORDER BY send_at LIMIT ${limit} FOR UPDATE SKIP LOCKED
    )
    UPDATE steps SET stop_wanted = NULL, updated_at = now() FROM taken
    WHERE steps.id = taken.id
    RETURNING steps.*, taken.stop_wanted AS wanted`.execute(db);
  return taken.rows;
}

// ── reading ──────────────────────────────────────────────────────────────────────────────────────────────────

/** A step's place in the status order (order key, send time, step, template, recipient). */
export type StepPlace = Readonly<{
  order: string;
  sendAt: string;
  step: number;
  template: string;
  to: string;
}>;

export type StepsQuery = Readonly<{
  /** The live order's steps and its test runs'. */
  order?: string;
  /** One test run's key. */
  run?: string;
  to?: string;
  /** Only the steps after this one (a page after that step). */
  after?: StepPlace;
  limit?: number;
}>;

/** Steps of an order (and its test runs), of a run or to an address (all without a filter), in sending order. */
export function stepsFor(db: Db, filter: StepsQuery) {
  let query = db.selectFrom('steps').selectAll();
  const order = filter.order;
  if (order !== undefined)
    query = query.where((eb) =>
      eb.or([
        eb('order_id', '=', order),
        eb('order_id', 'in', eb.selectFrom('orders').select('id').where('test_of', '=', order)),
      ]),
    );
  if (filter.run !== undefined) query = query.where('order_id', '=', filter.run);
  if (filter.to !== undefined)
    query = query.where(sql<string>`lower(recipient)`, '=', filter.to.trim().toLowerCase());
  if (filter.after !== undefined) {
    const a = filter.after;
    query = query.where(
      sql<boolean>`(order_id, send_at, step, template, recipient) > (${a.order}, ${new Date(a.sendAt)}::timestamptz, ${a.step}, ${a.template}, ${a.to})`,
    );
  }
  query = query
    .orderBy('order_id')
    .orderBy('send_at')
    .orderBy('step')
    .orderBy('template')
    .orderBy('recipient');
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return query.execute();
}

/** When the next planned step is due for release (epoch ms), if any. */
export async function nextReleaseAt(db: Db): Promise<number | undefined> {
  const row = await db
    .selectFrom('steps')
    .select((eb) => eb.fn.min('release_at').as('next'))
    .where('state', '=', 'planned')
    .executeTakeFirst();
  return row?.next ? new Date(row.next as Date).getTime() : undefined;
}

export type DeliveryEvent = Readonly<{ type: string; emailId: string; createdAt: string; detail?: string }>;

/** Resend's word on one email, on its step: the latest event, and `failed` / `sent` where it says so. */
export async function applyDeliveryEvent(trx: Db, event: DeliveryEvent): Promise<void> {
  const failed = event.type === 'email.failed';
  await trx
    .updateTable('steps')
    .set({
      last_event: event.type.replace(/^email\./, ''),
      last_event_at: event.createdAt,
      ...(failed
        ? {
            state: 'failed' as const,
            reason: `failed at Resend${event.detail ? `: ${event.detail}` : ''}`,
          }
        : {}),
      ...(event.type === 'email.sent' || event.type === 'email.delivered' ? { state: 'sent' as const } : {}),
      updated_at: sql`now()`,
    })
    .where('resend_id', '=', event.emailId)
    .where((eb) =>
      eb.or([eb('last_event_at', 'is', null), eb('last_event_at', '<=', new Date(event.createdAt))]),
    )
    .execute();
}
