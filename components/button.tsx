import type { ReactNode } from 'react';
import { Button as EmailButton } from 'react-email';
import { button, colors, type } from './theme';

export type ButtonProps = Readonly<{ href: string; children: ReactNode; tone?: 'primary' | 'quiet' }>;

/**
 * A bulletproof button: react-email's Button pads with mso-font-width spacers so Outlook's
 * Word engine (which ignores padding on <a>) still draws a full-size target, at least 44px tall (see `button` in theme.ts).
 */
export function Button({ href, children, tone = 'primary' }: ButtonProps) {
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

const styles = {
  primary: { ...base, backgroundColor: colors.light.accent, color: colors.light.accentText },
  quiet: {
    ...base,
    backgroundColor: colors.light.surface,
    color: colors.light.accent,
    border: `2px solid ${colors.light.accent}`,
    padding: `${button.paddingY - 2}px ${button.paddingX - 2}px`,
  },
} as const;
