import type { ReactNode } from 'react';
import { Button } from '../components/button';
import { DataTable, LabelledRows } from '../components/data-table';
import { formatDate } from '../components/dates';
import { themed } from '../components/design';
import { EmailLayout } from '../components/email-layout';
import { messages } from '../components/i18n';
import { LineItems } from '../components/line-items';
import { Paragraph } from '../components/paragraph';
import { prepare } from '../components/prepare';
import { Link } from '../components/primitives';
import { ShipmentProgress } from '../components/shipment-progress';
import { stylesFor } from '../components/styles';
import { space } from '../components/theme';
import { Title } from '../components/title';
import type { Order, Shipment } from '../core/order-document';
import { defineTemplate, type TemplateProps } from '../core/template';
import { koreanOrderData } from './_samples';

export type ShippingUpdateProps = TemplateProps<'shipment'>;

/** The items in this parcel: those listed in `shipment.itemIds`, or the whole order. */
export function shippedItems(order: Order, shipment: Shipment): Order['items'] {
  if (!shipment.itemIds) return order.items;
  const ids = new Set(shipment.itemIds);
  return order.items.filter((item) => ids.has(item.id));
}

/** Sent when the parcel moves. Transactional: where the order is, nothing else. */
export function ShippingUpdateEmail(props: ShippingUpdateProps) {
  const { doc, locale, t, link, layout, theme } = prepare(shippingUpdate, props);
  const styles = makeStyles(theme);
  const { text } = stylesFor(theme);
  const { order, customer, shipment } = doc;
  const items = shippedItems(order, shipment);
  const partial = items.length < order.items.length;
  const totalUnits = order.items.length;
  const facts: [string, ReactNode][] = [
    [t.shipping.carrier, shipment.carrier],
    [
      t.shipping.trackingNumber,
      <Link key="n" href={shipment.trackingUrl} style={text.link}>
        {shipment.trackingNumber}
      </Link>,
    ],
  ];
  if (shipment.estimatedDelivery && shipment.status !== 'delivered')
    facts.push([
      t.shipping.estimatedDelivery,
      formatDate(shipment.estimatedDelivery, locale, customer.timeZone),
    ]);
  return (
    <EmailLayout {...layout}>
      <Title level={1}>{t.shipping.title[shipment.status]}</Title>
      <Paragraph>{t.shipping.body[shipment.status](customer.firstName)}</Paragraph>
      <ShipmentProgress status={shipment.status} locale={locale} />
      <DataTable className="pp-box" style={styles.facts}>
        <LabelledRows rows={facts} labelStyle={styles.factLabel} valueStyle={styles.factValue} />
      </DataTable>
      {shipment.status !== 'delivered' ? (
        <Button href={shipment.trackingUrl}>{t.shipping.track}</Button>
      ) : null}
      <Title level={2} style={styles.itemsHeading}>
        {t.shipping.inThisShipment}
      </Title>
      {partial ? (
        <Paragraph>
          {t.shipping.partial(items.length, totalUnits)} {t.shipping.remaining(totalUnits - items.length)}
        </Paragraph>
      ) : null}
      <LineItems
        items={items}
        currency={order.currency}
        locale={locale}
        moreHref={link(order.statusUrl)}
        itemHref={(item) => link(item.url)}
      />
      <Paragraph tone="muted">
        {t.common.orderNumber(order.number)} ·{' '}
        <Link href={link(order.statusUrl)} style={text.link}>
          {t.common.viewOrder}
        </Link>
      </Paragraph>
    </EmailLayout>
  );
}

ShippingUpdateEmail.PreviewProps = koreanOrderData satisfies ShippingUpdateProps;
export default ShippingUpdateEmail;

export const shippingUpdate = defineTemplate({
  id: 'shipping-update',
  kind: 'transactional',
  goal: 'click',
  sent: 'When the parcel moves: shipped, delayed, out for delivery, delivered.',
  requires: ['shipment'],
  subject: (doc, locale, variant) =>
    messages(locale, doc.shop.copy).shipping.subject[variant][doc.shipment.status](doc.order.number),
  preview: (doc, locale) =>
    messages(locale, doc.shop.copy).shipping.preview[doc.shipment.status](doc.shipment.carrier),
  component: ShippingUpdateEmail,
});

const makeStyles = themed((theme) => {
  const { text, box } = stylesFor(theme);
  return {
    facts: { ...box.card, margin: `0 0 ${space.lg}` },
    factLabel: { ...text.label, padding: `${space.xxs} ${space.md} ${space.xxs} 0`, width: '40%' },
    factValue: { ...text.value, padding: `${space.xxs} 0` },
    itemsHeading: { ...text.h2, margin: `${space.xl} 0 ${space.xs}` },
  };
});
