import { Column } from 'react-email';
import { themed, useTheme } from './design';
import { Img, Link } from './primitives';
import { layout, space } from './theme';

export type ProductThumbProps = Readonly<{
  href: string;
  imageUrl: string;
  name: string;
  /** Line items align to the top of their details; the review list centres them. */
  align?: 'top' | 'middle';
  spacing?: keyof typeof space;
}>;

/** A product's square thumbnail in its own column, linked to the product; the plain text skips it (the name carries the link). */
export function ProductThumb({ href, imageUrl, name, align = 'top', spacing = 'sm' }: ProductThumbProps) {
  const style = thumb(useTheme());
  return (
    <Column width={layout.thumb + 12} style={{ padding: `${space[spacing]} 0`, verticalAlign: align }}>
      <Link href={href} data-skip-in-text="true">
        <Img src={imageUrl} alt={name} width={layout.thumb} height={layout.thumb} style={style} />
      </Link>
    </Column>
  );
}

const thumb = themed((theme) => ({ border: `1px solid ${theme.light.border}` }));
