import { Column, Row, Section, Text } from 'react-email';
import type { OrderItem } from '../core/order-document';
import { themed, useMessages, useTheme } from './design';
import type { Locale } from './i18n';
import { Paragraph } from './paragraph';
import { Price } from './price';
import { Link } from './primitives';
import { ProductThumb } from './product-thumb';
import { stylesFor } from './styles';
import { space } from './theme';

export type LineItemsProps = Readonly<{
  items: readonly OrderItem[];
  currency: string;
  locale: Locale;
  /** Where "+K more" leads (the order page). */
  moreHref: string;
  /** Builds each item's link (e.g. adds campaign parameters). */
  itemHref?: (item: OrderItem) => string;
  /** Lines shown before "+K more": keeps a 60-item order far below Gmail's 102 KB clip. */
  limit?: number;
}>;

export const LINE_ITEMS_LIMIT = 8;

/** Image, name, variant, quantity and line price; an original price struck through beside a lower one. */
export function LineItems({
  items,
  currency,
  locale,
  moreHref,
  itemHref,
  limit = LINE_ITEMS_LIMIT,
}: LineItemsProps) {
  const theme = useTheme();
  const styles = makeStyles(theme);
  const { text } = stylesFor(theme);
  const t = useMessages(locale).common;
  // Show `limit` lines, but never "+1 more": one more line costs less than the sentence about it.
  const shown = items.length > limit + 1 ? items.slice(0, limit) : items;
  const rest = items.length - shown.length;
  return (
    <Section style={styles.list}>
      {shown.map((item) => {
        const href = itemHref ? itemHref(item) : item.url;
        return (
          <Row key={item.id} style={styles.row}>
            <ProductThumb href={href} imageUrl={item.imageUrl} name={item.name} />
            <Column style={styles.details}>
              <Paragraph style={styles.name}>
                <Link href={href} style={styles.nameLink}>
                  {item.name}
                </Link>
              </Paragraph>
              {item.variant ? (
                <Paragraph tone="muted" style={text.label}>
                  {item.variant}
                </Paragraph>
              ) : null}
              <Paragraph tone="muted" style={text.label}>
                {t.quantity(item.quantity)}
              </Paragraph>
            </Column>
            <Column align="right" style={styles.price}>
              <Paragraph style={styles.priceText}>
                <Price
                  amount={item.unitPrice * item.quantity}
                  compareAt={
                    item.compareAtPrice === undefined ? undefined : item.compareAtPrice * item.quantity
                  }
                  currency={currency}
                  locale={locale}
                />
              </Paragraph>
            </Column>
          </Row>
        );
      })}
      {rest > 0 ? (
        <Text style={styles.more}>
          <Link href={moreHref} style={text.link}>
            {t.moreItems(rest)}
          </Link>
        </Text>
      ) : null}
    </Section>
  );
}

const makeStyles = themed((theme) => {
  const { text } = stylesFor(theme);
  const c = theme.light;
  return {
    list: { margin: `0 0 ${space.md}` },
    row: { borderBottom: `1px solid ${c.border}` },
    details: { padding: `${space.sm} ${space.sm} ${space.sm} 0`, verticalAlign: 'top' },
    name: { ...text.value, fontWeight: 700 },
    nameLink: { color: c.text, textDecoration: 'none' },
    price: { padding: `${space.sm} 0`, verticalAlign: 'top' },
    priceText: { ...text.value, textAlign: 'right' },
    more: { ...text.value, margin: `${space.sm} 0 0` },
  } as const;
});
