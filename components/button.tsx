import type { ReactNode } from 'react';
import { Button as EmailButton } from 'react-email';
import { themed, useTheme } from './design';
import { button, type } from './theme';

export type ButtonProps = Readonly<{ href: string; children: ReactNode; tone?: 'primary' | 'quiet' }>;

/**
 * A bulletproof button: react-email's Button pads with mso-font-width spacers so Outlook's
 * Word engine (which ignores padding on <a>) still draws a full-size target, at least 44px tall (see `button` in theme.ts).
 */
export function Button({ href, children, tone = 'primary' }: ButtonProps) {
  const styles = buttonStyles(useTheme());
  return (
    <EmailButton
      href={href}
      className={tone === 'primary' ? 'pp-button' : 'pp-button-quiet'}
      style={styles[tone]}
    >
      {children}
    </EmailButton>
  );
}

const base = {
  ...type.body,
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
