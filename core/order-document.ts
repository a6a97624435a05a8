import { z } from 'zod';
import { brandSchema } from './brand';
import { copySchema } from './copy';
import { isKnownCurrency } from './currency';
import { LOCALES } from './locales';
import { UNSTORABLE_MESSAGE, unstorablePaths } from './storable-text';

/**
 * The order document (CONTRACT.md): one JSON document feeds every template of a sequence.
 * The TypeScript types are inferred from these schemas, so run-time validation and types cannot drift.
 */

const text = z.string({ error: 'expected a string' }).trim().min(1, { error: 'must not be empty' });
const optionalText = z.string({ error: 'expected a string' }).optional();

/** A C0 control character or DEL: a line break, a tab, a NUL… */
const hasControl = (value: string): boolean =>
  [...value].some((c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });
const ONE_LINE = { error: 'must be one line, without control characters' } as const;
/** Text that reaches a header (a subject, a sender's name): one line, so it can never add a header of its own. */
const line = text.refine((v) => !hasControl(v), ONE_LINE);
const optionalLine = optionalText.refine((v) => v === undefined || !hasControl(v), ONE_LINE);

/** Money is an integer in the currency's minor unit (USD 1999 = $19.99). */
const money = z
  .number({ error: 'expected an integer' })
  .int({ error: 'expected an integer' })
  .nonnegative({ error: 'must not be negative' });

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

const isHttps = (value: string) => {
  const url = parseUrl(value);
  return url?.protocol === 'https:' && url.hostname.length > 0 && !/\s/.test(value);
};
const isMailto = (value: string) =>
  parseUrl(value)?.protocol === 'mailto:' && value.length > 'mailto:'.length;

/** Only https: links reach a browser; http: would leak the reader's context and `javascript:` is an attack. */
export const httpsUrl = z
  .string({ error: 'expected a string' })
  .refine(isHttps, { error: 'expected an absolute https: URL' });

/** A link a reader follows: https: or mailto:. */
export const linkUrl = z
  .string({ error: 'expected a string' })
  .refine((v) => isHttps(v) || isMailto(v), { error: 'expected an https: or mailto: URL' });

const OFFSET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Date.parse rolls 2026-02-30 over to March; a real calendar day, hour and offset are required. */
function isRealDateTime(value: string): boolean {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?[^Z+-]*(?:Z|[+-](\d{2}):(\d{2}))?)?$/.exec(
      value,
    );
  if (!m) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0, offsetH = 0, offsetM = 0] = m
    .slice(1)
    .map((part) => Number(part ?? 0));
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day));
  return (
    date.getUTCMonth() === (month ?? 1) - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    offsetH <= 14 &&
    offsetM < 60
  );
}

/** ISO 8601 with an offset: a bare local time would be ambiguous across time zones. */
export const isoTime = z
  .string({ error: 'expected a string' })
  .refine((v) => OFFSET_TIME.test(v) && isRealDateTime(v) && !Number.isNaN(Date.parse(v)), {
    error: 'expected an ISO 8601 time with an offset, e.g. 2026-11-20T09:30:00+09:00',
  });

const isoDay = z
  .string({ error: 'expected a string' })
  .refine(
    (v) => (DATE_ONLY.test(v) || OFFSET_TIME.test(v)) && isRealDateTime(v) && !Number.isNaN(Date.parse(v)),
    { error: 'expected a date (YYYY-MM-DD) or an ISO 8601 time with an offset' },
  );

/** Zones already proven valid: building an Intl.DateTimeFormat per check was a sixth of a render. Only valid ones are kept, so bad input cannot grow it. */
const knownZones = new Set<string>();

export function isTimeZone(value: string): boolean {
  if (knownZones.has(value)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    return false;
  }
  knownZones.add(value);
  return true;
}

const timeZone = z
  .string({ error: 'expected a string' })
  .refine(isTimeZone, { error: 'expected an IANA time zone, e.g. Asia/Seoul' });

const email = z.email({ error: 'expected an email address' });

/** An email address as the order document takes one (`customer.email`): also the check for `--to` and `recipient`. */
export function isEmailAddress(value: string): boolean {
  return email.safeParse(value).success;
}

/** A link signed per recipient: https, with no placeholder but `{email}` and `{token}`. */
const signedLinkTemplate = httpsUrl.refine(
  (url) => [...url.matchAll(/\{([^}]*)\}/g)].every((m) => m[1] === 'email' || m[1] === 'token'),
  { error: 'a placeholder other than {email} or {token}: it would reach the customer as written' },
);

export const shopSchema = z.object({
  name: line,
  url: httpsUrl,
  logoUrl: httpsUrl,
  logoDarkUrl: httpsUrl.optional(),
  supportEmail: email,
  supportPhone: optionalText,
  address: text,
  contact: z.object({ name: text, role: optionalText, email: email.optional() }).optional(),
  unsubscribeUrl: signedLinkTemplate.optional(),
  /**
   * The preference centre (`https://<your host>/preferences?e={email}&t={token}`): every marketing
   * footer links to it beside the unsubscribe link. The same placeholders and token as unsubscribeUrl.
   */
  preferencesUrl: signedLinkTemplate.optional(),
  unsubscribeEmail: email.optional(),
  social: z.array(z.object({ network: text, url: linkUrl })).optional(),
  timeZone,
  story: optionalText,
  vipThreshold: money.optional(),
  utm: z.boolean({ error: 'expected true or false' }).optional(),
  /** The shop's colours and type (core/brand.ts); today's look when absent. */
  brand: brandSchema.optional(),
  /** `https://<your host>/feedback`: the review request's rating links come back here, signed per step. */
  feedbackUrl: httpsUrl.optional(),
  /** Tags for feedback comments by keyword, case-insensitive: `{ "shipping": ["late", "배송", "物流"] }`. */
  feedbackTags: z
    .record(
      z.string().trim().min(1, { error: 'a tag needs a name' }),
      z
        .array(text, { error: 'expected a list of keywords' })
        .min(1, { error: 'expected at least one keyword' }),
    )
    .optional(),
  /** The shop's own words for any message, per locale and key path (core/copy.ts). */
  copy: copySchema.optional(),
});

export const customerSchema = z.object({
  firstName: line,
  lastName: optionalLine,
  email,
  locale: z.enum(LOCALES, { error: `expected one of ${LOCALES.join(', ')}` }),
  timeZone,
  ordersCount: z
    .number({ error: 'expected an integer' })
    .int({ error: 'expected an integer' })
    .nonnegative({ error: 'must not be negative' }),
  /**
   * What the customer spent outside the orders this engine holds (minor units of the order's currency), e.g.
   * before it was installed: a segment's `ltv` adds it to the orders the store holds (Shopify's `total_spent`).
   */
  totalSpent: money.optional(),
  /**
   * What the customer agreed to beyond the usual. `night: true`: separate consent to advertising
   * sent between 21:00 and 08:00 their time (Korea's Network Act, art. 50(3)); without it a `ko`
   * marketing step is never planned nor released in those hours.
   */
  consents: z
    .object(
      { night: z.boolean({ error: 'expected true or false' }).optional() },
      { error: 'expected an object' },
    )
    .optional(),
});

export const itemSchema = z.object({
  id: text,
  name: line,
  variant: optionalText,
  quantity: z
    .number({ error: 'expected an integer' })
    .int({ error: 'expected an integer' })
    .positive({ error: 'must be at least 1' }),
  unitPrice: money,
  compareAtPrice: money.optional(),
  imageUrl: httpsUrl,
  url: linkUrl,
  reviewUrl: httpsUrl.optional(),
  /** The product's category (Shopify's `product_type`): a segment's `category` matches it, case-insensitively. */
  category: text.optional(),
  /** Delivered by download or account access rather than by parcel (a digital product). */
  access: z
    .object({
      url: httpsUrl,
      label: optionalText,
      licenseKey: optionalText,
      expiresAt: isoTime.optional(),
    })
    .optional(),
  /** Days the item lasts once delivered (a consumable): the replenishment reminder is timed from the shortest. */
  lifespanDays: z
    .number({ error: 'expected a whole number of days' })
    .int({ error: 'expected a whole number of days' })
    .positive({ error: 'must be at least 1' })
    .max(3660, { error: 'must be at most 3660' })
    .optional(),
});

export const addressSchema = z.object({
  name: text,
  line1: text,
  line2: optionalText,
  city: text,
  region: optionalText,
  postalCode: optionalText,
  country: z
    .string({ error: 'expected a string' })
    .regex(/^[A-Z]{2}$/, { error: 'expected an ISO 3166-1 alpha-2 country code, e.g. KR' }),
});

export const orderSchema = z.object({
  /** The order's identity: one line (it names files, tags and headers), at most 200 characters. */
  id: line.refine((v) => v.length <= 200, { error: 'must be at most 200 characters' }),
  number: line,
  placedAt: isoTime,
  currency: z
    .string({ error: 'expected a string' })
    .refine(isKnownCurrency, { error: 'expected an ISO 4217 currency code, e.g. USD' }),
  items: z
    .array(itemSchema, { error: 'expected a list of items' })
    .min(1, { error: 'an order needs at least one item' }),
  subtotal: money,
  discount: money.optional(),
  /** The codes the customer entered (Shopify's `discount_codes[].code`), named beside the discount line. */
  discountCodes: z.array(text).optional(),
  shipping: money,
  tax: money.optional(),
  total: money,
  /** May be left out only when every item has `access` (nothing ships); see orderDocumentSchema. */
  shippingAddress: addressSchema.optional(),
  payment: z
    .object({ brand: text, last4: z.string().regex(/^\d{4}$/, { error: 'expected 4 digits' }) })
    .optional(),
  statusUrl: linkUrl,
});

export const SHIPMENT_STATUSES = ['shipped', 'delayed', 'out_for_delivery', 'delivered'] as const;

export const shipmentSchema = z.object({
  status: z.enum(SHIPMENT_STATUSES, { error: `expected one of ${SHIPMENT_STATUSES.join(', ')}` }),
  carrier: text,
  trackingNumber: text,
  trackingUrl: linkUrl,
  estimatedDelivery: isoDay.optional(),
  itemIds: z.array(text).min(1, { error: 'list at least one item id, or leave itemIds out' }).optional(),
});

export const instructionsSchema = z.object({
  title: text,
  steps: z
    .array(z.object({ title: text, body: text, imageUrl: httpsUrl.optional(), imageAlt: optionalText }))
    .min(1, { error: 'add at least one step' }),
  guideUrl: linkUrl,
  videoUrl: linkUrl.optional(),
  videoThumbnailUrl: httpsUrl.optional(),
});

export const reviewSchema = z.object({
  reviewUrl: httpsUrl,
  surveyUrl: linkUrl.optional(),
  scale: z.enum(['stars', 'nps'], { error: 'expected stars or nps' }).optional(),
});

export const recommendationSchema = z.object({
  id: text,
  name: line,
  price: money,
  compareAtPrice: money.optional(),
  imageUrl: httpsUrl,
  url: linkUrl,
  /** Other customers' ratings (social proof): shown as stars with a text equivalent. */
  rating: z
    .object({
      average: z
        .number({ error: 'expected a number from 0 to 5' })
        .min(0, { error: 'expected a number from 0 to 5' })
        .max(5, { error: 'expected a number from 0 to 5' }),
      count: z
        .number({ error: 'expected a whole number of reviews' })
        .int({ error: 'expected a whole number of reviews' })
        .nonnegative({ error: 'must not be negative' }),
    })
    .optional(),
});

export const referralSchema = z.object({
  code: text,
  shareUrl: httpsUrl,
  giveText: text,
  getText: text,
});

/**
 * The preference-link email's part: the link to the preference centre, which may hold `{email}`
 * and `{token}` like `shop.preferencesUrl` (filled for the recipient and signed with the
 * unsubscribe secret), so the preference centre can pass `shop.preferencesUrl` as it is.
 */
export const preferencesSchema = z.object({ url: signedLinkTemplate });

/** The last email of the flow: a coupon toward a second order, or what is new for those who came back. */
export const winBackSchema = z
  .object({
    coupon: z.object({ code: text, text, expiresAt: isoTime.optional() }).optional(),
    news: z
      .array(z.object({ title: text, body: text, url: linkUrl, imageUrl: httpsUrl.optional() }))
      .min(1, { error: 'list at least one story, or leave news out' })
      .optional(),
  })
  .refine((w) => w.coupon !== undefined || w.news !== undefined, {
    error: 'give a coupon (for first-order customers), news (for returning customers), or both',
  });

export const orderDocumentSchema = z
  .object({
    shop: shopSchema,
    customer: customerSchema,
    order: orderSchema,
    shipment: shipmentSchema.optional(),
    instructions: instructionsSchema.optional(),
    review: reviewSchema.optional(),
    recommendations: z
      .array(recommendationSchema)
      .min(1, { error: 'list at least one product, or leave recommendations out' })
      .optional(),
    referral: referralSchema.optional(),
    winBack: winBackSchema.optional(),
    preferences: preferencesSchema.optional(),
  })
  .superRefine((doc, ctx) => {
    if (doc.order.shippingAddress === undefined) {
      const shipped = doc.order.items.findIndex((item) => item.access === undefined);
      if (shipped !== -1)
        ctx.addIssue({
          code: 'custom',
          path: ['order', 'shippingAddress'],
          message: `required: order.items[${shipped}] has no access and ships (only an order whose every item has access may leave the address out)`,
        });
    }
    const ids = new Set<string>();
    doc.order.items.forEach((item, i) => {
      if (ids.has(item.id))
        ctx.addIssue({
          code: 'custom',
          path: ['order', 'items', i, 'id'],
          message: `duplicate item id "${item.id}"`,
        });
      ids.add(item.id);
    });
    doc.shipment?.itemIds?.forEach((id, i) => {
      if (!ids.has(id))
        ctx.addIssue({
          code: 'custom',
          path: ['shipment', 'itemIds', i],
          message: `"${id}" is not the id of an item in order.items`,
        });
    });
  });

/**
 * The order document as the store keeps it (what `POST /orders`, Shopify's webhooks, shipment events and
 * `send --data` take): the same schema, plus one refinement over every string of the document, keys included —
 * each must be text Postgres can hold (no NUL, no unpaired surrogate), or the field is named. Rendering alone
 * (a template, `render`) takes the plain schema: an awkward name still renders.
 */
export const storedOrderDocumentSchema = orderDocumentSchema.superRefine((doc, ctx) => {
  for (const path of unstorablePaths(doc))
    ctx.addIssue({ code: 'custom', path, message: UNSTORABLE_MESSAGE });
});

/** The unstorable strings of a document, as problems (`customer.firstName: holds a character…`). */
export function unstorableProblems(doc: unknown): string[] {
  return unstorablePaths(doc).map((path) => `${formatPath(path)}: ${UNSTORABLE_MESSAGE}`);
}

export type OrderDocument = z.infer<typeof orderDocumentSchema>;
export type Shop = OrderDocument['shop'];
export type Customer = OrderDocument['customer'];
export type Order = OrderDocument['order'];
export type OrderItem = Order['items'][number];
export type Address = NonNullable<Order['shippingAddress']>;
export type ItemAccess = NonNullable<OrderItem['access']>;
export type Shipment = z.infer<typeof shipmentSchema>;
export type ShipmentStatus = Shipment['status'];
export type Instructions = z.infer<typeof instructionsSchema>;
export type Review = z.infer<typeof reviewSchema>;
export type Recommendation = z.infer<typeof recommendationSchema>;
export type Referral = z.infer<typeof referralSchema>;
export type WinBack = z.infer<typeof winBackSchema>;
export type Rating = NonNullable<Recommendation['rating']>;

/** The optional parts of the document that a template may require. */
export type DocumentPart =
  | 'shipment'
  | 'instructions'
  | 'review'
  | 'recommendations'
  | 'referral'
  | 'winBack'
  | 'preferences';

/** Thrown for an invalid document: one line per problem, each naming the field path. */
export class ValidationError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[], context = 'invalid order document') {
    super(`${context}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ValidationError';
    this.problems = problems;
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * `['order', 'items', 2, 'unitPrice']` → `order.items[2].unitPrice`; a key that is not an identifier
 * is quoted as JavaScript would (`shop.copy.en["thankYou.title.first"]`, `shop.copy["zh-CN"]`).
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && !IDENTIFIER.test(key)) out += `[${JSON.stringify(key)}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(document)';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describe(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) return 'required';
  if (issue.code === 'invalid_type' && issue.expected === 'object') return 'expected an object';
  if (issue.code === 'invalid_type' && issue.expected === 'array') return 'expected a list';
  return issue.message;
}

/** One line per issue, `path: message` (the path as formatPath writes it, after `prefix`; `root` for none). */
export function issueLines(error: z.ZodError, root: string, prefix = ''): string[] {
  return error.issues.map(
    (issue) => `${issue.path.length ? `${prefix}${formatPath(issue.path)}` : root}: ${issue.message}`,
  );
}

export function problemsOf(error: z.ZodError, input: unknown): string[] {
  return error.issues.flatMap((issue) =>
    // One line per unknown key, at its own path (`shop.brand.acent: unknown field; …`).
    issue.code === 'unrecognized_keys' && issue.message.startsWith('unknown field')
      ? issue.keys.map((key) => `${formatPath([...issue.path, key])}: ${issue.message}`)
      : [`${formatPath(issue.path)}: ${describe(issue, input)}`],
  );
}

/** Validates against `schema`; throws a ValidationError listing every problem. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, context?: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(problemsOf(result.error, input), context);
  return result.data;
}

/**
 * Documents this module has validated, by identity: a parsed document is frozen (it cannot change
 * after the check) and remembered, so every later step — the planner, `renderEmail`, the template
 * component itself — recognises it and does not parse it again.
 */
const validated = new WeakSet<object>();
/** A validated document by its `order` object: how a component finds it again under spread props. */
const validatedByOrder = new WeakMap<object, OrderDocument>();

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/** Freezes and remembers a document that has passed the schema. */
function remember(doc: OrderDocument): OrderDocument {
  deepFreeze(doc);
  validated.add(doc);
  validatedByOrder.set(doc.order, doc);
  return doc;
}

/**
 * A document this package validated before and kept (the live engine's store writes each with the fingerprint
 * of the schema that passed it, `orderDocumentFingerprint()`): frozen and remembered without a second parse.
 * The caller vouches for it; anything else goes through `parseOrderDocument`.
 */
export function adoptValidatedDocument(input: object): OrderDocument {
  return isValidatedDocument(input) ? input : remember(input as OrderDocument);
}

/** Whether `input` is a document returned by `parseOrderDocument` (or `validateDocument`): frozen and valid. */
export function isValidatedDocument(input: unknown): input is OrderDocument {
  return typeof input === 'object' && input !== null && validated.has(input);
}

/**
 * The validated document `props` were spread from (`{ ...doc, locale }`), if they were: every part
 * of the document is the very object that was validated, and nothing else but `extraKeys` is there.
 */
export function validatedDocumentOf(
  props: Readonly<Record<string, unknown>>,
  extraKeys: ReadonlySet<string>,
): OrderDocument | undefined {
  const order = props.order;
  if (typeof order !== 'object' || order === null) return undefined;
  const doc = validatedByOrder.get(order);
  if (doc === undefined) return undefined;
  const parts = doc as Readonly<Record<string, unknown>>;
  for (const key in parts) if (props[key] !== parts[key]) return undefined;
  for (const key in props)
    if (!extraKeys.has(key) && !Object.hasOwn(parts, key) && props[key] !== undefined) return undefined;
  return doc;
}

/**
 * Validates an order document (every part that is present). The result is frozen and remembered:
 * passing it on (to `renderEmail`, a template, the planner) costs no second parse. Passing an
 * already validated document returns it as it is.
 */
export function parseOrderDocument(input: unknown): OrderDocument {
  if (isValidatedDocument(input)) return input;
  return remember(parseWith(orderDocumentSchema, input));
}

/**
 * `parseOrderDocument` for a document the store will keep (storedOrderDocumentSchema): a document validated
 * before (for rendering) is checked for unstorable text on its own.
 */
export function parseStoredOrderDocument(input: unknown): OrderDocument {
  if (isValidatedDocument(input)) {
    const problems = unstorableProblems(input);
    if (problems.length > 0) throw new ValidationError(problems);
    return input;
  }
  return remember(parseWith(storedOrderDocumentSchema, input));
}

/** `orderDocumentSchema.safeParse` for callers that gather problems of their own: a success is remembered. */
export function checkOrderDocument(
  input: unknown,
): { success: true; data: OrderDocument } | { success: false; problems: string[] } {
  if (isValidatedDocument(input)) return { success: true, data: input };
  const result = orderDocumentSchema.safeParse(input);
  return result.success
    ? { success: true, data: remember(result.data) }
    : { success: false, problems: problemsOf(result.error, input) };
}
