import { EmailLayout } from '../components/email-layout';
import { messages } from '../components/i18n';
import { Paragraph } from '../components/paragraph';
import { prepare } from '../components/prepare';
import { ProductGrid } from '../components/product-grid';
import { Title } from '../components/title';
import { recommendable } from '../core/recommendable';
import { defineTemplate, type TemplateProps } from '../core/template';
import { koreanOrderData } from './_samples';

export type CrossSellProps = TemplateProps<'recommendations'>;

/** Sent weeks after the order. Marketing: product cards in a grid that stacks on phones. */
export function CrossSellEmail(props: CrossSellProps) {
  const { doc, locale, t, link, layout } = prepare(crossSell, props);
  const { customer, order } = doc;
  const copy = t.crossSell;
  return (
    <EmailLayout {...layout}>
      <Title level={1}>{copy.title}</Title>
      <Paragraph>{copy.intro(customer.firstName)}</Paragraph>
      <ProductGrid
        products={recommendable(doc)}
        currency={order.currency}
        locale={locale}
        hrefFor={(product) => link(product.url)}
        cta={copy.view}
      />
    </EmailLayout>
  );
}

// Marketing previews need a key for the sample's {token} unsubscribe link; a real send passes UNSUBSCRIBE_SECRET.
CrossSellEmail.PreviewProps = {
  ...koreanOrderData,
  unsubscribeSecret: 'preview-secret',
} satisfies CrossSellProps;
export default CrossSellEmail;

export const crossSell = defineTemplate({
  id: 'cross-sell',
  kind: 'marketing',
  goal: 'order',
  sent: 'Day 21, weeks later: two to four products that go with the order, never one it already holds.',
  requires: ['recommendations'],
  subject: (doc, locale, variant) =>
    messages(locale, doc.shop.copy).crossSell.subject[variant](doc.customer.firstName, doc.shop.name),
  preview: (doc, locale) => messages(locale, doc.shop.copy).crossSell.preview(doc.shop.name),
  check: (doc) =>
    recommendable(doc).length === 0
      ? [
          `recommendations: every recommended product is already in this order (${doc.recommendations
            .map((p) => p.id)
            .join(', ')}); nothing left to recommend`,
        ]
      : [],
  component: CrossSellEmail,
});
