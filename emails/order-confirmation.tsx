import { AddressBlock } from '../components/address-block';
import { Button } from '../components/button';
import { formatDate } from '../components/dates';
import { themed } from '../components/design';
import { EmailLayout } from '../components/email-layout';
import { messages } from '../components/i18n';
import { LineItems } from '../components/line-items';
import { formatMoney } from '../components/money';
import { Paragraph } from '../components/paragraph';
import { prepare } from '../components/prepare';
import { stylesFor } from '../components/styles';
import { space } from '../components/theme';
import { Title } from '../components/title';
import { Totals } from '../components/totals';
import { defineTemplate, type TemplateProps } from '../core/template';
import { koreanOrderData } from './_samples';

export type OrderConfirmationProps = TemplateProps;

/** Sent at once when an order is placed. Transactional: nothing but the order. */
export function OrderConfirmationEmail(props: OrderConfirmationProps) {
  const { doc, locale, t, link, layout, theme } = prepare(orderConfirmation, props);
  const styles = makeStyles(theme);
  const { order, customer } = doc;
  const statusHref = link(order.statusUrl);
  return (
    <EmailLayout {...layout}>
      <Title level={1}>{t.confirmation.title}</Title>
      <Paragraph>{t.confirmation.intro(customer.firstName)}</Paragraph>
      <Paragraph tone="muted">
        {t.common.orderNumber(order.number)} ·{' '}
        {t.confirmation.placedOn(formatDate(order.placedAt, locale, customer.timeZone))}
      </Paragraph>
      <Title level={2} style={styles.itemsHeading}>
        {t.common.items}
      </Title>
      <LineItems
        items={order.items}
        currency={order.currency}
        locale={locale}
        moreHref={statusHref}
        itemHref={(item) => link(item.url)}
      />
      <Totals order={order} locale={locale} />
      {order.payment ? (
        <Paragraph tone="muted">{t.common.payment(order.payment.brand, order.payment.last4)}</Paragraph>
      ) : null}
      <AddressBlock address={order.shippingAddress} locale={locale} />
      <Paragraph>{t.confirmation.nextSteps}</Paragraph>
      <Button href={statusHref}>{t.common.viewOrder}</Button>
    </EmailLayout>
  );
}

OrderConfirmationEmail.PreviewProps = koreanOrderData satisfies OrderConfirmationProps;
export default OrderConfirmationEmail;

export const orderConfirmation = defineTemplate({
  id: 'order-confirmation',
  kind: 'transactional',
  sent: 'Day 0, at once: the order was placed. Transactional: nothing but the order.',
  requires: [],
  subject: (doc, locale) => messages(locale, doc.shop.copy).confirmation.subject(doc.order.number),
  preview: (doc, locale) =>
    messages(locale, doc.shop.copy).confirmation.preview(
      doc.customer.firstName,
      formatMoney(doc.order.total, doc.order.currency, locale),
    ),
  component: OrderConfirmationEmail,
});

const makeStyles = themed((theme) => {
  const { text } = stylesFor(theme);
  return {
    itemsHeading: { ...text.h2, margin: `${space.lg} 0 0` },
  };
});
