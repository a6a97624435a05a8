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

/** A colour the layout's dark-mode rules swap by class: a text tone, or the stars' gold. */
export type Ink = Tone | 'star';

/** Each ink's class (the layout's `<style>` rules give it the dark palette's colour) and its light colour. */
export const inksFor = themed((theme: Theme) => {
  const c = theme.light;
  return {
    body: { className: 'pp-text', color: c.text },
    muted: { className: 'pp-muted', color: c.muted },
    subtle: { className: 'pp-subtle', color: c.subtle },
    star: { className: 'pp-star', color: c.warning },
  } as const satisfies Record<Ink, { className: string; color: string }>;
});

/** Each tone's dark-mode class (the layout's `<style>` rules) and the text style whose colour matches it. */
export const tonesFor = themed((theme: Theme) => {
  const { text } = stylesFor(theme);
  const inks = inksFor(theme);
  return {
    body: { className: inks.body.className, style: text.body },
    muted: { className: inks.muted.className, style: text.muted },
    subtle: { className: inks.subtle.className, style: text.caption },
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

/** A class and the inline style it must go with, to spread on an element: `<td {...inked(theme, 'muted', style)}>`. */
export type Classed = Readonly<{ className: string; style: CSSProperties }>;

const inkedPairs = new WeakMap<object, WeakMap<CSSProperties, Classed>>();

/**
 * An ink's dark-mode class with `style` in the ink's light colour, for an element that is not a paragraph or a
 * heading (those are <Paragraph> and <Title>): a table cell, a column, a span. Only the colour is the ink's; the
 * rest of the style is the caller's, in its own key order (a colour it already has is replaced where it stands).
 * The class and the colour come from one place, so neither can change without the other. One pair per style.
 */
export function inked(theme: Theme, ink: Ink, style: CSSProperties): Classed {
  const entry = inksFor(theme)[ink];
  let pairs = inkedPairs.get(entry);
  if (pairs === undefined) {
    pairs = new WeakMap();
    inkedPairs.set(entry, pairs);
  }
  let pair = pairs.get(style);
  if (pair === undefined) {
    pair = {
      className: entry.className,
      style: style.color === entry.color ? style : { ...style, color: entry.color },
    };
    pairs.set(style, pair);
  }
  return pair;
}

/** What a rule may set beside its border: spacing, never the border (its colour is the rule's). */
export type RuleStyle = Omit<CSSProperties, 'border' | 'borderTop' | 'borderColor' | 'borderTopColor'>;

/**
 * A rule across the top of an element, in the palette's border colour, with `pp-rule`, which gives it the dark
 * palette's border: `<Hr {...styles.rule} />`, built once per theme in a block's styles.
 */
export function ruled(theme: Theme, style: RuleStyle): Classed {
  return { className: 'pp-rule', style: { borderTop: `1px solid ${theme.light.border}`, ...style } };
}

/**
 * Text from a document (a product name, an address, a code, a URL) breaks anywhere rather than push the
 * layout wider than a phone. `word-break:break-word` also lowers a table cell's minimum width, so a cell with
 * a 60-letter word can shrink; Gmail, Outlook and Apple Mail keep it inline (caniemail), and it inherits,
 * so the container carries it once. Its standard spelling, `overflow-wrap:anywhere`, is in the head
 * `<style>` (email-layout.tsx): inline, caniemail marks it unsupported in Gmail, Outlook and Yahoo.
 */
export const wraps = { wordBreak: 'break-word' } as const satisfies CSSProperties;
