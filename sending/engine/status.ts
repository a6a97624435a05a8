/** Where each step stands (`status`, `GET /status`): the steps of an order or to an address, and rejected webhooks. */
import type { RejectedWebhook } from '../intake/shopify/webhook';
import type { Db } from '../store/db';
import { rejectedWebhookEvents } from '../store/events';
import type { StepRow } from '../store/schema';
import { stepsFor } from '../store/steps';

export type StepStatus = Readonly<{
  order: string;
  to: string;
  step: number;
  template: string;
  kind: string;
  /** `rejected`: a webhook whose payload our schema refused (`template` names it, `reason` gives the field paths). */
  state: StepRow['state'] | 'rejected';
  /** Absolute (UTC). */
  sendAt: string;
  /** The same instant on the customer's clock. */
  local: string;
  variant: string | null;
  /** What the day counts from when not the order: `5 days after delivery`, `fallback: day 14 (…)`. */
  anchor?: string;
  resendId: string | null;
  reason: string | null;
  attempts: number;
  lastEvent: string | null;
}>;

export type StatusFilter = Readonly<{ order?: string; to?: string }>;

/** The steps of an order or to an address (all without a filter), then the webhooks refused for them. */
export async function stepStatuses(db: Db, filter: StatusFilter): Promise<StepStatus[]> {
  const rows = await stepsFor(db, filter);
  return [...rows.map(statusOf), ...(await rejectedWebhooks(db, filter))];
}

/** Shopify deliveries our schema refused, as status rows (state `rejected`, the field paths as the reason). */
async function rejectedWebhooks(
  db: Db,
  filter: Readonly<{ order?: string; to?: string }>,
): Promise<StepStatus[]> {
  const rows = await rejectedWebhookEvents(db, filter);
  return rows.map((row) => {
    const r = row.payload as RejectedWebhook;
    const at = new Date(row.received_at).toISOString();
    return {
      order: r.orderId ?? '',
      to: r.email ?? '',
      step: 0,
      template: `shopify ${r.topic}`,
      kind: 'webhook',
      state: 'rejected',
      sendAt: at,
      local: at,
      variant: null,
      resendId: null,
      reason: r.problems.join('; '),
      attempts: 0,
      lastEvent: null,
    };
  });
}

export function statusOf(row: StepRow): StepStatus {
  return {
    order: row.order_id,
    to: row.recipient,
    step: row.step,
    template: row.template,
    kind: row.kind,
    state: row.state,
    sendAt: new Date(row.send_at).toISOString(),
    local: row.local_time,
    variant: row.variant,
    ...(row.anchor ? { anchor: row.anchor } : {}),
    resendId: row.resend_id,
    reason: row.reason,
    attempts: row.attempts,
    lastEvent: row.last_event,
  };
}
