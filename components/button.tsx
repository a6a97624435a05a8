import { themed, useTheme } from './design';
import { MsoMarker, msoOnly, NOT_MSO_END, NOT_MSO_START, vmlButton, vmlButtonWidth } from './outlook';
import { Link } from './primitives';
import { button, type Theme, type } from './theme';

export type ButtonProps = Readonly<{ href: string; children: string; tone?: 'primary' | 'quiet' }>;

/**
 * A bulletproof button. Outlook for Windows (the Word engine) ignores padding on a link, so it gets
 * the same button drawn in VML — same address, label and colours — inside `<!--[if mso]>`; every other
 * client gets a padded link inside `<!--[if !mso]><!-->`, at least 44px tall (see `button` in theme.ts).
 * Not react-email's Button: its Word spacers are conditional comments, and one inside `[if !mso]` would
 * end Word's skip early. The label is a string because Word's copy of it is written as text.
 */
export function Button({ href, children, tone = 'primary' }: ButtonProps) {
  const theme = useTheme();
  const styles = buttonStyles(theme);
  const vml = vmlStyles(theme)[tone];
  return (
    <>
      <MsoMarker
        html={
          msoOnly(
            vmlButton({
              href,
              text: children,
              ...vml,
              fontFamily: theme.fontFamily,
              height: button.minHeight + 4,
              width: vmlButtonWidth(children, button.paddingX),
            }),
          ) + NOT_MSO_START
        }
      />
      <Link href={href} className={tone === 'primary' ? 'pp-button' : 'pp-button-quiet'} style={styles[tone]}>
        {children}
      </Link>
      <MsoMarker html={NOT_MSO_END} />
    </>
  );
}

const base = {
  ...type.body,
  display: 'inline-block',
  maxWidth: '100%',
  lineHeight: '20px',
  fontWeight: 700,
  padding: `${button.paddingY}px ${button.paddingX}px`,
  textAlign: 'center',
  textDecoration: 'none',
} as const;

/** An edge only when the fill alone does not stand out (3:1) from the surface, e.g. a pale brand accent on white. */
const buttonStyles = themed(({ light: c }) => ({
  primary:
    c.buttonBorder === c.accent
      ? { ...base, backgroundColor: c.accent, color: c.accentText }
      : {
          ...base,
          backgroundColor: c.accent,
          color: c.accentText,
          border: `2px solid ${c.buttonBorder}`,
          padding: `${button.paddingY - 2}px ${button.paddingX - 2}px`,
        },
  quiet: {
    ...base,
    backgroundColor: c.surface,
    color: c.link,
    border: `2px solid ${c.link}`,
    padding: `${button.paddingY - 2}px ${button.paddingX - 2}px`,
  },
}));

/** The VML button's colours: the light design's, as the HTML link's inline style has them. */
const vmlStyles = themed(({ light: c }: Theme) => ({
  primary: {
    fill: c.accent,
    color: c.accentText,
    ...(c.buttonBorder === c.accent ? {} : { stroke: c.buttonBorder }),
  },
  quiet: { fill: c.surface, color: c.link, stroke: c.link },
}));
