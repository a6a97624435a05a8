import type { CSSProperties, ReactNode } from 'react';
import { Heading } from 'react-email';
import { useTheme } from './design';
import { stylesFor, tonedStyle, tonesFor } from './styles';

export type TitleProps = Readonly<{
  /** `1` for the email's one headline, `2` for its sections, `3` for a group inside a section. */
  level: 1 | 2 | 3;
  /** Adjustments to the level's type style (spacing, alignment); the colour stays the text colour. */
  style?: CSSProperties;
  children?: ReactNode;
}>;

const LEVELS = { 1: 'h1', 2: 'h2', 3: 'h3' } as const;

/** A heading: `<h1>`–`<h3>` with the level's token style and the text colour's dark-mode class. */
export function Title({ level, style, children }: TitleProps) {
  const theme = useTheme();
  const as = LEVELS[level];
  const base = stylesFor(theme).text[as];
  return (
    <Heading as={as} className={tonesFor(theme).body.className} style={tonedStyle(base, style)}>
      {children}
    </Heading>
  );
}
