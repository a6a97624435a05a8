import { unsubscribeUrl, withCampaign } from '../core/links';
import { type DocumentPart, type OrderDocument, validatedDocumentOf } from '../core/order-document';
import type { EmailKind } from '../core/template';
import {
  type DocumentWith,
  RENDER_OPTION_KEYS as RENDER_OPTION_KEYS_LIST,
  resolveLocale,
  resolveSubjectVariant,
  subjectOf,
  type TemplateDefinition,
  type TemplateProps,
  validateFor,
} from '../core/template';
import { type Locale, type Messages, messages } from './i18n';
import { stylesFor } from './styles';
import { type Theme, themeFor } from './theme';

export type Prepared<P extends DocumentPart> = Readonly<{
  doc: DocumentWith<P>;
  locale: Locale;
  /** The copy, with the shop's overrides (`shop.copy`) applied. */
  t: Messages;
  /** The shop's theme (`shop.brand`, or today's colours) and the shared styles built from it. */
  theme: Theme;
  styles: ReturnType<typeof stylesFor>;
  /** Adds the template's campaign parameters to links into the shop. */
  link: (href: string) => string;
  /** Props for <EmailLayout>. */
  layout: {
    shop: OrderDocument['shop'];
    locale: Locale;
    kind: EmailKind;
    subject: string;
    preview: string;
    homeHref: string;
    unsubscribeHref?: string;
    preferencesHref?: string;
  };
}>;

/**
 * The first thing every template does: validate its props (a bad document throws, naming every
 * field, rather than rendering half an email), pick the locale, and build the links.
 */
export function prepare<P extends DocumentPart>(
  def: TemplateDefinition<P>,
  props: TemplateProps<P>,
): Prepared<P> {
  const { locale: requested, unsubscribeSecret, recipient, subjectVariant } = props;
  resolveSubjectVariant(subjectVariant);
  // renderEmail (or a caller holding a parsed document) spreads an already validated document into
  // the props: recognise it and run only this template's own checks, not the schema again.
  const validated = validatedDocumentOf(props, RENDER_OPTION_KEYS);
  const doc = validateFor(def, validated ?? documentOf(props));
  const locale = resolveLocale(requested, doc);
  const link = (href: string) => withCampaign(href, doc.shop, def.id);
  const unsubscribeHref =
    def.kind === 'marketing' && doc.shop.unsubscribeUrl
      ? unsubscribeUrl(doc.shop.unsubscribeUrl, recipient ?? doc.customer.email, unsubscribeSecret)
      : undefined;
  const preferencesHref =
    def.kind === 'marketing' && doc.shop.preferencesUrl
      ? unsubscribeUrl(doc.shop.preferencesUrl, recipient ?? doc.customer.email, unsubscribeSecret)
      : undefined;
  const theme = themeFor(doc.shop.brand);
  return {
    doc,
    locale,
    t: messages(locale, doc.shop.copy),
    theme,
    styles: stylesFor(theme),
    link,
    layout: {
      shop: doc.shop,
      locale,
      kind: def.kind,
      subject: subjectOf(def, doc, locale, resolveSubjectVariant(subjectVariant)),
      preview: def.preview(doc, locale),
      homeHref: link(doc.shop.url),
      unsubscribeHref,
      preferencesHref,
    },
  };
}

/** The props that are render options, not parts of the document. */
const RENDER_OPTION_KEYS: ReadonlySet<string> = new Set(RENDER_OPTION_KEYS_LIST);

function documentOf(props: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const document: Record<string, unknown> = {};
  for (const key in props) if (!RENDER_OPTION_KEYS.has(key)) document[key] = props[key];
  return document;
}
