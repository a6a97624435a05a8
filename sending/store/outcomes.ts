/**
 * The outcomes' SQL, each statement a named function: what Resend says happened to each email (delivered,
 * bounced, complained, clicked, opened), the orders credited to a click, and the answers to a review request.
 */
import { type Kysely, sql } from 'kysely';
import type { Database, Verdict } from './schema';

/** The first delivery, bounce or complaint Resend reports for an email, on its step. */
export async function markDeliveryOutcome(
  db: Kysely<Database>,
  emailId: string,
  outcome: 'delivered' | 'bounced' | 'complained',
  at: string,
): Promise<void> {
  const column = `${outcome}_at` as const;
  await db
    .updateTable('steps')
    .set({ [column]: sql`coalesce(${sql.ref(column)}, ${new Date(at)})` })
    .where('resend_id', '=', emailId)
    .execute();
}

export type ClickStep = Readonly<{
  id: string;
  deliveredMs?: number;
  sentMs?: number;
}>;

/** The step an email id belongs to, with when it was delivered or left. */
export async function stepOfEmail(db: Kysely<Database>, emailId: string): Promise<ClickStep | undefined> {
  const row = await db
    .selectFrom('steps')
    .select(['id', 'delivered_at', 'sent_at', 'send_at', 'state'])
    .where('resend_id', '=', emailId)
    .executeTakeFirst();
  if (!row) return undefined;
  const ms = (d: Date | string | null) => (d === null ? undefined : new Date(d).getTime());
  // A step scheduled at Resend leaves at its send time, not when it was handed over.
  const handed = ms(row.sent_at);
  const due = ms(row.send_at);
  const sentMs = handed === undefined ? undefined : Math.max(handed, due ?? handed);
  const deliveredMs = ms(row.delivered_at);
  return {
    id: row.id,
    ...(deliveredMs === undefined ? {} : { deliveredMs }),
    ...(sentMs === undefined ? {} : { sentMs }),
  };
}

export type StoredClick = Readonly<{ id: string; atMs: number; link: string; verdict: Verdict }>;

/** The clicks of one email recorded so far. */
export async function clicksOfEmail(db: Kysely<Database>, emailId: string): Promise<StoredClick[]> {
  const rows = await db
    .selectFrom('interactions')
    .select(['id', 'at', 'link', 'verdict'])
    .where('email_id', '=', emailId)
    .where('type', '=', 'click')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    atMs: new Date(r.at).getTime(),
    link: r.link ?? '',
    verdict: r.verdict ?? 'human',
  }));
}

export type NewInteraction = Readonly<{
  id: string;
  stepId: string | undefined;
  emailId: string;
  type: 'click' | 'open';
  link?: string;
  at: string;
  verdict?: Verdict;
  rule?: string;
}>;

export async function insertInteraction(db: Kysely<Database>, row: NewInteraction): Promise<void> {
  await db
    .insertInto('interactions')
    .values({
      id: row.id,
      step_id: row.stepId ?? null,
      email_id: row.emailId,
      type: row.type,
      link: row.link ?? null,
      at: new Date(row.at),
      verdict: row.verdict ?? null,
      rule: row.rule ?? null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Earlier clicks a burst showed to be a machine's. */
export async function reviseToMachine(
  db: Kysely<Database>,
  ids: readonly string[],
  rule: string,
): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('interactions').set({ verdict: 'machine', rule }).where('id', 'in', ids).execute();
}

/** Removes a suppression only when Resend's list put it there (an unsubscribe or a hand-made one stays). */
export async function removeResendSuppression(db: Kysely<Database>, email: string): Promise<boolean> {
  const result = await db
    .deleteFrom('suppressions')
    .where('email', '=', email.trim().toLowerCase())
    .where('source', '=', 'resend')
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export type CreditableClick = Readonly<{
  stepId: string;
  template: string;
  variant: string | null;
  atMs: number;
}>;

export type ArrivingOrder = Readonly<{ orderId: string; address: string; at: Date }>;

/**
 * For each arriving order, the latest `human` click within the `days` before it by its customer's address on one of
 * our emails to them — a live step (its recipient is its order's customer), never a test send's. One query per
 * thousand orders, not one per order: a bulk import stays a bulk operation.
 */
export async function lastHumanClicks(
  db: Kysely<Database>,
  orders: readonly ArrivingOrder[],
  days: number,
): Promise<Map<string, CreditableClick>> {
  const found = new Map<string, CreditableClick>();
  if (orders.length === 0) return found;
  const any = await db
    .selectFrom('interactions')
    .select('id')
    .where('type', '=', 'click')
    .where('verdict', '=', 'human')
    .limit(1)
    .executeTakeFirst();
  if (!any) return found;
  for (let i = 0; i < orders.length; i += 1000) {
    const chunk = orders.slice(i, i + 1000);
    const { rows } = await sql<{
      order_id: string;
      step_id: string;
      template: string;
      variant: string | null;
      at: Date;
    }>`
      SELECT n.order_id, c.step_id, c.template, c.variant, c.at
      FROM unnest(${chunk.map((o) => o.orderId)}::text[], ${chunk.map((o) => o.address.trim().toLowerCase())}::text[],
                  ${chunk.map((o) => o.at.toISOString())}::timestamptz[]) AS n(order_id, email, placed)
      CROSS JOIN LATERAL (
        SELECT s.id AS step_id, s.template, s.variant, i.at
        FROM steps s
        JOIN orders o ON o.id = s.order_id
        JOIN interactions i ON i.step_id = s.id
        WHERE lower(s.recipient) = n.email AND lower(o.customer_email) = n.email
          AND i.type = 'click' AND i.verdict = 'human'
          AND i.at >= n.placed - make_interval(days => ${days}::int) AND i.at <= n.placed
        ORDER BY i.at DESC, i.id DESC
        LIMIT 1
      ) c`.execute(db);
    for (const r of rows)
      found.set(r.order_id, {
        stepId: r.step_id,
        template: r.template,
        variant: r.variant,
        atMs: new Date(r.at).getTime(),
      });
  }
  return found;
}

export type NewCredit = Readonly<{
  orderId: string;
  click: CreditableClick;
  currency: string;
  amount: number;
}>;

/** Credits an order once; a second credit for the same order changes nothing. */
export async function insertCredit(db: Kysely<Database>, credit: NewCredit): Promise<boolean> {
  const row = await db
    .insertInto('attributions')
    .values({
      order_id: credit.orderId,
      step_id: credit.click.stepId,
      template: credit.click.template,
      variant: credit.click.variant,
      currency: credit.currency,
      amount: credit.amount,
      clicked_at: new Date(credit.click.atMs),
    })
    .onConflict((oc) => oc.column('order_id').doNothing())
    .returning('order_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** A cancelled or refunded order loses its credit (kept, marked withdrawn). */
export async function withdrawCredit(
  db: Kysely<Database>,
  orderId: string,
  reason: string,
): Promise<boolean> {
  const result = await db
    .updateTable('attributions')
    .set({ withdrawn: reason, withdrawn_at: new Date() })
    .where('order_id', '=', orderId)
    .where('withdrawn', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
