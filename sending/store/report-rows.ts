/** The rows the outcome report is computed from (sending/engine/outcome-report.ts), read for one window. */
import { type Kysely, sql } from 'kysely';
import type { ReportRows } from '../engine/outcome-report';
import type { Database } from './schema';

type Rows = Omit<ReportRows, 'goals' | 'order'>;

/** As `wentAt` (sending/engine/outcome-report.ts): the delivery, else the send time or a later hand-over. */
const went = sql<Date>`coalesce(s.delivered_at, greatest(coalesce(s.sent_at, s.send_at), s.send_at))`;

/** The live steps that went out in the window (a query to select from, or to filter by). */
function windowSteps(db: Kysely<Database>, since: Date, until: Date) {
  return db
    .selectFrom('steps as s')
    .innerJoin('orders as o', 'o.id', 's.order_id')
    .where((eb) => eb.or([eb('s.state', 'in', ['sent', 'scheduled']), eb('s.delivered_at', 'is not', null)]))
    .where(sql<boolean>`lower(s.recipient) = lower(o.customer_email)`)
    .where(went, '>=', since)
    .where(went, '<=', until);
}

export async function readReportRows(db: Kysely<Database>, since: Date, until: Date): Promise<Rows> {
  const stepRows = await windowSteps(db, since, until)
    .select([
      's.id',
      's.order_id',
      's.template',
      's.variant',
      's.kind',
      's.recipient',
      'o.customer_email',
      's.state',
      's.send_at',
      's.sent_at',
      's.delivered_at',
      's.bounced_at',
      's.complained_at',
    ])
    .execute();
  // Filtered by subqueries, not by lists of ids: a month of a busy shop is more steps than a statement's parameters.
  const ids = windowSteps(db, since, until).select('s.id');
  const emails = windowSteps(db, since, until).select(sql<string>`lower(o.customer_email)`.as('email'));
  const date = (d: Date | string | null) => (d === null ? null : new Date(d));
  const steps = stepRows.map((s) => ({
    id: s.id,
    orderId: s.order_id,
    template: s.template,
    variant: s.variant,
    kind: s.kind,
    recipient: s.recipient,
    customerEmail: s.customer_email,
    state: s.state,
    sendAt: new Date(s.send_at),
    sentAt: date(s.sent_at),
    deliveredAt: date(s.delivered_at),
    bouncedAt: date(s.bounced_at),
    complainedAt: date(s.complained_at),
  }));
  if (stepRows.length === 0)
    return {
      since,
      until,
      steps,
      clicks: [],
      credits: [],
      feedback: [],
      unsubscribes: [],
      customerOrders: [],
    };
  const [clicks, credits, feedback, unsubscribes, customerOrders] = await Promise.all([
    db
      .selectFrom('interactions')
      .select(['step_id', 'verdict'])
      .where('type', '=', 'click')
      .where('step_id', 'in', ids)
      .execute(),
    db
      .selectFrom('attributions')
      .select(['order_id', 'step_id', 'currency', 'amount', 'withdrawn'])
      .where('step_id', 'in', ids)
      .execute(),
    db
      .selectFrom('feedback')
      .select(['step_id', 'scale', 'score', 'tags'])
      .where('step_id', 'in', ids)
      .execute(),
    db
      .selectFrom('suppressions')
      .select(['email', 'created_at'])
      .where('source', '=', 'unsubscribe')
      .where('email', 'in', emails)
      .execute(),
    db
      .selectFrom('orders')
      .select([sql<string>`lower(customer_email)`.as('email'), (eb) => eb.fn.countAll<string>().as('n')])
      .where(sql<string>`lower(customer_email)`, 'in', emails)
      .where('cancelled', 'is', null)
      // An order only ever test-sent (to another address) is a marketer's sample, not a purchase.
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('steps')
            .select('steps.id')
            .whereRef('steps.order_id', '=', 'orders.id')
            .where(sql<boolean>`lower(steps.recipient) = lower(orders.customer_email)`),
        ),
      )
      .groupBy(sql`lower(customer_email)`)
      .execute(),
  ]);
  return {
    since,
    until,
    steps,
    clicks: clicks.map((c) => ({ stepId: c.step_id ?? '', verdict: c.verdict ?? 'human' })),
    credits: credits.map((c) => ({
      orderId: c.order_id,
      stepId: c.step_id,
      currency: c.currency,
      amount: Number(c.amount),
      withdrawn: c.withdrawn !== null,
    })),
    feedback: feedback.map((f) => ({
      stepId: f.step_id,
      scale: f.scale,
      score: f.score,
      tags: Array.isArray(f.tags)
        ? (f.tags as unknown[]).filter((t): t is string => typeof t === 'string')
        : [],
    })),
    unsubscribes: unsubscribes.map((u) => ({ email: u.email, at: new Date(u.created_at) })),
    customerOrders: customerOrders.map((c) => ({ email: c.email, orders: Number(c.n) })),
  };
}
