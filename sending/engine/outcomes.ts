/**
 * The outcome use cases: what a Resend event says about an email (recorded on its step, a click judged on
 * arrival), and the credit an arriving order gives to the last email its customer clicked.
 */
import type { OrderDocument } from '../../core/order-document';
import { registry as builtIn } from '../../emails';
import { judgeClick } from '../plan/click-verdict';

export { DEFAULT_ATTRIBUTION_DAYS, parseAttributionDays } from '../plan/attribution';

import type { ResendEvent } from '../http/resend-webhook';
import type { Sequence } from '../plan/sequence';
import { abArmFigures } from '../store/ab-figures';
import type { Db } from '../store/db';
import {
  clicksOfEmail,
  insertCredit,
  insertInteraction,
  lastHumanClicks,
  markDeliveryOutcome,
  reviseToMachine,
  stepOfEmail,
} from '../store/outcomes';
import { readReportRows } from '../store/report-rows';
import { judgeAbTests } from './learning';
import { learningReport } from './learning-report';
import { type OutcomeReport, outcomeReport } from './outcome-report';

const DELIVERY_OUTCOME = {
  'email.delivered': 'delivered',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
} as const;

/**
 * Records what the event says about its email, in the caller's transaction (the one that records the event
 * once): a delivery, bounce or complaint on the step; a click with its verdict; an open.
 */
export async function recordEmailOutcome(db: Db, event: ResendEvent): Promise<void> {
  if (event.emailId === undefined) return;
  const emailId = event.emailId;
  if (event.type in DELIVERY_OUTCOME) {
    const outcome = DELIVERY_OUTCOME[event.type as keyof typeof DELIVERY_OUTCOME];
    await markDeliveryOutcome(db, emailId, outcome, event.createdAt);
    return;
  }
  const id = `resend:${event.svixId}`;
  const step = await stepOfEmail(db, emailId);
  if (event.type === 'email.opened') {
    await insertInteraction(db, { id, stepId: step?.id, emailId, type: 'open', at: event.createdAt });
    return;
  }
  if (event.type !== 'email.clicked' || !event.click) return;
  const click = event.click;
  const judged = judgeClick(
    { atMs: Date.parse(click.at), link: click.link, userAgent: click.userAgent },
    {
      deliveredMs: step?.deliveredMs,
      sentMs: step?.sentMs,
      earlier: await clicksOfEmail(db, emailId),
    },
  );
  await insertInteraction(db, {
    id,
    stepId: step?.id,
    emailId,
    type: 'click',
    link: click.link,
    at: click.at,
    verdict: judged.verdict,
    rule: judged.rule,
  });
  await reviseToMachine(db, judged.revise, judged.rule);
}

export type AttributionOptions = Readonly<{
  days: number;
  /** When the orders arrived. */
  now: Date;
}>;

/**
 * Arriving orders: each whose customer clicked (a `human` click) one of our emails within the `days` before the
 * order is credited to that click's step, in the order's own currency. The order's time is `order.placedAt` (an
 * imported order from last month counts from when it was placed, not from its import). The window ends at the
 * order, so an order posted again is judged the same way, and the store credits it at most once.
 */
export async function creditOrders(
  db: Db,
  documents: readonly OrderDocument[],
  options: AttributionOptions,
): Promise<number> {
  const arriving = documents.map((d) => {
    const placedMs = Date.parse(d.order.placedAt);
    return {
      orderId: d.order.id,
      address: d.customer.email,
      at: new Date(Number.isNaN(placedMs) ? options.now.getTime() : placedMs),
    };
  });
  const clicks = await lastHumanClicks(db, arriving, options.days);
  let credited = 0;
  for (const document of documents) {
    const click = clicks.get(document.order.id);
    if (!click) continue;
    const inserted = await insertCredit(db, {
      orderId: document.order.id,
      click,
      currency: document.order.currency,
      amount: document.order.total,
    });
    if (inserted) credited++;
  }
  return credited;
}

export type ReportOptions = Readonly<{ sinceMs?: number; now?: Date }>;

/** What each email achieved over the `sinceMs` (default 30 days) before `now`: the report document. */
export async function report(
  db: Db,
  sequence: Sequence,
  options: ReportOptions = {},
): Promise<OutcomeReport> {
  const until = options.now ?? new Date();
  const since = new Date(until.getTime() - (options.sinceMs ?? 30 * 86_400_000));
  // A test whose figures reached a new look is judged now, not at the next order.
  await judgeAbTests(db, sequence, until, abArmFigures);
  const rows = await readReportRows(db, since, until);
  const goals = Object.fromEntries(builtIn.ids.map((id) => [id, builtIn.get(id).goal]));
  const outcome = outcomeReport({ ...rows, goals, order: builtIn.ids });
  return { ...outcome, ...(await learningReport(db, sequence, { since, until })) };
}
