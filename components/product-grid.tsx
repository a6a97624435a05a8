import { Fragment } from 'react';
import { Column, Row, Section } from 'react-email';
import type { Recommendation } from '../core/order-document';
import type { Locale } from './i18n';
import { ProductCard } from './product-card';
import { layout, space } from './theme';

export type ProductGridProps = Readonly<{
  products: readonly Recommendation[];
  currency: string;
  locale: Locale;
  hrefFor: (product: Recommendation) => string;
  cta: string;
}>;

/** The gutter between cards: a cell of its own, since padding would push a stacked card past the edge. */
const GAP = 12;
/** The card's border and inner padding on both sides (see product-card.tsx). */
const CARD_CHROME = 2 + 2 * 12;

/** Three fit side by side; two or four go two to a row; one sits alone at half width. */
function perRow(count: number): number {
  return count === 3 ? 3 : 2;
}

/**
 * Product cards in rows. Every cell (cards and gutters) carries `pp-stack`, which the layout's
 * narrow-screen rule turns into a full-width block, so the grid becomes a single column on a phone;
 * clients that ignore <style> keep the side-by-side table, which still fits 600px.
 */
export function ProductGrid({ products, currency, locale, hrefFor, cta }: ProductGridProps) {
  const columns = perRow(products.length);
  const content = layout.width - 2 * layout.gutter;
  const cellWidth = Math.floor((content - GAP * (columns - 1)) / columns);
  const imageSize = cellWidth - CARD_CHROME;
  const rows: Recommendation[][] = [];
  for (let i = 0; i < products.length; i += columns) rows.push(products.slice(i, i + columns));
  return (
    <Section style={styles.grid} data-marketing="true">
      {rows.map((row) => (
        <Row key={row.map((p) => p.id).join('|')}>
          {row.map((product, i) => (
            <Fragment key={product.id}>
              {i > 0 ? <Column className="pp-stack" width={GAP} style={styles.gap} /> : null}
              <Column className="pp-stack" width={cellWidth} valign="top" style={styles.cell}>
                <ProductCard
                  product={product}
                  currency={currency}
                  locale={locale}
                  href={hrefFor(product)}
                  cta={cta}
                  imageSize={imageSize}
                />
              </Column>
            </Fragment>
          ))}
          {row.length < columns ? (
            <Column className="pp-stack" width={(cellWidth + GAP) * (columns - row.length)} />
          ) : null}
        </Row>
      ))}
    </Section>
  );
}

const styles = {
  grid: { margin: `0 0 ${space.md}` },
  gap: { fontSize: 0, lineHeight: 0 },
  cell: { padding: `0 0 ${space.sm}`, verticalAlign: 'top' },
} as const;
