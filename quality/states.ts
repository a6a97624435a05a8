/**
 * What the gate renders: every template in the registry × every locale × every state that applies.
 * The state list lives here and only here; add a state (a document, and which templates it applies to)
 * and every check, the report and the screenshots pick it up.
 */
import { LOCALES, type Locale } from '../components/i18n';
import { type OrderDocument, SHIPMENT_STATUSES } from '../core/order-document';
import { registry as builtIn, type Registry } from '../emails';
import { type CompleteDocument, digitalOrderData, mixedOrderData, sampleDocuments } from '../emails/_samples';
import { SAMPLE_BRAND_NAMES, sampleBrands } from '../emails/_samples/brands';
import type { EmailUnderCheck } from './types';

export type State = Readonly<{
  /** Short and unique: it names files and table rows. */
  name: string;
  document: OrderDocument;
  /** Templates it applies to; all when absent. */
  templates?: readonly string[];
}>;

const samples = Object.entries(sampleDocuments) as [string, CompleteDocument][];
const [baseName, base] = samples[0] as [string, CompleteDocument];

/** The order with subtotal and total recomputed from its lines. */
function withTotals(order: OrderDocument['order']): OrderDocument['order'] {
  const subtotal = order.items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);
  return { ...order, subtotal, total: subtotal - (order.discount ?? 0) + order.shipping + (order.tax ?? 0) };
}

/**
 * What a real catalogue and a real customer send that a designer does not draw: a 60-letter product name
 * with no break in it, a long variant, a right-to-left mark in a name, a quantity in the thousands, an
 * address line and a shop name far past a phone's width. Every template must still fit 375px.
 */
export const longWordsDocument: OrderDocument = (() => {
  const [first, ...rest] = base.order.items;
  if (!first) throw new Error('the first sample has no items');
  return {
    ...base,
    shop: { ...base.shop, name: 'Hanok Goods & Traditional Korean Tea Ceremony Supplies Cooperative' },
    customer: {
      ...base.customer,
      firstName: 'Maximiliana-Josephina\u200f',
      lastName: 'Wolfeschlegelsteinhausenbergerdorff',
    },
    order: withTotals({
      ...base.order,
      items: [
        {
          ...first,
          name: 'Onggiclayteapotfiredinatraditionalwoodkilnfortwentyfourhours',
          variant: 'Ujeon-grade·50g×3tins·gift-wrapped-with-a-handwritten-card-in-Korean-and-English',
          quantity: 12000,
        },
        ...rest,
      ],
      shippingAddress: {
        ...base.order.shippingAddress,
        name: 'Maximiliana-Josephina Wolfeschlegelsteinhausenbergerdorff',
        line1: 'Building104RaemianGangnamForestApartments45Toegye-ro20-gilJung-gu',
      },
    }),
  };
})();

/**
 * The sample documents, one state per shipment status for the shipping update (on the first sample),
 * the first sample in each sample brand (every template must reach AA in every brand, light and dark),
 * an all-digital and a mixed order's confirmation (a welcome with access buttons; both parts), and the
 * long words every template must wrap.
 */
export const STATES: readonly State[] = [
  ...samples.map(([name, document]) => ({ name, document })),
  ...SHIPMENT_STATUSES.map((status) => ({
    name: `${baseName}+${status}`,
    document: { ...base, shipment: { ...base.shipment, status } },
    templates: ['shipping-update'],
  })),
  ...SAMPLE_BRAND_NAMES.map((brand) => ({
    name: `${baseName}@${brand}`,
    document: { ...base, shop: { ...base.shop, brand: sampleBrands[brand] } },
  })),
  { name: 'ko-digital', document: digitalOrderData, templates: ['order-confirmation'] },
  { name: `${baseName}+mixed`, document: mixedOrderData, templates: ['order-confirmation'] },
  { name: 'long-words', document: longWordsDocument },
];

/** The key the sample unsubscribe URLs' `{token}` is signed with while checking (any fixed value will do). */
export const CHECK_SECRET = 'check-secret';

export type Combination = Readonly<{ template: string; locale: Locale; state: State }>;

/** Every template × locale × applicable state; `only` and `locales` narrow it (empty or absent: all). */
export function combinations(
  only?: readonly string[],
  registry: Registry = builtIn,
  locales?: readonly Locale[],
): Combination[] {
  const ids = registry.ids.filter((id) => !only?.length || only.includes(id));
  const chosen = LOCALES.filter((locale) => !locales?.length || locales.includes(locale));
  return ids.flatMap((template) =>
    chosen.flatMap((locale) =>
      STATES.filter((state) => !state.templates || state.templates.includes(template)).map((state) => ({
        template,
        locale,
        state,
      })),
    ),
  );
}

export type Rendered = Readonly<{
  email: EmailUnderCheck;
  subject: string;
  /** The plain-text alternative, and the addresses, for the full message the spam filters judge. */
  text: string;
  from: string;
  to: string;
}>;

/** Renders one combination exactly as `renderEmail()` gives it to a sender. */
export async function renderCombination(
  { template, locale, state }: Combination,
  registry: Registry = builtIn,
): Promise<Rendered> {
  const out = await registry.renderEmail(template, state.document, {
    locale,
    unsubscribeSecret: CHECK_SECRET,
  });
  const { shop, customer } = state.document;
  return {
    subject: out.subject,
    text: out.text,
    from: `${shop.name} <${shop.supportEmail}>`,
    to: customer.email,
    email: {
      template,
      locale,
      state: state.name,
      kind: out.kind,
      html: out.html,
      headers: out.headers,
      postalAddress: state.document.shop.address,
      subject: out.subject,
      sender: {
        name: state.document.shop.name,
        email: state.document.shop.supportEmail,
        ...(state.document.shop.supportPhone ? { phone: state.document.shop.supportPhone } : {}),
      },
    },
  };
}

/**
 * The one state per template and locale the screenshots show: the sample written in that locale
 * (its money and names read naturally), else the first that applies.
 */
export function isScreenshotState({ template, locale, state }: Combination): boolean {
  const applicable = STATES.filter((s) => !s.templates || s.templates.includes(template));
  const chosen = applicable.find((s) => s.document.customer.locale === locale) ?? applicable[0];
  return chosen?.name === state.name;
}
