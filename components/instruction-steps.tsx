import { Section } from 'react-email';
import type { Instructions } from '../core/order-document';
import { themed, useTheme } from './design';
import { Paragraph } from './paragraph';
import { Img } from './primitives';
import { stylesFor } from './styles';
import { space, type } from './theme';
import { wideImage } from './wide-image';

export type InstructionStepsProps = Readonly<{ steps: Instructions['steps'] }>;

const BADGE = 28;

/**
 * Numbered steps. The number sits inline before the title (not in a column of its own) so screen
 * readers and the plain text read "1 Warm the pot"; Outlook drops the badge's round corners but keeps its colour.
 */
export function InstructionSteps({ steps }: InstructionStepsProps) {
  const theme = useTheme();
  const styles = makeStyles(theme);
  return (
    <Section style={styles.list}>
      {steps.map((step, i) => (
        <Section key={`${i}-${step.title}`} style={styles.step}>
          <Paragraph style={styles.title}>
            <span className="pp-button" style={styles.badge}>
              {i + 1}
            </span>{' '}
            {step.title}
          </Paragraph>
          <Paragraph style={styles.body}>{step.body}</Paragraph>
          {step.imageUrl ? (
            <Img
              src={step.imageUrl}
              alt={step.imageAlt ?? step.title}
              width={wideImage.width}
              height={wideImage.height}
              style={styles.image}
            />
          ) : null}
        </Section>
      ))}
    </Section>
  );
}

const makeStyles = themed((theme) => {
  const { text } = stylesFor(theme);
  const c = theme.light;
  return {
    list: { margin: `0 0 ${space.md}` },
    step: { margin: `0 0 ${space.md}` },
    title: { ...type.body, fontWeight: 700, color: c.text, margin: `0 0 ${space.xxs}` },
    badge: {
      ...type.small,
      fontWeight: 700,
      display: 'inline-block',
      width: `${BADGE}px`,
      lineHeight: `${BADGE}px`,
      textAlign: 'center',
      backgroundColor: c.accent,
      color: c.accentText,
      marginRight: space.xxs,
    },
    body: { ...text.body, margin: `0 0 ${space.sm}`, paddingLeft: `${BADGE + 8}px` },
    image: wideImage.style,
  } as const;
});
