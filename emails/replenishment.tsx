import type { CSSProperties } from 'react';
import { Column, Row, Section } from 'react-email';
import { Button } from '../components/button';
import { formatDate } from '../components/dates';
import { EmailLayout } from '../components/email-layout';
import { messages } from '../components/i18n';
import { LINE_ITEMS_LIMIT } from '../components/line-items';
import { Paragraph } from '../components/paragraph';
import { prepare } from '../components/prepare';
import { Link } from '../components/primitives';
import { ProductThumb } from '../components/product-thumb';
import { text } from '../components/styles';
import { colors, space } from '../components/theme';
import { Title } from '../components/title';
import { consumables } from '../core/fulfilment';
import type { OrderItem } from '../core/order-document';
import { defineTemplate, type TemplateProps } from '../core/template';
import { koreanOrderData } from './_samples';

const DAY_MS = 86_400_000;

export type ReplenishmentProps = TemplateProps;

/** Sent before the first item runs out. Marketing: each item that runs out, when, and a "buy again" link. */
export function ReplenishmentEmail(props: ReplenishmentProps) {
  const { doc, locale, t, link, layout } = prepare(replenishment, props);
  const { customer, order } = doc;
  const copy = t.replenishment;
  const placedMs = Date.parse(order.placedAt);
  const all = consumables(order);
  // The first few to run out, then a link to the order for the rest: a big order stays far below Gmail's clip.
  const shown = all.length > LINE_ITEMS_LIMIT + 1 ? all.slice(0, LINE_ITEMS_LIMIT) : all;
  const rest = all.length - shown.length;
  return (
    <EmailLayout {...layout}>
      <Title level={1}>{copy.title}</Title>
      <Paragraph>{copy.intro(customer.firstName)}</Paragraph>
      <Section style={styles.list} data-marketing="true">
        {shown.map((item) => {
          const href = link(item.url);
          const days = item.lifespanDays ?? 0;
          const runsOut = formatDate(
            new Date(placedMs + days * DAY_MS).toISOString(),
            locale,
            customer.timeZone,
          );
          return (
            <Row key={item.id} style={styles.row}>
              <ProductThumb href={href} imageUrl={item.imageUrl} name={item.name} />
              <Column style={styles.details}>
                {/* The picture and the button carry the link; a third copy would only repeat the URL in the plain text. */}
                <Paragraph style={styles.name}>{item.name}</Paragraph>
                {item.variant ? (
                  <Paragraph tone="muted" style={text.label}>
                    {item.variant}
                  </Paragraph>
                ) : null}
                <Paragraph tone="muted" style={text.label}>
                  {copy.lasts(days)} · {copy.runsOut(runsOut)}
                </Paragraph>
                <Section style={styles.action}>
                  <Button href={href} tone="quiet">
                    {copy.buyAgain}
                  </Button>
                </Section>
              </Column>
            </Row>
          );
        })}
        {rest > 0 ? (
          <Paragraph style={styles.more}>
            <Link href={link(order.statusUrl)} style={text.link}>
              {t.common.moreItems(rest)}
            </Link>
          </Paragraph>
        ) : null}
      </Section>
      <Paragraph>{copy.outro}</Paragraph>
    </EmailLayout>
  );
}

// Marketing previews need a key for the sample's {token} unsubscribe link; a real send passes UNSUBSCRIBE_SECRET.
ReplenishmentEmail.PreviewProps = {
  ...koreanOrderData,
  unsubscribeSecret: 'preview-secret',
} satisfies ReplenishmentProps;
export default ReplenishmentEmail;

/** The item the email leads with: the one that runs out first. */
function firstToRunOut(doc: Pick<ReplenishmentProps, 'order'>): OrderItem | undefined {
  return consumables(doc.order)[0];
}

export const replenishment = defineTemplate({
  id: 'replenishment',
  kind: 'marketing',
  goal: 'order',
  sent: 'A few days before the shortest item.lifespanDays of the order runs out: buy it again.',
  requires: [],
  subject: (doc, locale, variant) =>
    messages(locale, doc.shop.copy).replenishment.subject[variant](
      doc.customer.firstName,
      firstToRunOut(doc)?.name ?? '',
    ),
  preview: (doc, locale) =>
    messages(locale, doc.shop.copy).replenishment.preview(firstToRunOut(doc)?.name ?? ''),
  check: (doc) =>
    consumables(doc.order).length === 0
      ? [
          'order.items: no item has lifespanDays; the replenishment email needs at least one item that runs out',
        ]
      : [],
  component: ReplenishmentEmail,
});

const styles = {
  list: { margin: `0 0 ${space.md}` },
  row: { borderBottom: `1px solid ${colors.light.border}` },
  details: { padding: `${space.sm} 0`, verticalAlign: 'top' },
  name: { ...text.value, fontWeight: 700 },
  action: { margin: `${space.sm} 0 0` },
  more: { ...text.value, margin: `${space.sm} 0 0` },
} satisfies Record<string, CSSProperties>;
