import { Column, Row, Section, Text } from 'react-email';
import type { OrderItem } from '../core/order-document';
import { themed, useTheme } from './design';
import { Paragraph } from './paragraph';
import { Link } from './primitives';
import { ProductThumb } from './product-thumb';
import { stylesFor } from './styles';
import { space } from './theme';
import { Title } from './title';

export type ReviewItemsProps = Readonly<{
  title: string;
  /** The items that carry a `reviewUrl`. */
  items: readonly OrderItem[];
  /** Builds each item's review link (e.g. adds campaign parameters). */
  hrefFor: (item: OrderItem) => string;
  cta: string;
}>;

/** One line per purchased item with its own review page: thumbnail, name, "Write a review". */
export function ReviewItems({ title, items, hrefFor, cta }: ReviewItemsProps) {
  const theme = useTheme();
  const styles = makeStyles(theme);
  const { text } = stylesFor(theme);
  return (
    <Section style={styles.wrap}>
      <Title level={2}>{title}</Title>
      {items.map((item) => {
        const href = hrefFor(item);
        return (
          <Row key={item.id} style={styles.row}>
            <ProductThumb href={href} imageUrl={item.imageUrl} name={item.name} align="middle" spacing="xs" />
            <Column style={styles.details}>
              <Paragraph style={styles.name}>{item.name}</Paragraph>
              <Text style={text.value}>
                <Link href={href} style={text.link}>
                  {cta}
                </Link>
              </Text>
            </Column>
          </Row>
        );
      })}
    </Section>
  );
}

const makeStyles = themed((theme) => {
  const { text } = stylesFor(theme);
  const c = theme.light;
  return {
    wrap: { margin: `0 0 ${space.lg}` },
    row: { borderBottom: `1px solid ${c.border}` },
    details: { padding: `${space.xs} 0`, verticalAlign: 'middle' },
    name: { ...text.value, fontWeight: 700, margin: `0 0 ${space.xxs}` },
  } as const;
});
