/**
 * What each email achieved, as the contract's JSON document: a pure function over the store's rows (read by
 * sending/store/report-rows.ts), so `send report`, `GET /report` and the console's page agree to the unit.
 *
 * The emails counted are the live steps (never a test send's) that went out between `since` and `until`; each
 * one's outcomes — delivery, clicks, orders credited to it, a rating, an unsubscribe — count with it, whenever
 * they came. Rates are unrounded fractions per delivered email; money stays in minor units per currency.
 */

import type { Goal } from '../../core/template';
import type { HoldoutComparison } from '../plan/holdout';
import type { ReportFeedback, ReportRows, ReportStep } from '../store/report-rows';
import type { AbTestReport } from './learning-report';

export type {
  ReportClick,
  ReportCredit,
  ReportCustomerOrders,
  ReportFeedback,
  ReportRows,
  ReportStep,
  ReportUnsubscribe,
} from '../store/report-rows';

export type Money = Record<string, number>;

export type TemplateRow = {
  template: string;
  variant: string;
  goal: Goal;
  sent: number;
  delivered: number;
  bounced: number;
  complained: number;
  unsubscribed: number;
  humanClicks: number;
  clickRate: number;
  orders: number;
  revenue: Money;
  revenuePerRecipient: Money;
  conversionRate: number;
};

export type OutcomeReport = {
  since: string;
  until: string;
  templates: TemplateRow[];
  feedback: {
    nps: { responses: number; score: number | null };
    csat: { responses: number; percent: number | null };
    tags: Record<string, number>;
  };
  /** The sequence's A/B tests, their arms now and their decision (sending/engine/learning-report.ts). */
  abTests: AbTestReport[];
  retention: { customers: number; repeatRate: number };
  /** Held-out customers against the others, when the sequence has a holdout. */
  holdout?: HoldoutComparison;
};

const key = (address: string) => address.trim().toLowerCase();

/** When a step really left: when Resend delivered it, else its send time (or later, if handed over late). */
export function wentAt(step: Pick<ReportStep, 'sendAt' | 'sentAt' | 'deliveredAt'>): Date {
  if (step.deliveredAt) return step.deliveredAt;
  const sent = step.sentAt?.getTime() ?? step.sendAt.getTime();
  return new Date(Math.max(sent, step.sendAt.getTime()));
}

/** A live step that went out in the window (handed over and due, or reported delivered). */
export function counts(step: ReportStep, since: Date, until: Date): boolean {
  if (key(step.recipient) !== key(step.customerEmail)) return false;
  const went = wentAt(step).getTime();
  const gone =
    step.deliveredAt !== null ||
    step.state === 'sent' ||
    (step.state === 'scheduled' && step.sendAt.getTime() <= until.getTime());
  return gone && went >= since.getTime() && went <= until.getTime();
}

const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);

export function outcomeReport(rows: ReportRows): OutcomeReport {
  const steps = rows.steps.filter((s) => counts(s, rows.since, rows.until));
  const byId = new Map(steps.map((s) => [s.id, s]));
  const groupOf = (s: ReportStep) => `${s.template}\u0000${s.variant ?? 'a'}`;
  const groups = new Map<string, TemplateRow>();
  for (const s of steps) {
    const g = groupOf(s);
    if (!groups.has(g))
      groups.set(g, {
        template: s.template,
        variant: s.variant ?? 'a',
        goal: rows.goals[s.template] ?? 'click',
        sent: 0,
        delivered: 0,
        bounced: 0,
        complained: 0,
        unsubscribed: 0,
        humanClicks: 0,
        clickRate: 0,
        orders: 0,
        revenue: {},
        revenuePerRecipient: {},
        conversionRate: 0,
      });
    const row = groups.get(g) as TemplateRow;
    row.sent++;
    if (s.deliveredAt) row.delivered++;
    if (s.bouncedAt) row.bounced++;
    if (s.complainedAt) row.complained++;
  }
  const rowOf = (stepId: string) => {
    const s = byId.get(stepId);
    return s ? groups.get(groupOf(s)) : undefined;
  };
  // A click rate counts emails clicked by a person, not clicks: three clicks on one email are one.
  const clicked = new Set(rows.clicks.filter((c) => c.verdict === 'human').map((c) => c.stepId));
  for (const id of clicked) {
    const row = rowOf(id);
    if (row) row.humanClicks++;
  }
  const credited = new Set<string>();
  for (const c of rows.credits) {
    const row = rowOf(c.stepId);
    if (!row || c.withdrawn || credited.has(c.orderId)) continue;
    credited.add(c.orderId);
    row.orders++;
    row.revenue[c.currency] = (row.revenue[c.currency] ?? 0) + c.amount;
  }
  // An unsubscribe counts for the last live marketing email that went to the address before it.
  for (const u of rows.unsubscribes) {
    const last = steps
      .filter((s) => s.kind === 'marketing' && key(s.recipient) === key(u.email) && wentAt(s) <= u.at)
      .sort((a, b) => wentAt(b).getTime() - wentAt(a).getTime())[0];
    const row = last ? groups.get(groupOf(last)) : undefined;
    if (row) row.unsubscribed++;
  }
  for (const row of groups.values()) {
    row.clickRate = ratio(row.humanClicks, row.delivered);
    row.conversionRate = ratio(row.orders, row.delivered);
    for (const [currency, amount] of Object.entries(row.revenue))
      row.revenuePerRecipient[currency] = row.delivered === 0 ? 0 : Math.round(amount / row.delivered);
  }
  const position = (t: string) => {
    const i = rows.order?.indexOf(t) ?? -1;
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  const templates = [...groups.values()].sort(
    (a, b) =>
      position(a.template) - position(b.template) ||
      a.template.localeCompare(b.template) ||
      a.variant.localeCompare(b.variant),
  );
  const customers = new Set(steps.map((s) => key(s.customerEmail)));
  const ordersOf = new Map(rows.customerOrders.map((c) => [key(c.email), c.orders]));
  const repeat = [...customers].filter((c) => (ordersOf.get(c) ?? 0) >= 2).length;
  return {
    since: rows.since.toISOString(),
    until: rows.until.toISOString(),
    templates,
    feedback: feedbackSummary(rows.feedback.filter((f) => byId.has(f.stepId))),
    abTests: [],
    retention: { customers: customers.size, repeatRate: ratio(repeat, customers.size) },
  };
}

/**
 * NPS: the percentage of promoters (9–10) minus that of detractors (0–6); CSAT: the percentage of 4–5 answers on
 * the 1–5 scale. Unrounded, like the rates (the table and the page round them); null without answers.
 */
function feedbackSummary(answers: readonly ReportFeedback[]): OutcomeReport['feedback'] {
  const nps = answers.filter((a) => a.scale === 'nps');
  const stars = answers.filter((a) => a.scale === 'stars');
  const promoters = nps.filter((a) => a.score >= 9).length;
  const detractors = nps.filter((a) => a.score <= 6).length;
  const satisfied = stars.filter((a) => a.score >= 4).length;
  const tags: Record<string, number> = {};
  for (const a of answers) for (const t of new Set(a.tags)) tags[t] = (tags[t] ?? 0) + 1;
  return {
    nps: {
      responses: nps.length,
      score: nps.length === 0 ? null : ((promoters - detractors) * 100) / nps.length,
    },
    csat: {
      responses: stars.length,
      percent: stars.length === 0 ? null : (satisfied * 100) / stars.length,
    },
    tags: Object.fromEntries(Object.entries(tags).sort(([a], [b]) => a.localeCompare(b))),
  };
}
