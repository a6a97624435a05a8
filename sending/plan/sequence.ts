/**
 * The sequence file (CONTRACT.md): which templates go out on which day, at what local time, to whom.
 * Validated strictly before anything is planned, with one line per problem naming its path.
 */
import { z } from 'zod';
import type { CustomerVoice } from '../../core/customer-voice';
import { parseWith } from '../../core/order-document';
import { isSubjectVariant, SUBJECT_VARIANTS } from '../../core/template';
import { registry as builtIn, type Registry, type TemplateId } from '../../emails';
import { AB_DEFAULTS, AB_FALLBACKS, AB_METRICS, type AbTest } from './ab-decision';
import { type Segment, segmentSchema } from './segments';

export const WHEN = ['any', 'first-order', 'returning', 'vip'] as const satisfies readonly (
  | 'any'
  | CustomerVoice
)[];
export type When = (typeof WHEN)[number];

/** What a step's `day` may count from instead of the order: a shipment event, or the estimated delivery day. */
export const ANCHORS = ['delivered', 'shipped', 'estimated-delivery'] as const;
export type Anchor = (typeof ANCHORS)[number];

export const ON_NEW_ORDER = ['supersede', 'parallel'] as const;
export type OnNewOrder = (typeof ON_NEW_ORDER)[number];

/** The longest a sequence may run; a larger day is almost certainly a typo (minutes, or a year as a day count). */
export const MAX_DAY = 3660;

/** An anchored step with no `fallbackDay` waits this long for its anchor, then is skipped. */
export const ANCHOR_WAIT_DAYS = 60;

export const DEFAULT_MIN_GAP_HOURS = 72;
export const DEFAULT_QUIET_HOURS = ['21:00', '08:00'] as const;

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
const VARIANT = /^[a-z]$/;

const wholeDays = (what: string) =>
  z
    .number({ error: `expected a whole number of days${what}` })
    .int({ error: `expected a whole number of days${what}` })
    .min(-MAX_DAY, { error: `must be at least -${MAX_DAY}` })
    .max(MAX_DAY, { error: `must be at most ${MAX_DAY}` });

const timeOfDay = z
  .string({ error: 'expected a local time of day as HH:MM, e.g. 10:00' })
  .regex(TIME_OF_DAY, { error: 'expected a local time of day as HH:MM (00:00–23:59), e.g. 10:00' });

/**
 * One of two schemas picked by the input's shape, so a problem is reported inside the form the author meant
 * (`abTest.metric: …`) rather than as "matches neither" from a union.
 */
function byShape<A extends z.ZodType, B extends z.ZodType>(
  isFirst: (input: unknown) => boolean,
  first: A,
  second: B,
) {
  return z.unknown().transform((input, ctx): z.output<A> | z.output<B> => {
    const result = (isFirst(input) ? first : second).safeParse(input);
    if (result.success) return result.data as z.output<A> | z.output<B>;
    for (const issue of result.error.issues)
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, input });
    return z.NEVER;
  });
}

const whenName = z.enum(WHEN, {
  error: `expected one of ${WHEN.join(', ')}, a list of them, or an object of conditions (orderCount, ltv, aov, category, nps, holdout)`,
});
const whenEntry = byShape((input) => typeof input !== 'object' || input === null, whenName, segmentSchema);

/** A `when` entry: a membership name, or a segment whose every condition must hold. */
export type WhenEntry = When | Segment;

const variant = z
  .string({ error: 'expected a subject variant letter, e.g. "a"' })
  .regex(VARIANT, { error: 'expected a subject variant letter a–z, e.g. "b"', abort: true })
  .refine(isSubjectVariant, {
    error: (issue) =>
      `no template has subject variant "${String(issue.input)}": every template has ${SUBJECT_VARIANTS.join(', ')}`,
  });

const variantList = z
  .array(variant, { error: 'expected a list of subject variants, e.g. ["a", "b"]' })
  .min(2, { error: 'an A/B test needs at least two variants' })
  .refine((list) => new Set(list).size === list.length, { error: 'lists a variant twice' });

const OPEN_REFUSED =
  '"open" cannot decide a test: Apple Mail Privacy Protection opens every email it receives, so opens count mail apps, not people; use click, order or revenue';

const abTestObject = z.strictObject(
  {
    variants: variantList,
    metric: z
      .string({ error: `expected one of ${AB_METRICS.join(', ')}` })
      .refine((m) => m !== 'open', { error: OPEN_REFUSED, abort: true })
      .pipe(z.enum(AB_METRICS, { error: `expected one of ${AB_METRICS.join(', ')}` }))
      .optional(),
    minPerArm: z
      .number({ error: 'expected a whole number of recipients' })
      .int({ error: 'expected a whole number of recipients' })
      .min(10, { error: 'must be at least 10 (a handful of recipients decides nothing)' })
      .max(10_000_000, { error: 'must be at most 10000000' })
      .optional(),
    winProbability: z
      .number({ error: 'expected a probability, e.g. 0.9' })
      .gt(0.5, { error: 'must be above 0.5 (a coin toss picks a winner at 0.5)' })
      .lt(1, { error: 'must be below 1 (certainty never comes)' })
      .optional(),
    maxDays: z
      .number({ error: 'expected a whole number of days' })
      .int({ error: 'expected a whole number of days' })
      .min(1, { error: 'must be at least 1' })
      .max(MAX_DAY, { error: `must be at most ${MAX_DAY}` })
      .optional(),
    fallback: z.enum(AB_FALLBACKS, { error: `expected one of ${AB_FALLBACKS.join(', ')}` }).optional(),
  },
  { error: 'expected a list of subject variants, e.g. ["a", "b"], or { "variants": […], "metric": … }' },
);

/** A step's template: a built-in id, or one of a registry of the shop's own (`createRegistry`). */
export type StepTemplateId = TemplateId | (string & {});

const stepSchemaFor = (templates: Registry) =>
  z
    .strictObject({
      template: z.string({ error: 'expected a template id' }).refine((id) => templates.has(id), {
        error: (issue) =>
          `unknown template "${String(issue.input)}": expected one of ${templates.ids.join(', ')}`,
      }),
      day: z.union([wholeDays(' (0 = the day of the order)'), z.literal('lifespan')], {
        error: 'expected a whole number of days (0 = the day of the order), or "lifespan"',
      }),
      offsetDays: wholeDays(' (added to the shortest item lifespan, e.g. -5)').optional(),
      at: timeOfDay.optional(),
      when: byShape(
        (input) => Array.isArray(input),
        z.array(whenEntry).min(1, { error: 'list at least one of any, first-order, returning, vip' }),
        whenEntry,
      ).optional(),
      after: z.enum(ANCHORS, { error: `expected one of ${ANCHORS.join(', ')}` }).optional(),
      fallbackDay: wholeDays(' after the order').min(0, { error: 'must not be negative' }).optional(),
      subject: variant.optional(),
      abTest: byShape((input) => Array.isArray(input), variantList, abTestObject).optional(),
    })
    .superRefine((step, ctx) => {
      const problem = (path: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message });
      if (typeof step.day === 'number' && step.day < 0 && step.after !== 'estimated-delivery')
        problem(
          'day',
          'must not be negative (0 = the day of the order); only a step with "after": "estimated-delivery" may count back',
        );
      if (step.offsetDays !== undefined && step.day !== 'lifespan')
        problem('offsetDays', 'only applies with "day": "lifespan"');
      if (step.day === 'lifespan' && step.after !== undefined)
        problem('after', '"day": "lifespan" counts from the order; it cannot also have "after"');
      if (step.fallbackDay !== undefined && step.after === undefined)
        problem('fallbackDay', 'only applies to a step with "after"');
      if (step.subject !== undefined && step.abTest !== undefined)
        problem(
          'abTest',
          'a step either picks one subject variant ("subject") or splits between several ("abTest")',
        );
    });

const sequenceSchemaFor = (templates: Registry) =>
  z
    .strictObject({
      name: z.string({ error: 'expected a string' }).trim().min(1, { error: 'must not be empty' }).optional(),
      onNewOrder: z.enum(ON_NEW_ORDER, { error: `expected one of ${ON_NEW_ORDER.join(', ')}` }).optional(),
      minGapHours: z
        .number({ error: 'expected a number of hours' })
        .min(0, { error: 'must not be negative' })
        .max(24 * 90, { error: 'must be at most 2160 (90 days)' })
        .optional(),
      holdout: z
        .number({ error: 'expected the share of customers to hold out, e.g. 0.1' })
        .min(0, { error: 'must not be negative' })
        .max(0.5, { error: 'must be at most 0.5 (hold out at most half of the customers)' })
        .optional(),
      quietHours: z
        .union([z.tuple([timeOfDay, timeOfDay]), z.literal(false)], {
          error: 'expected ["HH:MM", "HH:MM"] (start, end of the quiet window), or false for none',
        })
        .optional(),
      steps: z
        .array(stepSchemaFor(templates), { error: 'expected a list of steps' })
        .min(1, { error: 'a sequence needs at least one step' }),
    })
    .superRefine((sequence, ctx) => {
      const seen = new Map<string, number>();
      sequence.steps.forEach((step, i) => {
        const id = `${step.template}@${step.after ?? 'order'}${step.day}${step.offsetDays ?? ''}`;
        const first = seen.get(id);
        if (first !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['steps', i],
            message: `repeats steps[${first}] (${step.template} on day ${step.day}${step.after ? ` after ${step.after}` : ''}); one template may go out at most once a day`,
          });
        else seen.set(id, i);
      });
      if (sequence.quietHours && sequence.quietHours[0] === sequence.quietHours[1])
        ctx.addIssue({
          code: 'custom',
          path: ['quietHours'],
          message: 'start and end are the same time; use false for no quiet hours',
        });
    });

const schemas = new WeakMap<Registry, ReturnType<typeof sequenceSchemaFor>>();
function schemaFor(templates: Registry): ReturnType<typeof sequenceSchemaFor> {
  let schema = schemas.get(templates);
  if (schema === undefined) {
    schema = sequenceSchemaFor(templates);
    schemas.set(templates, schema);
  }
  return schema;
}

/** The sequence file's schema for the built-in templates. */
export const sequenceSchema = schemaFor(builtIn);

export type SequenceStep = Readonly<{
  template: StepTemplateId;
  /** Days from the order (or from `after`), or `lifespan`: the shortest item lifespan plus `offsetDays`. */
  day: number | 'lifespan';
  offsetDays: number;
  at?: string;
  /** Matched when any entry matches (membership or a segment, CONTRACT.md); `['any']` always matches. */
  when: readonly WhenEntry[];
  after?: Anchor;
  fallbackDay?: number;
  /** A fixed subject variant. */
  subject?: string;
  /** Variants split between customers by a hash of the order id and template, until a winner is recorded. */
  abTest?: AbTest;
}>;

export type Sequence = Readonly<{
  name: string;
  steps: readonly SequenceStep[];
  onNewOrder: OnNewOrder;
  minGapHours: number;
  /** `[start, end]` local times, or undefined for none. */
  quietHours?: readonly [string, string];
  /** The share of customers (by address) who get only the transactional steps; 0 for none. */
  holdout: number;
}>;

/** The sequence as a marketer writes it: template ids are plain strings until validated. */
export type SequenceFile = Readonly<{
  name?: string;
  onNewOrder?: OnNewOrder;
  minGapHours?: number;
  quietHours?: readonly [string, string] | false;
  holdout?: number;
  steps: readonly Readonly<{
    template: string;
    day: number | 'lifespan';
    offsetDays?: number;
    at?: string;
    when?: When | Readonly<Record<string, unknown>> | readonly (When | Readonly<Record<string, unknown>>)[];
    after?: Anchor;
    fallbackDay?: number;
    subject?: string;
    abTest?:
      | readonly string[]
      | Readonly<{ variants: readonly string[] } & Partial<Omit<AbTest, 'variants'>>>;
  }>[];
}>;

/**
 * The default post-purchase sequence (CONTRACT.md); `scripts/sequences/post-purchase.json` is the same, to copy.
 * Shipping updates are sent by shipment events, not by a day; instructions, the review request and the
 * cross-sell are timed from the parcel (the estimated delivery, the delivery), with a day after the order to
 * fall back on when the shop never reports it.
 */
export const POST_PURCHASE = {
  name: 'post-purchase',
  steps: [
    { template: 'order-confirmation', day: 0 },
    { template: 'thank-you', day: 3, at: '10:00' },
    { template: 'product-instructions', after: 'estimated-delivery', day: -1, at: '10:00', fallbackDay: 5 },
    { template: 'review-request', after: 'delivered', day: 5, at: '10:00', fallbackDay: 14 },
    { template: 'cross-sell', after: 'delivered', day: 10, at: '10:00', fallbackDay: 21 },
    { template: 'referral', day: 28, at: '10:00', when: 'returning' },
    { template: 'win-back', day: 42, at: '10:00' },
    { template: 'replenishment', day: 'lifespan', offsetDays: -5, at: '10:00' },
  ],
} as const satisfies SequenceFile;

/** Validates a sequence file; throws a ValidationError naming every bad field (`steps[2].at: …`). */
export function parseSequence(input: unknown, source = 'sequence', templates: Registry = builtIn): Sequence {
  const parsed = parseWith(schemaFor(templates), input, `invalid ${source}`);
  const quiet = parsed.quietHours === undefined ? DEFAULT_QUIET_HOURS : parsed.quietHours;
  return {
    name: parsed.name ?? 'custom',
    onNewOrder: parsed.onNewOrder ?? 'supersede',
    minGapHours: parsed.minGapHours ?? DEFAULT_MIN_GAP_HOURS,
    holdout: parsed.holdout ?? 0,
    ...(quiet === false ? {} : { quietHours: [quiet[0], quiet[1]] as const }),
    steps: parsed.steps.map((s) => ({
      template: s.template,
      day: s.day,
      offsetDays: s.offsetDays ?? 0,
      ...(s.at === undefined ? {} : { at: s.at }),
      when: s.when === undefined ? ['any'] : Array.isArray(s.when) ? s.when : [s.when as WhenEntry],
      ...(s.after === undefined ? {} : { after: s.after }),
      ...(s.fallbackDay === undefined ? {} : { fallbackDay: s.fallbackDay }),
      ...(s.subject === undefined ? {} : { subject: s.subject }),
      ...(s.abTest === undefined ? {} : { abTest: abTestOf(s.abTest) }),
    })),
  };
}

function abTestOf(
  given: readonly string[] | Readonly<{ variants: readonly string[] } & Partial<Omit<AbTest, 'variants'>>>,
): AbTest {
  if (Array.isArray(given)) return { ...AB_DEFAULTS, variants: given as readonly string[] };
  const object = given as Readonly<{ variants: readonly string[] } & Partial<Omit<AbTest, 'variants'>>>;
  return {
    variants: object.variants,
    metric: object.metric ?? AB_DEFAULTS.metric,
    minPerArm: object.minPerArm ?? AB_DEFAULTS.minPerArm,
    winProbability: object.winProbability ?? AB_DEFAULTS.winProbability,
    maxDays: object.maxDays ?? AB_DEFAULTS.maxDays,
    fallback: object.fallback ?? AB_DEFAULTS.fallback,
  };
}

/** Whether a customer is in a `when` list: membership, one fact per entry, as a marketer reads it. */
export function matchesWhen(
  when: readonly When[],
  facts: Readonly<{ ordersCount: number; total: number; vipThreshold?: number | undefined }>,
): boolean {
  const member: Record<When, boolean> = {
    any: true,
    'first-order': facts.ordersCount <= 1,
    returning: facts.ordersCount > 1,
    vip: facts.vipThreshold !== undefined && facts.total >= facts.vipThreshold,
  };
  return when.some((w) => member[w]);
}

/**
 * The subject variant a step sends to this order: its fixed `subject`, or one of its `abTest` variants
 * picked by a stable hash (FNV-1a) of the order id and template, so re-planning an order never flips it.
 */
export function variantFor(
  step: Pick<SequenceStep, 'template' | 'subject' | 'abTest'>,
  orderId: string,
  /** The test's recorded winner: every order planned after the decision gets it. */
  winner?: string,
): string | undefined {
  if (step.subject !== undefined) return step.subject;
  if (!step.abTest) return undefined;
  if (winner !== undefined && step.abTest.variants.includes(winner)) return winner;
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(`${orderId}\u0000${step.template}`)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return step.abTest.variants[hash % step.abTest.variants.length];
}

/**
 * The default sequence with the templates this build's registry holds: a template the registry
 * does not (yet) have is left out rather than failing every send.
 */
export function defaultSequence(): Sequence {
  return parseSequence(
    { ...POST_PURCHASE, steps: POST_PURCHASE.steps.filter((step) => builtIn.has(step.template)) },
    'default sequence',
  );
}
