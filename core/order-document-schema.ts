import { z } from 'zod';
import { brandSchema } from './brand';
import { copySchema } from './copy';
import { isKnownCurrency } from './currency';
import {
  email,
  httpsUrl,
  isoDay,
  isoTime,
  line,
  linkUrl,
  money,
  optionalLine,
  optionalText,
  signedLinkTemplate,
  text,
  timeZone,
} from './document-fields';
import { LOCALES } from './locales';
import { UNSTORABLE_MESSAGE, unstorablePaths } from './storable-text';

/**
 * The order document's schema (CONTRACT.md), part by part, in zod; order-document.ts is the module the rest
 * of the code imports it from. The TypeScript types are inferred from these schemas, so run-time validation
 * and types cannot drift.
 */

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
