import { Section } from 'react-email';
import { themed, useTheme } from './design';
import { Paragraph } from './paragraph';
import { stylesFor } from './styles';
import { fontStacks, space, type } from './theme';

export type CodeBoxProps = Readonly<{ code: string; label: string; hint?: string }>;

/**
 * A code in a dashed box, alone in its cell and set in a monospace face, so a double-click or a
 * long press selects exactly the code and nothing around it (no button: email clients run no script).
 */
export function CodeBox({ code, label, hint }: CodeBoxProps) {
  const theme = useTheme();
  const styles = makeStyles(theme);
  return (
    <Section className="pp-box" style={styles.box}>
      <Paragraph tone="muted" style={styles.label}>
        {label}
      </Paragraph>
      <Paragraph style={styles.code}>{code}</Paragraph>
      {hint ? (
        <Paragraph tone="muted" style={styles.hint}>
          {hint}
        </Paragraph>
      ) : null}
    </Section>
  );
}

const makeStyles = themed((theme) => {
  const { text } = stylesFor(theme);
  const c = theme.light;
  return {
    box: {
      backgroundColor: c.codeBg,
      border: `2px dashed ${c.accent}`,
      padding: `${space.md} ${space.lg}`,
      margin: `0 0 ${space.lg}`,
      textAlign: 'center',
    },
    label: { ...text.label, textAlign: 'center' },
    code: {
      ...type.code,
      fontFamily: fontStacks.mono,
      letterSpacing: '2px',
      color: c.text,
      margin: `${space.xxs} 0`,
      textAlign: 'center',
    },
    // Muted, not subtle: the subtle grey falls short of 4.5:1 on the box's tint.
    hint: { ...text.caption, color: c.muted, textAlign: 'center' },
  } as const;
});
