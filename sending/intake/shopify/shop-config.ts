/**
 * SHOP_CONFIG: what Shopify's webhooks do not say about the shop. A JSON file holding the order document's
 * `shop` object (same fields, same validation) plus how to fill what a Shopify order lacks: the locale for a
 * customer_locale outside ours, product page and image URL patterns, and the shop-wide parts some templates
 * need (review links, care instructions, products to recommend, a referral offer).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { isKnownCurrency } from '../../../core/currency';
import { LOCALES } from '../../../core/locales';
import {
  httpsUrl,
  instructionsSchema,
  linkUrl,
  problemsOf,
  recommendationSchema,
  referralSchema,
  reviewSchema,
  shopSchema,
  ValidationError,
} from '../../../core/order-document';

/** Placeholders a product URL or image pattern may hold, filled from the Shopify line item. */
export const PRODUCT_PLACEHOLDERS = ['handle', 'productId', 'variantId', 'sku'] as const;
/** Placeholders shop-wide URLs may hold (the review link is per order), filled from the order. */
export const ORDER_PLACEHOLDERS = ['orderId', 'orderNumber', 'email'] as const;

function placeholderCheck(allowed: readonly string[]) {
  return (value: string, ctx: z.core.$RefinementCtx<string>) => {
    for (const [, name] of value.matchAll(/\{([^}]*)\}/g)) {
      if (!allowed.includes(name ?? ''))
        ctx.addIssue({
          code: 'custom',
          message: `unknown placeholder {${name}}: expected ${allowed.map((p) => `{${p}}`).join(', ')}`,
        });
    }
  };
}

const productPattern = httpsUrl.superRefine(placeholderCheck(PRODUCT_PLACEHOLDERS));
const productLinkPattern = linkUrl.superRefine(placeholderCheck(PRODUCT_PLACEHOLDERS));

export const shopConfigSchema = shopSchema.extend({
  /** The locale for a customer whose `customer_locale` is not one of ours (default `en`). */
  defaultLocale: z.enum(LOCALES, { error: `expected one of ${LOCALES.join(', ')}` }).optional(),
  /** `https://shop.example.com/products/{handle}`; without it, items link to the shop's front page. */
  productUrl: productLinkPattern.optional(),
  /** A product picture by pattern when the payload carries none; without either, the shop's logo stands in. */
  productImageUrl: productPattern.optional(),
  /** `reviewUrl` / `surveyUrl` may hold {orderId}, {orderNumber}, {email} (and {rating}, kept for the template). */
  review: reviewSchema.optional(),
  instructions: instructionsSchema.optional(),
  /** Products to recommend, per currency (prices are minor units of that currency): `{ "USD": [...] }`. */
  recommendations: z
    .record(
      z.string().refine(isKnownCurrency, { error: 'expected an ISO 4217 currency code, e.g. USD' }),
      z.array(recommendationSchema).min(1, { error: 'list at least one product' }),
    )
    .optional(),
  referral: referralSchema.optional(),
});

export type ShopConfig = z.infer<typeof shopConfigSchema>;

/** Validates a SHOP_CONFIG object; a ValidationError names every bad field (`shop.timeZone: …`). */
export function parseShopConfig(input: unknown, source = 'SHOP_CONFIG'): ShopConfig {
  const result = shopConfigSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    problemsOf(result.error, input).map((p) => (p.startsWith('(document)') ? p : `shop.${p}`)),
    `invalid ${source}`,
  );
}

/** Reads and validates the file named by SHOP_CONFIG (or `path`). */
export async function loadShopConfig(path: string): Promise<ShopConfig> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ValidationError([`SHOP_CONFIG: cannot read ${path} (${code})`], 'invalid SHOP_CONFIG');
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ValidationError(
      [`SHOP_CONFIG: ${path} is not JSON (${(error as Error).message})`],
      'invalid SHOP_CONFIG',
    );
  }
  return parseShopConfig(json, `SHOP_CONFIG (${path})`);
}

/** The order document's `shop` object: the config without its Shopify-only keys. */
export function shopOf(config: ShopConfig) {
  const {
    defaultLocale: _locale,
    productUrl: _url,
    productImageUrl: _image,
    review: _review,
    instructions: _instructions,
    recommendations: _recommendations,
    referral: _referral,
    ...shop
  } = config;
  return shop;
}
