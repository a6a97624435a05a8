import { AccessList } from '../components/access-list';
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
import { isAllDigital, isDigital } from '../core/fulfilment';
import { defineTemplate, type TemplateProps } from '../core/template';
import { koreanOrderData } from './_samples';

export type OrderConfirmationProps = TemplateProps;

/**
 * Sent at once when an order is placed. Transactional: nothing but the order. An all-digital order
 * becomes a welcome that leads with its access buttons; a mixed one shows what is ready now, then what ships.
 */
export function OrderConfirmationEmail(props: OrderConfirmationProps) {
  const { doc, locale, t, link, layout, theme } = prepare(orderConfirmation, props);
  const styles = makeStyles(theme);
  const { order, customer } = doc;
  const statusHref = link(order.statusUrl);
  const copy = t.confirmation;
  const digital = order.items.filter(isDigital);
  const allDigital = digital.length === order.items.length;
  const mixed = digital.length > 0 && !allDigital;
  const intro = allDigital ? copy.welcome.intro : mixed ? copy.mixedIntro : copy.intro;
  return (
    <EmailLayout {...layout}>
      <Title level={1}>{allDigital ? copy.welcome.title : copy.title}</Title>
      <Paragraph>{intro(customer.firstName)}</Paragraph>
      {mixed ? (
        <Title level={2} style={styles.sectionHeading}>
          {copy.readyNow}
        </Title>
      ) : null}
      {digital.length > 0 ? (
        <AccessList items={digital} locale={locale} timeZone={customer.timeZone} />
      ) : null}
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
      {order.shippingAddress ? <AddressBlock address={order.shippingAddress} locale={locale} /> : null}
      <Paragraph>{allDigital ? copy.welcome.nextSteps : copy.nextSteps}</Paragraph>
      <Button href={statusHref}>{t.common.viewOrder}</Button>
    </EmailLayout>
  );
}

OrderConfirmationEmail.PreviewProps = koreanOrderData satisfies OrderConfirmationProps;
export default OrderConfirmationEmail;

export const orderConfirmation = defineTemplate({
  id: 'order-confirmation',
  kind: 'transactional',
  goal: 'click',
  sent: 'Day 0, at once: the order was placed. Transactional: nothing but the order.',
  requires: [],
  subject: (doc, locale, variant) => {
    const t = messages(locale, doc.shop.copy).confirmation;
    return isAllDigital(doc.order)
      ? t.welcome.subject[variant](doc.customer.firstName, doc.shop.name)
      : t.subject[variant](doc.order.number, doc.customer.firstName);
  },
  preview: (doc, locale) => {
    const t = messages(locale, doc.shop.copy).confirmation;
    return isAllDigital(doc.order)
      ? t.welcome.preview(doc.customer.firstName)
      : t.preview(doc.customer.firstName, formatMoney(doc.order.total, doc.order.currency, locale));
  },
  component: OrderConfirmationEmail,
});

const makeStyles = themed((theme) => {
  const { text } = stylesFor(theme);
  return {
    itemsHeading: { ...text.h2, margin: `${space.lg} 0 0` },
    sectionHeading: { ...text.h2, margin: `${space.md} 0 ${space.sm}` },
  };
});
