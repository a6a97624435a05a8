/**
 * Events about an order after it was planned: a shipment (its shipping update now, and the sequence re-planned
 * from what is now known), a cancellation or a refund (what has not gone out is stopped). Each is applied once.
 */
import { readRules } from '../plan/frequency';
import type { Sequence } from '../plan/sequence';
import type { Db } from '../store/db';
import { recordEvent, setEventOutcome } from '../store/events';
import { orderState } from '../store/orders';
import { withdrawCredit } from '../store/outcomes';
import type { Queue } from '../store/queue';
import { hasSequenceSteps } from '../store/steps';
import { enqueueOrders } from './enqueue';
import { LEARNING_PORTS } from './learning';
import { recordShipment } from './shipment-event';
import { type Canceller, stopForOrder } from './stops';
import type { Logger } from './telemetry';

export type SequencerEvent =
  | Readonly<{ type: 'order-cancelled' | 'order-refunded'; orderId: string; id?: string }>
  | Readonly<{ type: 'shipment'; document: unknown; id?: string }>;

export type EventResult = Readonly<{
  /** False when an event with this id was applied before (nothing done again). */
  applied: boolean;
  cancelled: number;
  outcome: string;
}>;

export type EventContext = Readonly<{
  db: Db;
  boss: Queue;
  sequence: Sequence;
  from: string;
  releaseWindowMs: number;
  unsubscribeSecret?: string;
  /** Cancels at Resend what is scheduled there (none: recorded, not cancelled). */
  sender?: Canceller;
  log: Logger;
}>;

export async function applyEvent(
  context: EventContext,
  event: SequencerEvent,
  now: Date,
): Promise<EventResult> {
  return event.type === 'shipment' ? applyShipment(context, event, now) : applyOrderStop(context, event);
}

async function applyShipment(
  context: EventContext,
  event: Extract<SequencerEvent, { type: 'shipment' }>,
  now: Date,
): Promise<EventResult> {
  const { db, boss, sequence } = context;
  const recorded = await recordShipment(event.document, {
    db,
    boss,
    sequenceName: sequence.name,
    from: context.from,
    now,
    ...(event.id === undefined ? {} : { source: event.id }),
  });
  // Re-plan the order's sequence (for each address it goes to: the live order, each test run) from what is now
  // known: a delivery moves the review request to its real day; an estimated delivery moves the instructions. An
  // order the store never planned gets its shipping update and nothing else. Each is re-planned under the
  // options it was first planned with: a compressed test send stays compressed.
  if (recorded.applied)
    for (const r of recorded.recipients) {
      const order = await orderState(db, r.key);
      if (!(await hasSequenceSteps(db, r.key)) || order?.cancelled) continue;
      const rules = order?.rules == null ? undefined : readRules(order.rules);
      await enqueueOrders(db, boss, [recorded.document], {
        sequence,
        from: r.from,
        to: r.to,
        test: r.test,
        releaseWindowMs: context.releaseWindowMs,
        now,
        ...(context.unsubscribeSecret === undefined ? {} : { unsubscribeSecret: context.unsubscribeSecret }),
        ...(context.sender ? { sender: context.sender } : {}),
        ...(rules?.compressMs === undefined ? {} : { compressMs: rules.compressMs }),
        ...(rules?.start === undefined ? {} : { start: rules.start }),
        ...(rules?.only === undefined ? {} : { only: rules.only }),
        ...LEARNING_PORTS,
      });
    }
  context.log.info(
    { event: 'shipment', order: recorded.orderId, applied: recorded.applied, outcome: recorded.outcome },
    `order ${recorded.orderId}: shipment ${recorded.outcome}`,
  );
  return { applied: recorded.applied, cancelled: 0, outcome: recorded.outcome };
}

async function applyOrderStop(
  context: EventContext,
  event: Extract<SequencerEvent, { type: 'order-cancelled' | 'order-refunded' }>,
): Promise<EventResult> {
  const { db } = context;
  const id = event.id ?? `${event.type}:${event.orderId}:${new Date().toISOString()}`;
  const recorded = await recordEvent(db, { id, source: 'api', type: event.type, payload: event });
  if (!recorded) return { applied: false, cancelled: 0, outcome: 'already applied' };
  const reason = event.type === 'order-cancelled' ? 'order cancelled' : 'order refunded';
  await withdrawCredit(db, event.orderId, reason);
  const stopped = await stopForOrder(db, context.sender, event.orderId, reason);
  const count = stopped.skipped + stopped.cancelledAtResend;
  const outcome = `${count} step(s) cancelled`;
  context.log.info(
    { event: 'order.stopped', order: event.orderId, reason, cancelled: count },
    `order ${event.orderId}: ${reason}, ${outcome}`,
  );
  await setEventOutcome(db, id, outcome);
  return { applied: true, cancelled: count, outcome };
}
