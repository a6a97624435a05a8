import type { CSSProperties, ReactNode } from 'react';
import { Text } from 'react-email';
import { useTheme } from './design';
import { type Tone, tonedStyle, tonesFor } from './styles';

export type ParagraphProps = Readonly<{
  /** `body` for running text, `muted` for secondary facts, `subtle` for fine print. */
  tone?: Tone;
  /** Adjustments to the tone's type style (size, weight, spacing, alignment); the colour stays the tone's. */
  style?: CSSProperties;
  children?: ReactNode;
}>;

/**
 * A paragraph in one of the palette's tones: the dark-mode class and the matching token style are
 * set together, so no email can pair a light colour with the wrong dark one.
 */
export function Paragraph({ tone = 'body', style, children }: ParagraphProps) {
  const { className, style: base } = tonesFor(useTheme())[tone];
  return (
    <Text className={className} style={tonedStyle(base, style)}>
      {children}
    </Text>
  );
}
