/**
 * Frequency rules that hold across every order and sequence of one address (CONTRACT.md, "Sequence file"):
 * `minGapHours` between marketing emails, `quietHours` in the customer's local time, and `onNewOrder`
 * supersession. Pure: the worker passes the clock, the step and what already went to the address, and gets
 * back when the step may go and why it moved. Transactional mail is never delayed by any of them.
 */
import type { Locale } from '../../core/locales';
import type { EmailKind } from '../../core/template';
import { DEFAULT_MIN_GAP_HOURS, DEFAULT_QUIET_HOURS, type OnNewOrder, type Sequence } from './sequence';
import { addCalendarDays, wallTimeAt, zonedToUtc } from './zoned-time';

/** `[start, end)` as local `HH:MM`; the window may wrap midnight (21:00–08:00). */
export type QuietHours = readonly [string, string];

export type FrequencyRules = Readonly<{
  minGapHours: number;
  /** `null`: no quiet hours. */
  quietHours: QuietHours | null;
  /** A compressed test send: one sequence day lasts this long; the gap shrinks with it and quiet hours are off. */
  compressMs?: number;
  /**
   * The law's night, not the sequence's taste: a window no marketing step may fall in, whatever
   * `quietHours` says (even `false`) and, because the law is about the real clock, under `--compress`
   * too — except a compressed test send to the marketer's own address (docs/compliance.md). Set by
   * `nightRuleFor` for a `ko` customer without night consent.
   */
  night?: QuietHours;
}>;

/**
 * Korea's Information and Communications Network Act (art. 50(3)): advertising sent between 21:00
 * and 08:00 needs the recipient's separate consent. The customer's clock decides.
 */
export const KOREAN_NIGHT: QuietHours = ['21:00', '08:00'];

export const nightReason = (night: QuietHours) =>
  `deferred: no advertising ${night[0]}–${night[1]} without the customer's night consent`;

/**
 * The night window a customer's marketing must keep out of: Korea's for a `ko` customer unless the
 * document records their consent (`customer.consents.night: true`); none otherwise.
 */
export function nightRuleFor(
  customer: Readonly<{ locale: Locale; consents?: Readonly<{ night?: boolean | undefined }> | undefined }>,
  locale: Locale = customer.locale,
): { night: QuietHours } | Record<string, never> {
  return locale === 'ko' && customer.consents?.night !== true ? { night: KOREAN_NIGHT } : {};
}

export const DEFAULT_RULES: FrequencyRules = {
  minGapHours: DEFAULT_MIN_GAP_HOURS,
  quietHours: DEFAULT_QUIET_HOURS,
};

/** The rules a sequence file sets (its defaults included), for a real or a compressed run. */
export function rulesOf(
  sequence: Pick<Sequence, 'minGapHours' | 'quietHours'>,
  compressMs?: number,
): FrequencyRules {
  return {
    minGapHours: sequence.minGapHours,
    quietHours: sequence.quietHours ?? null,
    ...(compressMs === undefined ? {} : { compressMs }),
  };
}

/**
 * What an order was planned under, kept on the order: the worker applies the same rules when it releases the
 * order's steps, and a shipment event re-plans a compressed test send on its compressed calendar.
 */
export type OrderRules = FrequencyRules &
  Readonly<{
    onNewOrder: OnNewOrder;
    /** Day 0, when the caller chose it (`--start`, or the moment of a compressed send). */
    start?: string;
    /** The templates the caller chose (`--only`), when not all. */
    only?: readonly string[];
  }>;

export function orderRules(
  sequence: Pick<Sequence, 'minGapHours' | 'quietHours' | 'onNewOrder'>,
  options: Readonly<{
    compressMs?: number | undefined;
    start?: string | undefined;
    only?: readonly string[] | undefined;
  }> = {},
): OrderRules {
  return {
    ...rulesOf(sequence, options.compressMs),
    onNewOrder: sequence.onNewOrder,
    ...(options.start === undefined ? {} : { start: options.start }),
    ...(options.only === undefined ? {} : { only: options.only }),
  };
}

/** The rules stored on an order (a `jsonb` value); an order stored before rules were kept gets the defaults. */
export function readRules(value: unknown): OrderRules {
  const v = (typeof value === 'string' ? JSON.parse(value) : value) as Partial<OrderRules> | null | undefined;
  const quiet = v?.quietHours;
  return {
    minGapHours: typeof v?.minGapHours === 'number' ? v.minGapHours : DEFAULT_RULES.minGapHours,
    quietHours:
      quiet === null
        ? null
        : Array.isArray(quiet) && quiet.length === 2
          ? [String(quiet[0]), String(quiet[1])]
          : DEFAULT_RULES.quietHours,
    onNewOrder: v?.onNewOrder === 'parallel' ? 'parallel' : 'supersede',
    ...(typeof v?.compressMs === 'number' ? { compressMs: v.compressMs } : {}),
    ...(Array.isArray(v?.night) && v.night.length === 2
      ? { night: [String(v.night[0]), String(v.night[1])] as const }
      : {}),
    ...(typeof v?.start === 'string' ? { start: v.start } : {}),
    ...(Array.isArray(v?.only) ? { only: v.only.map(String) } : {}),
  };
}

/**
 * When a step already on its way goes out, for the gap: one that went, when it went; one a worker holds (an
 * overdue step goes late), now at the earliest; one scheduled at Resend (or planned), at its send time.
 */
export function goesAt(
  step: Readonly<{ state: string; send_at: Date | string; sent_at: Date | string | null }>,
  nowMs: number,
): number {
  const sendAt = new Date(step.send_at).getTime();
  if (step.state === 'sent' && step.sent_at) return new Date(step.sent_at).getTime();
  if (step.state === 'sending') return Math.max(sendAt, nowMs);
  return sendAt;
}

/** A marketing email that already went (or is handed to Resend) for the same address. */
export type MarketingSend = Readonly<{ atMs: number; template: string; orderId: string }>;

export type ReleaseStep = Readonly<{
  kind: EmailKind;
  /** When the plan wants it out. */
  dueMs: number;
  /** The step's local time of day (`HH:MM`), when it has one. */
  at?: string;
  timeZone: string;
}>;

export type Release = Readonly<{
  /** When the step may go: `dueMs` itself unless a rule moved it (never earlier). */
  atMs: number;
  /** Why it moved (`deferred: …`, joined by `; `), absent when it did not. */
  reason?: string;
}>;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The gap between two marketing emails in milliseconds; under `--compress`, 24 h is one compressed day. */
export function gapMs(rules: FrequencyRules): number {
  return rules.compressMs === undefined
    ? rules.minGapHours * HOUR_MS
    : (rules.minGapHours / 24) * rules.compressMs;
}

/** Whether local wall-clock minutes `m` fall inside the window. */
function inWindow(m: number, [start, end]: QuietHours): boolean {
  const s = minutesOf(start);
  const e = minutesOf(end);
  if (s === e) return false;
  return s < e ? m >= s && m < e : m >= s || m < e;
}

/** Whether the instant falls in the quiet hours on the customer's clock. */
export function inQuietHours(epochMs: number, quiet: QuietHours, timeZone: string): boolean {
  const w = wallTimeAt(epochMs, timeZone);
  return inWindow(w.hour * 60 + w.minute, quiet);
}

function atLocal(
  day: Pick<ReturnType<typeof wallTimeAt>, 'year' | 'month' | 'day'>,
  hhmm: string,
  timeZone: string,
) {
  const m = minutesOf(hhmm);
  return zonedToUtc({ ...day, hour: Math.floor(m / 60), minute: m % 60, second: 0 }, timeZone);
}

/** The first instant at or after `epochMs` whose local time of day is `hhmm` (DST-correct). */
export function nextLocalTime(epochMs: number, hhmm: string, timeZone: string): number {
  const today = wallTimeAt(epochMs, timeZone);
  for (let d = 0; d < 3; d++) {
    const t = atLocal(addCalendarDays(today, d), hhmm, timeZone);
    if (t >= epochMs) return t;
  }
  return epochMs + DAY_MS;
}

/**
 * Where a step that would go out in the quiet window goes instead: the window's end, or the step's own `at`
 * on the next day when it has one (unless that `at` is itself inside the window).
 */
export function afterQuietHours(epochMs: number, quiet: QuietHours, timeZone: string, at?: string): number {
  if (at !== undefined && !inWindow(minutesOf(at), quiet)) return nextLocalTime(epochMs, at, timeZone);
  return nextLocalTime(epochMs, quiet[1], timeZone);
}

function hours(n: number): string {
  return `${Number.isInteger(n) ? n : n.toFixed(1)} h`;
}

/**
 * When a step may go out, given what already went to the same address. Marketing is deferred, never dropped:
 * past every other marketing email by `minGapHours` (at the step's local `at` when it has one), then out of
 * the quiet hours; the two are applied until both hold. Transactional mail goes when it is due.
 */
export function releaseTime(
  step: ReleaseStep,
  rules: FrequencyRules,
  others: readonly MarketingSend[],
): Release {
  if (step.kind !== 'marketing') return { atMs: step.dueMs };
  const gap = gapMs(rules);
  const compressed = rules.compressMs !== undefined;
  const quiet = compressed ? null : rules.quietHours;
  // In time order, so one pass over an address's history finds each conflict (t only ever moves later): an
  // address with hundreds of orders costs a walk over them, not a round per email.
  const sorted = gap > 0 ? [...others].sort((a, b) => a.atMs - b.atMs) : [];
  const gapOrders: string[] = [];
  const night = rules.night;
  let quietMoved = false;
  let nightMoved = false;
  let t = step.dueMs;
  let from = 0;
  for (;;) {
    while (from < sorted.length && (sorted[from]?.atMs ?? 0) <= t - gap) from++;
    let conflict: MarketingSend | undefined;
    for (let k = from; k < sorted.length; k++) {
      const other = sorted[k];
      if (!other || other.atMs >= t + gap) break;
      conflict = other;
    }
    if (conflict) {
      let next = conflict.atMs + gap;
      if (!compressed && step.at !== undefined) next = nextLocalTime(next, step.at, step.timeZone);
      if (gapOrders.length === 0 || !gapOrders.some((r) => r.endsWith(`order ${conflict.orderId}`)))
        gapOrders.push(`the ${conflict.template} of order ${conflict.orderId}`);
      t = next;
      continue;
    }
    if (quiet && inQuietHours(t, quiet, step.timeZone)) {
      t = afterQuietHours(t, quiet, step.timeZone, step.at);
      quietMoved = true;
      continue;
    }
    if (night && inQuietHours(t, night, step.timeZone)) {
      // Times of day are ignored under --compress: the night ends at its own end, not at the step's `at`.
      t = afterQuietHours(t, night, step.timeZone, compressed ? undefined : step.at);
      nightMoved = true;
      continue;
    }
    break;
  }
  const reasons = [
    ...gapOrders.slice(0, 3).map((what) => `deferred: ${hours(rules.minGapHours)} since ${what}`),
    ...(gapOrders.length > 3 ? [`deferred past ${gapOrders.length - 3} more marketing email(s)`] : []),
    ...(quietMoved && quiet ? [`deferred: quiet hours ${quiet[0]}–${quiet[1]}`] : []),
    ...(nightMoved && night ? [nightReason(night)] : []),
  ];
  return reasons.length ? { atMs: t, reason: reasons.join('; ') } : { atMs: t };
}

/** A step of a plan as spacing sees it: its template, kind, send time and local `at`. */
export type SpacedStep = Readonly<{ template: string; kind: EmailKind; sendAt: string; at?: string }>;

/** What the live engine knows when it spaces a plan that the pure planner could not. */
export type SpaceContext = Readonly<{
  /** Now: a step whose time has passed goes now (at once, as the worker releases it), not in the past. */
  nowMs?: number;
  /** Steps of this order already handed over (a re-plan), by index: they hold this time and never move. */
  fixed?: ReadonlyMap<number, number>;
}>;

/**
 * One order's plan under the rules, before anything is written: each marketing step is deferred past the
 * marketing already going to the address (`others`) and past the plan's earlier marketing steps, then out of
 * the quiet hours. Returns the new send time and the reason for each step that moved (by index). With `nowMs`,
 * the steps after an overdue one are spaced from now, when it will really go; an overdue step that need not
 * wait keeps its time (it goes at once).
 */
export function spacePlan(
  steps: readonly SpacedStep[],
  rules: FrequencyRules,
  others: readonly MarketingSend[],
  orderId: string,
  timeZone: string,
  context: SpaceContext = {},
): Map<number, Release> {
  const moved = new Map<number, Release>();
  const seen = [...others];
  const nowMs = context.nowMs ?? Number.NEGATIVE_INFINITY;
  const order = steps.map((step, index) => ({ step, index })).filter(({ step }) => step.kind === 'marketing');
  // What has gone is where it is: the rest is spaced around it.
  for (const { step, index } of order) {
    const fixedMs = context.fixed?.get(index);
    if (fixedMs !== undefined) seen.push({ atMs: fixedMs, template: step.template, orderId });
  }
  const open = order
    .filter(({ index }) => !context.fixed?.has(index))
    .sort((a, b) => Date.parse(a.step.sendAt) - Date.parse(b.step.sendAt) || a.index - b.index);
  for (const { step, index } of open) {
    const dueMs = Math.max(Date.parse(step.sendAt), nowMs);
    const r = releaseTime(
      { kind: 'marketing', dueMs, timeZone, ...(step.at === undefined ? {} : { at: step.at }) },
      rules,
      seen,
    );
    if (r.atMs !== dueMs) moved.set(index, r);
    seen.push({ atMs: r.atMs, template: step.template, orderId });
  }
  return moved;
}

// ── Supersession ───────────────────────────────────────────────────────────────────────────────────────────

export type CustomerOrder = Readonly<{
  orderId: string;
  /** `order.placedAt` (ISO 8601). */
  placedAt: string;
  /** The older order's sequence decides whether a newer order supersedes it. */
  onNewOrder: OnNewOrder;
}>;

/**
 * For the orders of one customer, which newer order supersedes each older one: the first order placed after
 * it (by `placedAt`; orders placed at the same instant do not supersede each other). `parallel` orders are
 * never superseded.
 */
export function supersessions(orders: readonly CustomerOrder[]): Map<string, string> {
  const byTime = [...orders].sort((a, b) => Date.parse(a.placedAt) - Date.parse(b.placedAt));
  const out = new Map<string, string>();
  for (const order of byTime) {
    if (order.onNewOrder !== 'supersede') continue;
    const placed = Date.parse(order.placedAt);
    const newer = byTime.find((o) => o.orderId !== order.orderId && Date.parse(o.placedAt) > placed);
    if (newer) out.set(order.orderId, newer.orderId);
  }
  return out;
}

export const supersededReason = (orderId: string) => `superseded by order ${orderId}`;

/** One address, however the customer or the shop typed it: the key for suppressions and frequency. */
export function addressKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A suppression or cancellation recorded at `recordedMs` stops a step that was already handed to Resend only
 * when its send time is later than five minutes after: closer than that, Resend may already be sending it.
 */
export const STOP_MARGIN_MS = 5 * 60_000;
export function stoppable(sendAtMs: number, recordedMs: number): boolean {
  return sendAtMs > recordedMs + STOP_MARGIN_MS;
}
