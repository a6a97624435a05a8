/**
 * A shipment event (`event --type shipment`, `POST /events`, a Shopify fulfillment): the order document whose
 * `shipment` is the news. The shipping-update email goes at once (transactional, never deferred), once per
 * shipment and status; the event is kept as an anchor (`shipped`, `delivered`) and the order is re-planned, so
 * steps timed from the parcel (`after: "delivered"`, `after: "estimated-delivery"`) move to their real day.
 */
import { createHash } from 'node:crypto';
import { type OrderDocument, unstorableProblems, ValidationError } from '../../core/order-document';
import { validateFor } from '../../core/template';
import { getTemplate, renderEmail } from '../../emails';
import { emailPayload, idempotencyKey } from '../plan/payload';
import type { Anchors } from '../plan/schedule';
import { toLocalIso, wallTimeAt } from '../plan/zoned-time';
import { type Db, inTransaction } from '../store/db';
import { recordEvent, shipmentTimes } from '../store/events';
import { recordOrderDocument, recordTestRunDocuments } from '../store/orders';
import { type NewStepJob, type Queue, queueStepJobs, stepJob } from '../store/queue';
import { insertStep, stepRecipients } from '../store/steps';
import { notifyDue } from '../store/wake';
import { stepTags } from './step-payload';

/** What the events table keeps of a shipment (`type = 'shipment'`): enough to re-derive the anchors. */
export type ShipmentRecord = Readonly<{
  orderId: string;
  status: string;
  trackingNumber: string;
  carrier: string;
  /** When it happened (we learned it): the anchor instant. */
  at: string;
  /** The caller's own id for the event (a Shopify webhook id), when it had one. */
  source?: string;
}>;

/** The events table id of one shipment status: a repeat of the same status for the same parcel is the same row. */
export function shipmentEventId(orderId: string, trackingNumber: string, status: string): string {
  const parcel = createHash('sha256').update(trackingNumber).digest('hex').slice(0, 16);
  return `shipment/${orderId}/${parcel}/${status}`;
}

/**
 * The anchors known for each order: `shipped` is the first shipment event of any status (a parcel out for
 * delivery has shipped), `delivered` the first delivery.
 */
export async function anchorsFor(db: Db, orderIds: readonly string[]): Promise<Map<string, Anchors>> {
  const result = new Map<string, Anchors>();
  if (orderIds.length === 0) return result;
  const rows = await shipmentTimes(db, orderIds);
  for (const row of rows)
    result.set(row.order_id, {
      ...(row.shipped ? { shipped: row.shipped } : {}),
      ...(row.delivered ? { delivered: row.delivered } : {}),
    });
  return result;
}

export type ShipmentContext = Readonly<{
  db: Db;
  boss: Queue;
  /** The sequence's name, for an order the store has not seen before. */
  sequenceName: string;
  /** The sender for an order the store has not seen before. */
  from: string;
  now: Date;
  /** The caller's id for this event (a Shopify webhook id), kept with it. */
  source?: string;
}>;

export type ShipmentOutcome = Readonly<{
  applied: boolean;
  outcome: string;
  orderId: string;
  /** The document as validated (re-plan the order from it when applied). */
  document: OrderDocument;
  /**
   * The recipients and senders the order's steps go to: the live order's, and each test run's (a test send's
   * `--to` keeps getting its own copies, in its own run: `key` is the store's order key, `test` says which).
   */
  recipients: readonly Readonly<{ to: string; from: string; key: string; test: boolean }>[];
}>;

const hash = (value: string, n: number) => createHash('sha256').update(value).digest('hex').slice(0, n);

/** Calendar days from the order to `now` on the customer's calendar: the `step=` tag of an event's email. */
function dayOf(document: OrderDocument, now: Date): number {
  const zone = document.customer.timeZone;
  const a = wallTimeAt(Date.parse(document.order.placedAt), zone);
  const b = wallTimeAt(now.getTime(), zone);
  return Math.max(
    0,
    Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000),
  );
}

/**
 * Records the shipment and queues its shipping-update email, in one transaction. Throws a ValidationError
 * (with field paths) before touching the store when the document cannot carry a shipping update.
 */
export async function recordShipment(input: unknown, context: ShipmentContext): Promise<ShipmentOutcome> {
  const document = validateFor(getTemplate('shipping-update'), input) as OrderDocument & {
    shipment: NonNullable<OrderDocument['shipment']>;
  };
  // The document is stored: every string in it must be one Postgres can hold.
  const unstorable = unstorableProblems(document);
  if (unstorable.length > 0) throw new ValidationError(unstorable);
  const { shipment } = document;
  const orderId = document.order.id;
  const now = context.now;
  const eventId = shipmentEventId(orderId, shipment.trackingNumber, shipment.status);
  const record: ShipmentRecord = {
    orderId,
    status: shipment.status,
    trackingNumber: shipment.trackingNumber,
    carrier: shipment.carrier,
    at: now.toISOString(),
    ...(context.source ? { source: context.source } : {}),
  };

  return inTransaction(context.db, async (trx) => {
    const inserted = await recordEvent(trx, {
      id: eventId,
      source: context.source ? 'shopify' : 'api',
      type: 'shipment',
      payload: record,
    });
    const existing = await stepRecipients(trx, orderId);
    const recipients = existing.length
      ? existing.map((r) => ({ to: r.recipient, from: r.sender, key: r.order_id, test: r.test_of !== null }))
      : [{ to: document.customer.email, from: context.from, key: orderId, test: false }];
    if (!inserted)
      return {
        applied: false,
        outcome: `already applied: ${shipment.status} for parcel ${shipment.trackingNumber} was sent before`,
        orderId,
        document,
        recipients,
      };

    // The latest word on the order, for its test runs too: later steps (instructions before the estimated
    // delivery) plan and render from it. An order known only from its test runs gets no live row.
    await recordTestRunDocuments(trx, orderId, JSON.stringify(document));
    if (recipients.some((r) => !r.test))
      await recordOrderDocument(trx, {
        id: orderId,
        document: JSON.stringify(document),
        customer_email: document.customer.email,
        placed_at: document.order.placedAt,
        sequence: context.sequenceName,
      });

    const day = dayOf(document, now);
    const sendAt = now.toISOString();
    const jobs: NewStepJob[] = [];
    for (const { to, from, key, test } of recipients) {
      const id = `pp/${encodeURIComponent(orderId).slice(0, 120)}/ship-${hash(shipment.trackingNumber, 12)}-${shipment.status}-shipping-update/${hash(to.trim().toLowerCase(), 16)}`;
      // The email is rendered now and kept with the step: a later shipment changes the order's document, and
      // this email must still say what happened at this moment.
      const email = await renderEmail('shipping-update', document, { recipient: to });
      const tagsRow = { template: 'shipping-update', order_id: key, day, variant: null };
      // Without headers: a shipping update is transactional and carries no unsubscribe.
      const { subject, html, text } = email;
      const payload = emailPayload(from, to, { subject, html, text }, stepTags(tagsRow));
      const written = await insertStep(trx, {
        id,
        order_id: key,
        test,
        step: 0,
        template: 'shipping-update',
        kind: 'transactional',
        day,
        state: 'planned',
        send_at: sendAt,
        local_time: toLocalIso(now.getTime(), document.customer.timeZone),
        release_at: sendAt,
        variant: null,
        recipient: to,
        sender: from,
        subject: email.subject,
        idempotency_key: idempotencyKey(id, sendAt),
        reason: `shipment event: ${shipment.status}, ${shipment.carrier} ${shipment.trackingNumber}`,
        payload: JSON.stringify(payload),
      });
      if (written) jobs.push(stepJob(id, sendAt));
    }
    if (jobs.length > 0) {
      await queueStepJobs(trx, context.boss, jobs);
      // A worker listening elsewhere releases the update as soon as this commits.
      await notifyDue(trx);
    }
    return {
      applied: true,
      outcome: `shipping update (${shipment.status}) queued for ${recipients.length} recipient(s)`,
      orderId,
      document,
      recipients,
    };
  });
}
