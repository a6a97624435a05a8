import { Section } from 'react-email';
import type { Recommendation } from '../core/order-document';
import { Button } from './button';
import { themed, useTheme } from './design';
import type { Locale } from './i18n';
import { Paragraph } from './paragraph';
import { Price } from './price';
import { Img, Link } from './primitives';
import { stylesFor } from './styles';
import { space } from './theme';

export type ProductCardProps = Readonly<{
  product: Recommendation;
  currency: string;
  locale: Locale;
  /** The product link, already carrying campaign parameters. */
  href: string;
  cta: string;
  /** Square image size in px: the grid works it out from the column width. */
  imageSize: number;
}>;

/** Image, name, price (the original struck through when it was higher) and a button. */
export function ProductCard({ product, currency, locale, href, cta, imageSize }: ProductCardProps) {
  const styles = cardStyles(useTheme());
  return (
    <Section style={styles.card}>
      <Link href={href} data-skip-in-text="true">
        <Img
          src={product.imageUrl}
          alt={product.name}
          width={imageSize}
          height={imageSize}
          style={{ ...styles.image, maxWidth: `${imageSize}px` }}
        />
      </Link>
      {/* The image and the button carry the link; a third copy would only repeat the URL in the plain text. */}
      <Paragraph style={styles.name}>{product.name}</Paragraph>
      <Paragraph style={styles.price}>
        <Price
          amount={product.price}
          compareAt={product.compareAtPrice}
          currency={currency}
          locale={locale}
        />
      </Paragraph>
      <Button href={href}>{cta}</Button>
    </Section>
  );
}

const cardStyles = themed((theme) => {
  const { text } = stylesFor(theme);
  return {
    card: {
      border: `1px solid ${theme.light.border}`,
      padding: space.sm,
      textAlign: 'center',
    },
    image: { width: '100%', height: 'auto', margin: '0 auto' },
    name: { ...text.value, fontWeight: 700, margin: `${space.sm} 0 ${space.xxs}`, textAlign: 'center' },
    price: { ...text.value, margin: `0 0 ${space.sm}`, textAlign: 'center' },
  } as const;
});
