import { Column, Heading, Row, Section, Text } from 'react-email';
import type { OrderItem } from '../core/order-document';
import { themed, useTheme } from './design';
import { Link } from './primitives';
import { ProductThumb } from './product-thumb';
import { stylesFor } from './styles';
import { space } from './theme';

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
  const { text } = stylesFor(theme);
  const styles = reviewStyles(theme);
  return (
    <Section style={styles.wrap}>
      <Heading as="h2" className="pp-text" style={text.h2}>
        {title}
      </Heading>
      {items.map((item) => {
        const href = hrefFor(item);
        return (
          <Row key={item.id} style={styles.row}>
            <ProductThumb href={href} imageUrl={item.imageUrl} name={item.name} align="middle" spacing="xs" />
            <Column style={styles.details}>
              <Text className="pp-text" style={styles.name}>
                {item.name}
              </Text>
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

const reviewStyles = themed((theme) => ({
  wrap: { margin: `0 0 ${space.lg}` },
  row: { borderBottom: `1px solid ${theme.light.border}` },
  details: { padding: `${space.xs} 0`, verticalAlign: 'middle' },
  name: { ...stylesFor(theme).text.value, fontWeight: 700, margin: `0 0 ${space.xxs}` },
}));
