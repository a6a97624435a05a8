import type { Template } from '../core/template';
import { crossSell } from './cross-sell';
import { orderConfirmation } from './order-confirmation';
import { preferencesLink } from './preferences-link';
import { productInstructions } from './product-instructions';
import { referral } from './referral';
import { replenishment } from './replenishment';
import { reviewRequest } from './review-request';
import { shippingUpdate } from './shipping-update';
import { thankYou } from './thank-you';
import { winBack } from './win-back';

// What a developer needs to write a template of their own (README: "Your own template").
export { AddressBlock } from '../components/address-block';
export { Button } from '../components/button';
export { Callout } from '../components/callout';
export { CodeBox } from '../components/code-box';
export { DataTable, LabelledRows } from '../components/data-table';
export { formatDate } from '../components/dates';
export { type Design, DesignContext, themed, useMessages, useTheme } from '../components/design';
export { EmailLayout, type EmailLayoutProps } from '../components/email-layout';
export { Footer } from '../components/footer';
export { LOCALES, type Locale, type Messages, messages } from '../components/i18n';
export { InstructionSteps } from '../components/instruction-steps';
export { LineItems } from '../components/line-items';
export { formatMoney } from '../components/money';
export { Paragraph } from '../components/paragraph';
export { type Prepared, prepare } from '../components/prepare';
export { Price } from '../components/price';
export { Img, Link } from '../components/primitives';
export { ProductCard } from '../components/product-card';
export { ProductGrid } from '../components/product-grid';
export { RatingLinks } from '../components/rating-links';
export { ShipmentProgress } from '../components/shipment-progress';
export { inked, ruled, stylesFor } from '../components/styles';
export {
  brandFontStack,
  button,
  colors,
  contrastPairs,
  defaultTheme,
  fontStacks,
  layout,
  type Palette,
  space,
  type Theme,
  themeFor,
  type,
} from '../components/theme';
export { Title } from '../components/title';
export { Totals } from '../components/totals';
export { VideoLink } from '../components/video-link';
export { type Brand, type BrandColours, brandSchema, DEFAULT_BRAND } from '../core/brand';
export { contrastRatio, relativeLuminance } from '../core/contrast';
export { COPY_PLACEHOLDERS, type CopyKey, type CopyOverrides } from '../core/copy';
export {
  defineTemplate,
  type Template,
  TemplateDefinitionError,
  type TemplateProps,
} from '../core/template';
export {
  createRegistry,
  type Registry,
  type RenderEmailOptions,
  type RenderedEmail,
  UnknownTemplateError,
} from './registry';

import { createRegistry, type Registry, type RenderEmailOptions, type RenderedEmail } from './registry';

export { UnsubscribeSecretMissing } from '../core/links';
export { type OrderDocument, parseOrderDocument, ValidationError } from '../core/order-document';
export { type RenderOptions, SUBJECT_VARIANTS, type SubjectVariant } from '../core/template';
export type { FallbackHandler, RendererName } from '../render/fast-render';
export { sampleDocuments as samples } from './_samples';
export { CrossSellEmail } from './cross-sell';
export { OrderConfirmationEmail } from './order-confirmation';
export { PreferencesLinkEmail } from './preferences-link';
export { ProductInstructionsEmail } from './product-instructions';
export { ReferralEmail } from './referral';
export { ReplenishmentEmail } from './replenishment';
export { ReviewRequestEmail } from './review-request';
export { ShippingUpdateEmail } from './shipping-update';
export { ThankYouEmail } from './thank-you';
export { WinBackEmail } from './win-back';

/** Every template, in the order of the default sequence: the registry every consumer iterates. */
export const templates = {
  'order-confirmation': orderConfirmation,
  'shipping-update': shippingUpdate,
  'thank-you': thankYou,
  'product-instructions': productInstructions,
  'review-request': reviewRequest,
  'cross-sell': crossSell,
  referral,
  'win-back': winBack,
  replenishment,
  'preferences-link': preferencesLink,
} as const satisfies Record<string, Template>;

export type TemplateId = keyof typeof templates;

/** The built-in templates as a registry: `createRegistry([...Object.values(templates), yours])` adds your own. */
export const registry: Registry<TemplateId> = createRegistry(
  Object.values(templates) as Template[],
) as Registry<TemplateId>;
export const TEMPLATE_IDS = registry.ids as TemplateId[];

export function isTemplateId(id: unknown): id is TemplateId {
  return registry.has(id);
}

export function getTemplate(id: string): Template {
  return registry.get(id);
}

/**
 * Renders one email (`id` is a built-in template's: a misspelt one fails to compile; a registry of your own
 * from `createRegistry` types its ids the same way): validates the document for the template (throwing a ValidationError that
 * names every bad field), then returns the subject, preheader, HTML, plain text, headers and kind.
 * The HTML is exactly what `render(<Template {...document} locale={locale} />)` gives.
 */
export function renderEmail(
  id: TemplateId,
  document: unknown,
  options: RenderEmailOptions = {},
): Promise<RenderedEmail> {
  return registry.renderEmail(id, document, options);
}
