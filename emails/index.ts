import { createElement } from 'react';
import type { EmailKind } from '../components/email-layout';
import type { Locale } from '../components/i18n';
import { type DocumentPart, ValidationError } from '../core/order-document';
import {
  headersFor,
  type RenderOptions,
  resolveLocale,
  type Template,
  type TemplateProps,
  validateFor,
} from '../core/template';
import {
  type FallbackHandler,
  RENDERERS,
  type RendererName,
  renderWithReference,
  renderWithStaticRenderer,
} from '../render/fast-render';
import { crossSell } from './cross-sell';
import { orderConfirmation } from './order-confirmation';
import { productInstructions } from './product-instructions';
import { referral } from './referral';
import { reviewRequest } from './review-request';
import { shippingUpdate } from './shipping-update';
import { thankYou } from './thank-you';

export { LOCALES, type Locale } from '../components/i18n';
export { type OrderDocument, parseOrderDocument, ValidationError } from '../core/order-document';
export type { RenderOptions } from '../core/template';
export type { FallbackHandler, RendererName } from '../render/fast-render';
export { CrossSellEmail } from './cross-sell';
export { OrderConfirmationEmail } from './order-confirmation';
export { ProductInstructionsEmail } from './product-instructions';
export { ReferralEmail } from './referral';
export { ReviewRequestEmail } from './review-request';
export { ShippingUpdateEmail } from './shipping-update';
export { ThankYouEmail } from './thank-you';

/** Every template, in the order of the default sequence: the registry every consumer iterates. */
export const templates = {
  'order-confirmation': orderConfirmation,
  'shipping-update': shippingUpdate,
  'thank-you': thankYou,
  'product-instructions': productInstructions,
  'review-request': reviewRequest,
  'cross-sell': crossSell,
  referral,
} as const satisfies Record<string, Template>;

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
  return templates[id];
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
    /**
     * Called when the fast renderer hands this email (or its plain text) to react-email, with the
     * reason — a construct it does not reproduce. Without it, each reason is warned about once on the console.
     */
    onFallback?: FallbackHandler;
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
  const { renderer = 'fast', onFallback, ...renderOptions } = options;
  if (!RENDERERS.includes(renderer))
    throw new ValidationError([`renderer: expected one of ${RENDERERS.join(', ')}`]);
  const doc = validateFor(template, document);
  const locale: Locale = resolveLocale(renderOptions.locale, doc);
  const headers = headersFor(template, doc, renderOptions);
  const props: TemplateProps<DocumentPart> = { ...doc, ...renderOptions, locale };
  const element = createElement(template.component, props);
  const { html, text } =
    renderer === 'reference'
      ? await renderWithReference(element)
      : await renderWithStaticRenderer(element, onFallback);
  return {
    subject: template.subject(doc, locale),
    preview: template.preview(doc, locale),
    html,
    text,
    headers,
    kind: template.kind,
  };
}
