import type { ReactNode } from 'react';
import { Section, Text } from 'react-email';
import { themed, useTheme } from './design';
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
  const styles = calloutStyles(useTheme());
  return (
    <Section className="pp-box" style={styles.box} data-marketing={marketing ? 'true' : undefined}>
      <Text className="pp-text" style={styles.title}>
        {title}
      </Text>
      {children}
    </Section>
  );
}

const calloutStyles = themed((theme) => {
  const { box, text } = stylesFor(theme);
  return {
    box: {
      ...box.card,
      backgroundColor: theme.light.codeBg,
      padding: `${space.md} ${space.lg}`,
      margin: `0 0 ${space.lg}`,
    },
    title: { ...text.h2, margin: `0 0 ${space.xs}` },
  } as const;
});
