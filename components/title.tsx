import type { CSSProperties, ReactNode } from 'react';
import { Heading } from 'react-email';
import { text, tonedStyle, tones } from './styles';

export type TitleProps = Readonly<{
  /** `1` for the email's one headline, `2` for its sections, `3` for a group inside a section. */
  level: 1 | 2 | 3;
  /** Adjustments to the level's type style (spacing, alignment); the colour stays the text colour. */
  style?: CSSProperties;
  children?: ReactNode;
}>;

const LEVELS = {
  1: { as: 'h1', style: text.h1 },
  2: { as: 'h2', style: text.h2 },
  3: { as: 'h3', style: text.h3 },
} as const;

/** A heading: `<h1>`–`<h3>` with the level's token style and the text colour's dark-mode class. */
export function Title({ level, style, children }: TitleProps) {
  const { as, style: base } = LEVELS[level];
  return (
    <Heading as={as} className={tones.body.className} style={tonedStyle(base, style)}>
      {children}
    </Heading>
  );
}
