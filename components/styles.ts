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
      h3: { ...type.h3, color: c.text, margin: `0 0 ${space.xs}` },
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

/** A colour role of the palette: the class the dark-mode rules key on, and the light style it goes with. */
export type Tone = 'body' | 'muted' | 'subtle';

/** Each tone's dark-mode class (the layout's `<style>` rules) and the text style whose colour matches it. */
export const tonesFor = themed((theme: Theme) => {
  const { text } = stylesFor(theme);
  return {
    body: { className: 'pp-text', style: text.body },
    muted: { className: 'pp-muted', style: text.muted },
    subtle: { className: 'pp-subtle', style: text.caption },
  } as const satisfies Record<Tone, { className: string; style: CSSProperties }>;
});

/** The default theme's tones. */
export const tones = tonesFor(defaultTheme);

const toned = new Map<CSSProperties, WeakMap<CSSProperties, CSSProperties>>();

/**
 * A block's own style adjustments on a token style: size, weight, spacing and alignment come from
 * `style`, the colour always from `base` (it must match the dark-mode class). Keys keep `style`'s
 * order, so the markup is what the adjustment alone would write; one object per pair, built once.
 */
export function tonedStyle(base: CSSProperties, style: CSSProperties | undefined): CSSProperties {
  if (style === undefined || style === base) return base;
  let cache = toned.get(base);
  if (cache === undefined) {
    cache = new WeakMap();
    toned.set(base, cache);
  }
  let merged = cache.get(style);
  if (merged === undefined) {
    const out: Record<string, unknown> = { ...style };
    for (const [key, value] of Object.entries(base)) if (!(key in out)) out[key] = value;
    if (base.color !== undefined) out.color = base.color;
    merged = out as CSSProperties;
    cache.set(style, merged);
  }
  return merged;
}

/**
 * Text from a document (a product name, an address, a code, a URL) breaks anywhere rather than push the
 * layout wider than a phone. `word-break:break-word` also lowers a table cell's minimum width, so a cell with
 * a 60-letter word can shrink; Gmail, Outlook and Apple Mail keep it inline (caniemail), and it inherits,
 * so the container carries it once. Its standard spelling, `overflow-wrap:anywhere`, is in the head
 * `<style>` (email-layout.tsx): inline, caniemail marks it unsupported in Gmail, Outlook and Yahoo.
 */
export const wraps = { wordBreak: 'break-word' } as const satisfies CSSProperties;
