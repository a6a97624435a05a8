import { createElement } from 'react';
import type { EmailKind } from '../components/email-layout';
import type { Locale } from '../components/i18n';
import { type DocumentPart, type OrderDocument, ValidationError } from '../core/order-document';
import {
  headersFor,
  type RenderOptions,
  resolveLocale,
  resolveSubjectVariant,
  type Template,
  type TemplateProps,
  validateFor,
} from '../core/template';
import {
  RENDERERS,
  type RendererName,
  renderWithReference,
  renderWithStaticRenderer,
} from '../render/fast-render';
import { CrossSellEmail, crossSell } from './cross-sell';
import { OrderConfirmationEmail, orderConfirmation } from './order-confirmation';
import { ProductInstructionsEmail, productInstructions } from './product-instructions';
import { ReferralEmail, referral } from './referral';
import { ReplenishmentEmail, replenishment } from './replenishment';
import { ReviewRequestEmail, reviewRequest } from './review-request';
import { ShippingUpdateEmail, shippingUpdate } from './shipping-update';
import { ThankYouEmail, thankYou } from './thank-you';
import { WinBackEmail, winBack } from './win-back';

export { LOCALES, type Locale } from '../components/i18n';
export { type OrderDocument, parseOrderDocument, ValidationError } from '../core/order-document';
export { type RenderOptions, SUBJECT_VARIANTS, type SubjectVariant } from '../core/template';
export type { RendererName } from '../render/fast-render';
export { CrossSellEmail } from './cross-sell';
export { OrderConfirmationEmail } from './order-confirmation';
export { ProductInstructionsEmail } from './product-instructions';
export { ReferralEmail } from './referral';
export { ReplenishmentEmail } from './replenishment';
export { ReviewRequestEmail } from './review-request';
export { ShippingUpdateEmail } from './shipping-update';
export { ThankYouEmail } from './thank-you';
export { WinBackEmail } from './win-back';

/** Every template, in the order of the default sequence: the registry every consumer iterates. */
export const templates = {
  'order-confirmation': { ...orderConfirmation, component: OrderConfirmationEmail },
  'shipping-update': { ...shippingUpdate, component: ShippingUpdateEmail },
  'thank-you': { ...thankYou, component: ThankYouEmail },
  'product-instructions': { ...productInstructions, component: ProductInstructionsEmail },
  'review-request': { ...reviewRequest, component: ReviewRequestEmail },
  'cross-sell': { ...crossSell, component: CrossSellEmail },
  referral: { ...referral, component: ReferralEmail },
  'win-back': { ...winBack, component: WinBackEmail },
  replenishment: { ...replenishment, component: ReplenishmentEmail },
} as const satisfies Record<
  string,
  | Template<never>
  | Template<'shipment'>
  | Template<'instructions'>
  | Template<'review'>
  | Template<'recommendations'>
  | Template<'referral'>
  | Template<'winBack'>
>;

export type TemplateId = keyof typeof templates;
export const TEMPLATE_IDS = Object.keys(templates) as TemplateId[];

export function isTemplateId(id: unknown): id is TemplateId {
  return typeof id === 'string' && Object.hasOwn(templates, id);
}

export class UnknownTemplateError extends Error {
  constructor(id: string) {
    super(`unknown template "${id}": expected one of ${TEMPLATE_IDS.join(', ')}`);
    this.name = 'UnknownTemplateError';
  }
}

export type RenderedEmail = Readonly<{
  subject: string;
  preview: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  kind: EmailKind;
}>;

export function getTemplate(id: string): Template {
  if (!isTemplateId(id)) throw new UnknownTemplateError(id);
  return templates[id] as unknown as Template;
}

/** `renderEmail`'s options: the template's render options plus the choice of renderer. */
export type RenderEmailOptions = RenderOptions &
  Readonly<{
    /**
     * `fast` (default): the static renderer — the same HTML as react-email's `render()`, byte for
     * byte, and the same text as html-to-text, several times faster (`tests/fast-render.test.ts`
     * holds it to that for every template). `reference`: react-email's `render()` + html-to-text itself.
     */
    renderer?: RendererName;
  }>;

/**
 * Renders one email: validates the document for the template (throwing a ValidationError that
 * names every bad field), then returns the subject, preheader, HTML, plain text, headers and kind.
 * The HTML is exactly what `render(<Template {...document} locale={locale} />)` gives.
 */
export async function renderEmail(
  id: string,
  document: unknown,
  options: RenderEmailOptions = {},
): Promise<RenderedEmail> {
  const template = getTemplate(id);
  const { renderer = 'fast', ...renderOptions } = options;
  if (!RENDERERS.includes(renderer))
    throw new ValidationError([`renderer: expected one of ${RENDERERS.join(', ')}`]);
  const doc = validateFor(template, document) as OrderDocument & Record<DocumentPart, never>;
  const locale: Locale = resolveLocale(renderOptions.locale, doc);
  const variant = resolveSubjectVariant(renderOptions.subjectVariant);
  const headers = headersFor(template, doc, renderOptions);
  const props = { ...doc, ...renderOptions, locale } as TemplateProps<DocumentPart>;
  const element = createElement(template.component, props);
  const { html, text } =
    renderer === 'reference' ? await renderWithReference(element) : await renderWithStaticRenderer(element);
  return {
    subject: template.subject(doc, locale, variant),
    preview: template.preview(doc, locale),
    html,
    text,
    headers,
    kind: template.kind,
  };
}
