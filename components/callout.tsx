import type { ReactNode } from 'react';
import { Section } from 'react-email';
import { themed, useTheme } from './design';
import { Paragraph } from './paragraph';
import { stylesFor } from './styles';
import { space } from './theme';

export type CalloutProps = Readonly<{
  title: string;
  children: ReactNode;
  /** Marks a promotional block, so the quality gate can prove transactional mail carries none. */
  marketing?: boolean;
}>;

/** A tinted box with a short heading: a brand story, a perks offer. */
export function Callout({ title, children, marketing = false }: CalloutProps) {
  const theme = useTheme();
  const styles = makeStyles(theme);
  return (
    <Section className="pp-box" style={styles.box} data-marketing={marketing ? 'true' : undefined}>
      <Paragraph style={styles.title}>{title}</Paragraph>
      {children}
    </Section>
  );
}

const makeStyles = themed((theme) => {
  const { text, box } = stylesFor(theme);
  const c = theme.light;
  return {
    box: {
      ...box.card,
      backgroundColor: c.codeBg,
      padding: `${space.md} ${space.lg}`,
      margin: `0 0 ${space.lg}`,
    },
    title: { ...text.h2, margin: `0 0 ${space.xs}` },
  } as const;
});
