import type { ReactNode } from 'react';
import { Section } from 'react-email';
import { Paragraph } from './paragraph';
import { box, text } from './styles';
import { colors, space } from './theme';

export type CalloutProps = Readonly<{
  title: string;
  children: ReactNode;
  /** Marks a promotional block, so the quality gate can prove transactional mail carries none. */
  marketing?: boolean;
}>;

/** A tinted box with a short heading: a brand story, a perks offer. */
export function Callout({ title, children, marketing = false }: CalloutProps) {
  return (
    <Section className="pp-box" style={styles.box} data-marketing={marketing ? 'true' : undefined}>
      <Paragraph style={styles.title}>{title}</Paragraph>
      {children}
    </Section>
  );
}

const styles = {
  box: {
    ...box.card,
    backgroundColor: colors.light.codeBg,
    padding: `${space.md} ${space.lg}`,
    margin: `0 0 ${space.lg}`,
  },
  title: { ...text.h2, margin: `0 0 ${space.xs}` },
} as const;
