/**
 * The planner: order document + sequence → when each step goes out, or why it does not.
 * Pure: the clock is an argument, nothing is rendered or sent, so every time can be tested exactly.
 */

import { isAllDigital } from '../../core/fulfilment';
import { type DocumentPart, type OrderDocument, ValidationError } from '../../core/order-document';
import type { EmailKind } from '../../core/template';
import { type DocumentWith, isSubjectVariant, subjectOf, validateFor } from '../../core/template';
import { registry as builtIn, type Registry } from '../../emails';
import { type Dispatch, dispatchFor } from './dispatch';
import { nightRuleFor, rulesOf, spacePlan } from './frequency';
import { isHeldOut } from './holdout';
import { keepOutOfTheNight } from './night';
import { warningsFor } from './plan-warnings';
import type { CustomerFacts } from './segments';
import {
  ANCHOR_WAIT_DAYS,
  type Anchor,
  type Sequence,
  type SequenceStep,
  type StepTemplateId,
  variantFor,
  type WhenEntry,
} from './sequence';
import { whenReason } from './when';
import { addCalendarDays, toLocalIso, wallTimeAt, zonedToUtc } from './zoned-time';

export { type Dispatch, HORIZON_MS } from './dispatch';
export { parseDuration } from './duration';

type StepBase = Readonly<{
  /** 1-based position in the sequence file. */
  number: number;
  /** The step's lasting identity in the sequence (`d3`, `delivered+5`): stable when an anchor re-times it. */
  key: string;
  template: StepTemplateId;
  /** Calendar days from day 0 (the order, or `--start`) to the send day, once every anchor is resolved. */
  day: number;
  at?: string;
  when: readonly WhenEntry[];
  /** What the day counted from when it was not the order: `5 days after delivery`, `fallback: day 14 (no delivery yet)`. */
  anchor?: string;
  /** The subject variant this order gets (`subject`, or its `abTest` split). */
  variant?: string;
  /** The send time, absolute UTC ISO, computed once. */
  sendAt: string;
  /** The same instant on the customer's clock, with its offset (`2026-11-23T10:00:00+09:00`). */
  local: string;
}>;

export type PlannedStep = StepBase &
  Readonly<{
    kind: EmailKind;
    subject: string;
    dispatch: Dispatch;
    /** Why the frequency rules moved it (`deferred: quiet hours 21:00–08:00`), when they did. */
    deferred?: string;
  }>;

export type SkippedStep = StepBase &
  Readonly<{
    reason: string;
    /** Set when the step is only waiting for its anchor (a shipment event) and has no fallback. */
    waitingFor?: Anchor;
  }>;

/** Shipment events known when planning: the instants they happened (ISO 8601). */
export type Anchors = Readonly<Partial<Record<'delivered' | 'shipped', string>>>;

export type PlanOptions = Readonly<{
  /** Day 0 (ISO 8601 with an offset); defaults to `order.placedAt`, or to `now` when compressing. */
  start?: string;
  /** Milliseconds one sequence day lasts (a compressed test send); times of day are then ignored. */
  compressMs?: number;
  /** Only these templates; the others are listed as skipped. */
  only?: readonly string[];
  /**
   * The run goes to a test address (`--to`), not to the customer. With `compressMs`, the night rule
   * (Korea's, which protects the customer) is then left out: times of day mean nothing in a compressed
   * run and the advertisement reaches the marketer's own inbox (docs/compliance.md).
   */
  testSend?: boolean;
  /** Shipment events already received for this order (the live engine passes them; offline planning has none). */
  anchors?: Anchors;
  now: Date;
  /** The templates the steps name: the built-ins, or a registry with the shop's own (`createRegistry`). */
  registry?: Registry;
  /** What the store knows about the customer (their orders, their latest NPS answer) for `when` segments. */
  facts?: CustomerFacts;
  /** Recorded A/B winners by `abTestKey`: a step under a decided test sends its winner. */
  abWinners?: ReadonlyMap<string, string>;
}>;

export type Plan = Readonly<{
  sequence: string;
  timeZone: string;
  locale: OrderDocument['customer']['locale'];
  /** Day 0 as an absolute instant. */
  start: string;
  compressMs?: number;
  /** In send order. */
  steps: readonly PlannedStep[];
  skipped: readonly SkippedStep[];
  warnings: readonly string[];
}>;

/** When one step goes out, as epoch ms; `compressMs` maps a day to that many milliseconds after the start. */
export function sendTime(
  step: Readonly<{ day: number; at?: string | undefined }>,
  startMs: number,
  timeZone: string,
  compressMs?: number,
): number {
  if (compressMs !== undefined) return startMs + step.day * compressMs;
  const start = wallTimeAt(startMs, timeZone);
  const date = addCalendarDays(start, step.day);
  const [hour, minute, second] = step.at
    ? [...step.at.split(':').map(Number), 0]
    : [start.hour, start.minute, start.second];
  const t = zonedToUtc({ ...date, hour: hour ?? 0, minute: minute ?? 0, second: second ?? 0 }, timeZone);
  // Day 0 without `at` is the start itself, to the millisecond.
  return step.day === 0 && !step.at ? startMs : t;
}

/** Whether a step can go out for this document: its `when` membership, then everything its template needs. */
function check(
  step: SequenceStep,
  document: OrderDocument,
  templates: Registry,
  facts: CustomerFacts,
): { doc: DocumentWith<DocumentPart> } | { reason: string } {
  const reason = whenReason(step.when, document, facts);
  if (reason !== undefined) return { reason };
  try {
    return { doc: validateFor(templates.get(step.template), document) };
  } catch (error) {
    if (error instanceof ValidationError) return { reason: error.problems.join('; ') };
    throw error;
  }
}

/**
 * An all-digital order (every item has `access`) never ships: no shipping update, no delivery to prepare
 * for or count from. Such steps are skipped with that reason (CONTRACT.md), before any anchor is awaited.
 */
function digitalSkip(step: SequenceStep, document: OrderDocument): string | undefined {
  if (!isAllDigital(document.order)) return undefined;
  const why = 'digital order: every item is delivered by download or account access, nothing ships';
  if (step.template === 'shipping-update') return `${why} (no shipping updates)`;
  if (step.template === 'product-instructions') return `${why} (no delivery to prepare for)`;
  if (step.after !== undefined) return `${why} (no ${ANCHOR_WORDS[step.after]} to count from)`;
  return undefined;
}

type Timing =
  | Readonly<{ day: number; anchor?: string }>
  | Readonly<{ skip: string; day: number; anchor?: undefined; waitingFor?: Anchor }>;

/** Whole calendar days from day 0 to an ISO day (`2026-11-24`) or instant, on the customer's calendar. */
function daysFrom(startMs: number, timeZone: string, target: string): number {
  const start = wallTimeAt(startMs, timeZone);
  const t = /^\d{4}-\d{2}-\d{2}$/.test(target)
    ? {
        year: Number(target.slice(0, 4)),
        month: Number(target.slice(5, 7)),
        day: Number(target.slice(8, 10)),
      }
    : wallTimeAt(Date.parse(target), timeZone);
  return Math.round(
    (Date.UTC(t.year, t.month - 1, t.day) - Date.UTC(start.year, start.month - 1, start.day)) / 86_400_000,
  );
}

const ANCHOR_WORDS: Record<Anchor, string> = {
  delivered: 'delivery',
  shipped: 'shipping',
  'estimated-delivery': 'the estimated delivery',
};

function relative(day: number, anchor: Anchor): string {
  const n = Math.abs(day);
  const days = `${n} day${n === 1 ? '' : 's'}`;
  if (day === 0) return `on the day of ${ANCHOR_WORDS[anchor]}`;
  return `${days} ${day < 0 ? 'before' : 'after'} ${ANCHOR_WORDS[anchor]}`;
}

/** The step's day from day 0: a plain day, the shortest lifespan, or counted from its anchor (else its fallback). */
function timing(
  step: SequenceStep,
  document: OrderDocument,
  startMs: number,
  anchors: Anchors,
  nowMs: number,
): Timing {
  const timeZone = document.customer.timeZone;
  if (step.day === 'lifespan') {
    const lifespans = document.order.items.flatMap((item) =>
      item.lifespanDays === undefined ? [] : [item.lifespanDays],
    );
    if (lifespans.length === 0) return { skip: 'no item of the order has a lifespan (lifespanDays)', day: 0 };
    const shortest = Math.min(...lifespans);
    return {
      day: Math.max(0, shortest + step.offsetDays),
      anchor: `${shortest}-day lifespan${step.offsetDays ? `, ${step.offsetDays > 0 ? '+' : ''}${step.offsetDays} days` : ''}`,
    };
  }
  if (step.after === undefined) return { day: step.day };
  const after = step.after;
  const known = after === 'estimated-delivery' ? document.shipment?.estimatedDelivery : anchors[after];
  const fallback =
    step.fallbackDay === undefined
      ? undefined
      : {
          day: step.fallbackDay,
          anchor: `fallback: day ${step.fallbackDay} (${relative(step.day, after)} once known)`,
        };
  const waitEndMs = sendTime({ day: ANCHOR_WAIT_DAYS, at: step.at }, startMs, timeZone);
  if (known !== undefined) {
    const day = daysFrom(startMs, timeZone, known) + step.day;
    // A shipment event is known from the moment it happened: if the fallback's time came first, the fallback
    // stands (it may already have gone out), so a late delivery never sends the step a second time.
    if (after !== 'estimated-delivery' && fallback && step.fallbackDay !== undefined) {
      const fallbackMs = sendTime({ day: step.fallbackDay, at: step.at }, startMs, timeZone);
      if (Date.parse(known) > fallbackMs)
        return {
          ...fallback,
          anchor: `fallback: day ${step.fallbackDay} (${ANCHOR_WORDS[after]} came later)`,
        };
    }
    if (after !== 'estimated-delivery' && !fallback && Date.parse(known) > waitEndMs)
      return {
        skip: `no ${ANCHOR_WORDS[after]} within ${ANCHOR_WAIT_DAYS} days of the order (it came later)`,
        day: step.day,
      };
    return { day: Math.max(0, day), anchor: relative(step.day, after) };
  }
  if (fallback) return fallback;
  if (nowMs >= waitEndMs)
    return {
      skip: `no ${ANCHOR_WORDS[after]} within ${ANCHOR_WAIT_DAYS} days of the order (${relative(step.day, after)})`,
      day: step.day,
    };
  return {
    skip: `waiting for ${ANCHOR_WORDS[after]} (${relative(step.day, after)}); skipped after ${ANCHOR_WAIT_DAYS} days without it`,
    day: step.day,
    ...(after === 'estimated-delivery' ? {} : { waitingFor: after }),
  };
}

/** An A/B test's identity within its sequence: the step's template and key (`thank-you@d3`). */
export function abTestKey(step: Pick<SequenceStep, 'template' | 'day' | 'after' | 'offsetDays'>): string {
  return `${step.template}@${stepKey(step)}`;
}

/**
 * A step's lasting identity within its order, independent of when it ends up going: `d3` for a day after the
 * order, `delivered+5` for one counted from the delivery, `lifespan-5`. Re-timing a step when its anchor
 * arrives keeps this key, so the store updates the one step instead of adding a second.
 */
export function stepKey(step: Pick<SequenceStep, 'day' | 'after' | 'offsetDays'>): string {
  if (step.day === 'lifespan') return `lifespan${step.offsetDays >= 0 ? '+' : ''}${step.offsetDays}`;
  if (step.after === undefined) return `d${step.day}`;
  return `${step.after}${step.day >= 0 ? '+' : ''}${step.day}`;
}

export function plan(document: OrderDocument, sequence: Sequence, options: PlanOptions): Plan {
  const timeZone = document.customer.timeZone;
  const locale = document.customer.locale;
  const nowMs = options.now.getTime();
  const templates = options.registry ?? builtIn;
  const startMs = Date.parse(
    options.start ?? (options.compressMs !== undefined ? options.now.toISOString() : document.order.placedAt),
  );
  const only = options.only ? new Set(options.only) : undefined;
  const unknown = options.only?.filter((id) => !sequence.steps.some((s) => s.template === id)) ?? [];
  if (unknown.length)
    throw new ValidationError(
      unknown.map((id) => `only: "${id}" is not a step of the ${sequence.name} sequence`),
    );

  const planned: PlannedStep[] = [];
  const skipped: SkippedStep[] = [];
  const calendarTimes = new Map<PlannedStep, number>();
  // A test send goes to the marketer, who wants to see every email: the holdout concerns customers only.
  const heldOut = !options.testSend && isHeldOut(document.customer.email, sequence.holdout);
  const facts: CustomerFacts = { ...options.facts, heldOut };

  for (const [i, step] of sequence.steps.entries()) {
    const time = timing(step, document, startMs, options.anchors ?? {}, nowMs);
    const day = time.day;
    const sendAtMs = sendTime({ day, at: step.at }, startMs, timeZone, options.compressMs);
    const variant = variantFor(step, document.order.id, options.abWinners?.get(abTestKey(step)));
    const base: StepBase = {
      number: i + 1,
      key: stepKey(step),
      template: step.template,
      day,
      ...(step.at === undefined ? {} : { at: step.at }),
      when: step.when,
      ...(time.anchor === undefined ? {} : { anchor: time.anchor }),
      ...(variant === undefined ? {} : { variant }),
      sendAt: new Date(sendAtMs).toISOString(),
      local: toLocalIso(sendAtMs, timeZone),
    };
    if (only && !only.has(step.template)) {
      skipped.push({ ...base, reason: 'not selected (--only)' });
      continue;
    }
    const digital = digitalSkip(step, document);
    if (digital !== undefined) {
      skipped.push({ ...base, reason: digital });
      continue;
    }
    if ('skip' in time) {
      skipped.push({
        ...base,
        reason: time.skip,
        ...(time.waitingFor === undefined ? {} : { waitingFor: time.waitingFor }),
      });
      continue;
    }
    const template = templates.get(step.template);
    if (heldOut && template.kind === 'marketing') {
      skipped.push({ ...base, reason: 'holdout' });
      continue;
    }
    const checked = check(step, document, templates, facts);
    if ('reason' in checked) {
      skipped.push({ ...base, reason: checked.reason });
      continue;
    }
    const entry: PlannedStep = {
      ...base,
      kind: template.kind,
      subject: subjectOf(template, checked.doc, locale, isSubjectVariant(variant) ? variant : 'a'),
      dispatch: dispatchFor(sendAtMs, nowMs),
    };
    planned.push(entry);
    calendarTimes.set(
      entry,
      options.compressMs === undefined ? sendAtMs : sendTime({ day, at: step.at }, startMs, timeZone),
    );
  }

  // Judged as the sequence is written, before the rules move anything.
  const warnings = warningsFor(planned, calendarTimes, nowMs);
  // The sequence's own frequency rules, within this order: marketing steps closer than `minGapHours` or inside
  // the quiet hours move (the live engine applies the same rules again across the address's other orders).
  // The law's night (Korea) applies on top, whatever the sequence's quiet hours say; a compressed test
  // send to the marketer's own address is the one run it does not concern.
  const compressedTest = options.compressMs !== undefined && options.testSend === true;
  const rules = {
    ...rulesOf(sequence, options.compressMs),
    ...(compressedTest ? {} : nightRuleFor(document.customer, locale)),
  };
  const moves = spacePlan(planned, rules, [], document.order.id, timeZone);
  for (const [index, move] of moves) {
    const step = planned[index];
    if (!step) continue;
    planned[index] = {
      ...step,
      sendAt: new Date(move.atMs).toISOString(),
      local: toLocalIso(move.atMs, timeZone),
      dispatch: dispatchFor(move.atMs, nowMs),
      ...(move.reason === undefined ? {} : { deferred: move.reason }),
    };
  }
  if (rules.night) keepOutOfTheNight(planned, rules.night, timeZone, nowMs, options.compressMs !== undefined);
  planned.sort((a, b) => Date.parse(a.sendAt) - Date.parse(b.sendAt) || a.number - b.number);
  return {
    sequence: sequence.name,
    timeZone,
    locale,
    start: new Date(startMs).toISOString(),
    ...(options.compressMs === undefined ? {} : { compressMs: options.compressMs }),
    steps: planned,
    skipped,
    warnings,
  };
}

/** A run to an address other than the customer's (`--to`, the console's test sends). */
export function isTestSend(to: string | undefined, document: Pick<OrderDocument, 'customer'>): boolean {
  return to !== undefined && to.trim().toLowerCase() !== document.customer.email.trim().toLowerCase();
}
