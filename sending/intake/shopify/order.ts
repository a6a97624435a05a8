/**
 * Shopify's REST Admin `orders/create` webhook payload → our order document. What Shopify does not send (the
 * shop's name, address, logo, time zone, unsubscribe URL…) comes from SHOP_CONFIG. Money is converted from
 * Shopify's decimal strings to minor units digit by digit, in the currency the customer paid in.
 *
 * A payload that cannot become a valid document is refused with the field paths of both sides
 * (`email → customer.email: required`), so the shop owner knows what to fix in Shopify.
 */
import { isKnownCurrency } from '../../../core/currency';
import { type Locale, localeOfTag } from '../../../core/locales';
import { type OrderDocument, problemsOf, storedOrderDocumentSchema } from '../../../core/order-document';
import { toMinorUnits } from './money';
import type { ShopConfig } from './shop-config';
import { shopOf } from './shop-config';

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A non-empty trimmed string, or undefined. */
export const textOf = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/** Shopify ids arrive as numbers, or as strings when long (see json.ts). */
export const idOf = (v: unknown): string | undefined =>
  typeof v === 'number' && Number.isInteger(v) ? String(v) : textOf(v);

export type MappingResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };

export type ShopifyOrderOptions = Readonly<{
  config: ShopConfig;
  /**
   * How many orders the store already holds for this address. Used when the payload has no
   * `customer.orders_count` (API versions from 2024-07 dropped it); without it, the customer counts as new.
   */
  priorOrders?: (email: string, orderId: string) => Promise<number> | number;
}>;

/** `ko-KR` → `ko`, `en-US` → `en`, `zh-CN` / `zh-Hans` → `zh-CN`; anything else → undefined. */
export function shopifyLocale(value: unknown): Locale | undefined {
  const tag = textOf(value);
  return tag ? localeOfTag(tag) : undefined;
}

/** Shopify's default product handle: the title lowercased, runs of anything but letters and digits as one dash. */
export function productHandle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

function fill(pattern: string, values: Record<string, string | undefined>): string | undefined {
  let missing = false;
  const out = pattern.replace(/\{([^}]*)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      missing = true;
      return whole;
    }
    return encodeURIComponent(value);
  });
  return missing ? undefined : out;
}

/** Fills {orderId}, {orderNumber}, {email} in a shop-wide URL; other placeholders ({rating}) are left for the template. */
function fillOrder(url: string, values: Record<string, string>): string {
  return url.replace(/\{(orderId|orderNumber|email)\}/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? ''),
  );
}

const isHttps = (v: string | undefined): v is string => {
  if (!v) return false;
  try {
    return new URL(v).protocol === 'https:';
  } catch {
    return false;
  }
};

/** Where each part of our document came from in the payload, to name Shopify's field in a problem. */
type Sources = Array<readonly [documentPath: string, shopifyPath: string]>;

function sourceOf(sources: Sources, documentPath: string): string | undefined {
  let best: readonly [string, string] | undefined;
  for (const entry of sources) {
    const [prefix] = entry;
    const matches =
      documentPath === prefix ||
      documentPath.startsWith(`${prefix}.`) ||
      documentPath.startsWith(`${prefix}[`);
    if (matches && (!best || prefix.length > best[0].length)) best = entry;
  }
  return best?.[1];
}

/**
 * The amount at `field`: `<field>_set.presentment_money.amount` when Shopify sent the set (the money the
 * customer saw), else the plain field, which is in the shop's currency and so only usable when that is the
 * order's currency.
 */
function amountAt(
  owner: Json,
  ownerPath: string,
  field: string,
  currency: string,
  shopCurrency: string | undefined,
  problems: string[],
  required: boolean,
): number | undefined {
  const set = owner[`${field}_set`];
  const at = (suffix: string) => (ownerPath ? `${ownerPath}.${suffix}` : suffix);
  if (isObject(set) && isObject(set.presentment_money)) {
    const money = set.presentment_money;
    const code = textOf(money.currency_code);
    if (code && code !== currency) {
      problems.push(
        `${at(`${field}_set.presentment_money.currency_code`)}: "${code}" differs from the order's ${currency}`,
      );
      return undefined;
    }
    const result = toMinorUnits(money.amount, currency);
    if (result.ok) return result.value;
    problems.push(`${at(`${field}_set.presentment_money.amount`)}: ${result.problem}`);
    return undefined;
  }
  const plain = owner[field];
  if (plain === undefined || plain === null) {
    if (required) problems.push(`${at(field)}: required`);
    return undefined;
  }
  if (shopCurrency && shopCurrency !== currency) {
    problems.push(
      `${at(`${field}_set.presentment_money`)}: required (the order was paid in ${currency}, ${at(field)} is in ${shopCurrency})`,
    );
    return undefined;
  }
  const result = toMinorUnits(plain, currency);
  if (result.ok) return result.value;
  problems.push(`${at(field)}: ${result.problem}`);
  return undefined;
}

function nameParts(...owners: unknown[]): { first?: string; last?: string; full?: string } {
  for (const owner of owners) {
    if (!isObject(owner)) continue;
    const first = textOf(owner.first_name);
    if (first) return { first, last: textOf(owner.last_name) };
  }
  for (const owner of owners) {
    if (!isObject(owner)) continue;
    const last = textOf(owner.last_name);
    const full = textOf(owner.name);
    if (last || full) return { last, full };
  }
  return {};
}

function mapAddress(value: unknown, fallbackName: string | undefined): Json | undefined {
  if (!isObject(value)) return undefined;
  const name =
    textOf(value.name) ??
    ([textOf(value.first_name), textOf(value.last_name)].filter(Boolean).join(' ') || fallbackName);
  const provinceCode = textOf(value.province_code);
  const line2 = [textOf(value.address2), textOf(value.company)].filter(Boolean);
  return {
    name,
    line1: textOf(value.address1),
    ...(line2.length ? { line2: textOf(value.address2) ?? line2.join(', ') } : {}),
    city: textOf(value.city),
    // "NY" reads right in an address; ISO subdivision codes such as "KR-11" do not, so those give the name.
    region:
      (provinceCode && !provinceCode.includes('-') ? provinceCode : undefined) ??
      textOf(value.province) ??
      '',
    postalCode: textOf(value.zip) ?? '',
    country: textOf(value.country_code)?.toUpperCase(),
  };
}

/** The card brand and last four digits, when the payload still carries `payment_details` (older API versions). */
function mapPayment(value: unknown): Json | undefined {
  if (!isObject(value)) return undefined;
  const brand = textOf(value.credit_card_company);
  const last4 = /(\d{4})\s*$/.exec(textOf(value.credit_card_number) ?? '')?.[1];
  return brand && last4 ? { brand: brand.toLowerCase(), last4 } : undefined;
}

/** Maps an `orders/create` payload (already JSON-parsed) to a validated order document, or the problems. */
export async function orderDocumentFromShopify(
  payload: unknown,
  options: ShopifyOrderOptions,
): Promise<MappingResult<OrderDocument>> {
  if (!isObject(payload)) return { ok: false, problems: ['(payload): expected a JSON object'] };
  const { config } = options;
  const problems: string[] = [];
  const sources: Sources = [
    ['customer.email', 'email'],
    ['customer.firstName', 'customer.first_name'],
    ['customer.lastName', 'customer.last_name'],
    ['customer.locale', 'customer_locale'],
    ['order.id', 'id'],
    ['order.number', 'name'],
    ['order.placedAt', 'processed_at'],
    ['order.currency', 'presentment_currency'],
    ['order.items', 'line_items'],
    ['order.shippingAddress', 'shipping_address'],
    ['order.statusUrl', 'order_status_url'],
    ['order.payment', 'payment_details'],
    ['shop', 'SHOP_CONFIG'],
  ];

  const orderId = idOf(payload.id);
  if (!orderId) problems.push('id: required');

  // The currency the customer saw and paid in; amounts come from the matching presentment_money.
  const shopCurrency = textOf(payload.currency)?.toUpperCase();
  const currencyField = textOf(payload.presentment_currency) ? 'presentment_currency' : 'currency';
  const currency = textOf(payload[currencyField]);
  let knownCurrency: string | undefined;
  if (!currency) problems.push('currency: required');
  else if (!isKnownCurrency(currency))
    problems.push(`${currencyField}: "${currency}" is not an ISO 4217 currency code`);
  else knownCurrency = currency;

  const customer = isObject(payload.customer) ? payload.customer : {};
  const shipping = payload.shipping_address;
  const billing = payload.billing_address;
  const email = textOf(payload.email) ?? textOf(payload.contact_email) ?? textOf(customer.email);
  const names = nameParts(customer, shipping, billing);
  const firstName =
    names.first ?? names.full?.split(/\s+/)[0] ?? names.last ?? (email ? email.split('@')[0] : undefined);
  const lastName = names.first ? names.last : undefined;
  const locale = shopifyLocale(payload.customer_locale) ?? config.defaultLocale ?? 'en';

  const items: Json[] = [];
  const lineItems = Array.isArray(payload.line_items) ? payload.line_items : undefined;
  if (!lineItems) problems.push('line_items: expected a list');
  let itemsTotal = 0;
  lineItems?.forEach((raw, i) => {
    const path = `line_items[${i}]`;
    if (!isObject(raw)) {
      problems.push(`${path}: expected an object`);
      return;
    }
    const id = idOf(raw.id);
    const title = textOf(raw.title) ?? textOf(raw.name);
    const quantity = typeof raw.quantity === 'number' ? raw.quantity : Number.NaN;
    const unitPrice = knownCurrency
      ? amountAt(raw, path, 'price', knownCurrency, shopCurrency, problems, true)
      : undefined;
    if (unitPrice !== undefined && Number.isInteger(quantity)) itemsTotal += unitPrice * quantity;
    const values = {
      handle: textOf(raw.handle) ?? (title ? productHandle(textOf(raw.title) ?? title) : undefined),
      productId: idOf(raw.product_id),
      variantId: idOf(raw.variant_id),
      sku: textOf(raw.sku),
    };
    const image = isObject(raw.image) ? textOf(raw.image.src) : (textOf(raw.image) ?? textOf(raw.image_url));
    const imageUrl =
      (isHttps(image) ? image : undefined) ??
      (config.productImageUrl ? fill(config.productImageUrl, values) : undefined) ??
      config.logoUrl;
    const given = textOf(raw.url) ?? textOf(raw.product_url);
    const url =
      (isHttps(given) ? given : undefined) ??
      (config.productUrl ? fill(config.productUrl, values) : undefined) ??
      config.url;
    items.push({
      id,
      name: title,
      ...(textOf(raw.variant_title) ? { variant: textOf(raw.variant_title) } : {}),
      ...(textOf(raw.product_type) ? { category: textOf(raw.product_type) } : {}),
      quantity,
      unitPrice,
      imageUrl,
      url,
    });
  });

  const money = (field: string, required: boolean) =>
    knownCurrency ? amountAt(payload, '', field, knownCurrency, shopCurrency, problems, required) : undefined;
  const subtotal = money('total_line_items_price', false) ?? itemsTotal;
  const discount = money('total_discounts', false);
  const discountCodes = codesOf(payload.discount_codes);
  let shippingTotal = money('total_shipping_price', false);
  if (shippingTotal === undefined && knownCurrency) {
    shippingTotal = 0;
    const lines = Array.isArray(payload.shipping_lines) ? payload.shipping_lines : [];
    lines.forEach((line, i) => {
      if (!isObject(line)) return;
      shippingTotal =
        (shippingTotal ?? 0) +
        (amountAt(line, `shipping_lines[${i}]`, 'price', knownCurrency, shopCurrency, problems, true) ?? 0);
    });
  }
  // With tax-inclusive prices the tax is already inside every amount; listing it as a line would look added on.
  const tax = payload.taxes_included === true ? undefined : money('total_tax', false);
  const total = money('total_price', true);

  let ordersCount: number | undefined;
  if (typeof customer.orders_count === 'number' && Number.isInteger(customer.orders_count))
    ordersCount = Math.max(1, customer.orders_count);
  else if (email && orderId && options.priorOrders)
    ordersCount = (await options.priorOrders(email, orderId)) + 1;
  else ordersCount = 1;

  // total_spent is in the shop's currency: kept only when the order is in it too (money is never converted).
  const totalSpentResult =
    knownCurrency && (shopCurrency ?? knownCurrency) === knownCurrency && textOf(customer.total_spent)
      ? toMinorUnits(textOf(customer.total_spent), knownCurrency)
      : undefined;
  // "0.00" (a new customer, or stats Shopify has not updated yet) adds nothing to ltv: left out.
  const totalSpent = totalSpentResult?.ok && totalSpentResult.value > 0 ? totalSpentResult.value : undefined;

  const number = textOf(payload.name)?.replace(/^#/, '') ?? idOf(payload.order_number) ?? orderId;
  const statusUrl = textOf(payload.order_status_url) ?? config.url;
  const payment = mapPayment(payload.payment_details);
  const address = mapAddress(shipping, [firstName, lastName].filter(Boolean).join(' ') || undefined);

  if (problems.length) return { ok: false, problems };

  const placeholders = { orderId: orderId ?? '', orderNumber: number ?? '', email: email ?? '' };
  const document = {
    shop: shopOf(config),
    customer: {
      firstName,
      ...(lastName ? { lastName } : {}),
      email,
      locale,
      timeZone: config.timeZone,
      ordersCount,
      ...(totalSpent === undefined ? {} : { totalSpent }),
    },
    order: {
      id: orderId,
      number,
      placedAt: textOf(payload.processed_at) ?? textOf(payload.created_at),
      currency: knownCurrency,
      items,
      subtotal,
      ...(discount ? { discount } : {}),
      ...(discountCodes.length ? { discountCodes } : {}),
      shipping: shippingTotal ?? 0,
      ...(tax ? { tax } : {}),
      total,
      ...(address ? { shippingAddress: address } : {}),
      ...(payment ? { payment } : {}),
      statusUrl,
    },
    ...(config.review
      ? {
          review: {
            ...config.review,
            reviewUrl: fillOrder(config.review.reviewUrl, placeholders),
            ...(config.review.surveyUrl
              ? { surveyUrl: fillOrder(config.review.surveyUrl, placeholders) }
              : {}),
          },
        }
      : {}),
    ...(config.instructions ? { instructions: config.instructions } : {}),
    ...(knownCurrency && config.recommendations?.[knownCurrency]
      ? { recommendations: config.recommendations[knownCurrency] }
      : {}),
    ...(config.referral ? { referral: config.referral } : {}),
  };

  const result = storedOrderDocumentSchema.safeParse(document);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: problemsOf(result.error, document).map((line) => {
      const cut = line.indexOf(': ');
      const path = line.slice(0, cut);
      const from = sourceOf(sources, path);
      if (from === 'SHOP_CONFIG') return `SHOP_CONFIG → ${line}`;
      if (path.startsWith('order.items[')) {
        const i = /^order\.items\[(\d+)\]/.exec(path)?.[1];
        return `line_items[${i}] → ${line}`;
      }
      return from ? `${from} → ${line}` : line;
    }),
  };
}

/** `discount_codes[].code`, trimmed, each once, in Shopify's order; entries without a code are left out. */
function codesOf(value: unknown): string[] {
  const codes = (Array.isArray(value) ? value : []).map((entry) =>
    isObject(entry) ? textOf(entry.code) : undefined,
  );
  return [...new Set(codes.filter((code): code is string => code !== undefined))];
}
