import type { CSSProperties } from 'react';
import { themed } from './design';
import { defaultTheme, space, type Theme, type } from './theme';

/**
 * Shared inline styles built from a theme's tokens; blocks and templates spread these rather than
 * repeat them. `stylesFor(theme)` gives a brand's; `text`, `box` and `font` are the default theme's.
 */
export const stylesFor = themed((theme: Theme) => {
  const c = theme.light;
  return {
    text: {
      body: { ...type.body, color: c.text, margin: `0 0 ${space.md}` },
      muted: { ...type.small, color: c.muted, margin: `0 0 ${space.xs}` },
      caption: { ...type.caption, color: c.subtle, margin: 0 },
      h1: { ...type.h1, color: c.text, margin: `0 0 ${space.md}` },
      h2: { ...type.h2, color: c.text, margin: `0 0 ${space.sm}` },
      label: { ...type.small, color: c.muted, margin: 0 },
      value: { ...type.small, color: c.text, margin: 0 },
      link: { color: c.link, textDecoration: 'underline' },
      strike: { color: c.subtle, textDecoration: 'line-through' },
    } satisfies Record<string, CSSProperties>,
    box: {
      section: { padding: `0 ${space.lg}` },
      card: { border: `1px solid ${c.border}`, padding: space.md },
      rule: { borderTop: `1px solid ${c.border}`, margin: `${space.lg} 0` },
    } satisfies Record<string, CSSProperties>,
    font: { fontFamily: theme.fontFamily },
  };
});

const defaults = stylesFor(defaultTheme);
export const text = defaults.text;
export const box = defaults.box;
export const font = defaults.font;
