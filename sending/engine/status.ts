/**
 * Where each step stands (`status`, `GET /status`): the steps of an order (with its test runs), of a run or to an
 * address, a page at a time, and rejected webhooks.
 */
import type { StatusPage } from '../http/status-page';
import type { RejectedWebhook } from '../intake/shopify/webhook';
import { liveOrderOf } from '../plan/test-run';
import type { Db } from '../store/db';
import { rejectedWebhookEvents } from '../store/events';
import type { StepRow } from '../store/schema';
import { stepsFor } from '../store/steps';

export type StepStatus = Readonly<{
  /** The live order id (a test run's too: `run` tells them apart). */
  order: string;
  /** A test send's step (`send --to`, the console): reports and outcomes leave it out. */
  test: boolean;
  /** A test run's key in the store (`test:<order id>:<recipient>`); absent for a live step. */
  run?: string;
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

export type StatusFilter = Readonly<{ order?: string; to?: string; run?: string }>;

/**
 * The steps of an order (and its test runs), of a run or to an address (all without a filter), then the
 * webhooks refused for them. With `limit` one page, and `after` the page after that step; the refused webhooks
 * come on the last page (none for a run).
 */
export async function stepStatuses(db: Db, filter: StatusFilter & StatusPage): Promise<StepStatus[]> {
  const rows = (await stepsFor(db, filter)).map(statusOf);
  if (filter.after !== undefined || (filter.limit !== undefined && rows.length >= filter.limit)) return rows;
  const rejected = filter.run === undefined ? await rejectedWebhooks(db, filter) : [];
  return [
    ...rows,
    ...(filter.limit === undefined ? rejected : rejected.slice(0, filter.limit - rows.length)),
  ];
}

/** Shopify deliveries our schema refused, as status rows (state `rejected`, the field paths as the reason). */
async function rejectedWebhooks(db: Db, filter: StatusFilter): Promise<StepStatus[]> {
  const rows = await rejectedWebhookEvents(db, filter);
  return rows.map((row) => {
    const r = row.payload as RejectedWebhook;
    const at = new Date(row.received_at).toISOString();
    return {
      order: r.orderId ?? '',
      test: false,
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
    order: liveOrderOf(row.order_id),
    test: row.test,
    ...(row.test ? { run: row.order_id } : {}),
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
