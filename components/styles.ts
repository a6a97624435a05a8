import type { CSSProperties } from 'react';
import { colors, fontStacks, space, type } from './theme';

/** Shared inline styles built from tokens; blocks and templates spread these rather than repeat them. */
const c = colors.light;

export const text = {
  body: { ...type.body, color: c.text, margin: `0 0 ${space.md}` },
  muted: { ...type.small, color: c.muted, margin: `0 0 ${space.xs}` },
  caption: { ...type.caption, color: c.subtle, margin: 0 },
  h1: { ...type.h1, color: c.text, margin: `0 0 ${space.md}` },
  h2: { ...type.h2, color: c.text, margin: `0 0 ${space.sm}` },
  label: { ...type.small, color: c.muted, margin: 0 },
  value: { ...type.small, color: c.text, margin: 0 },
  link: { color: c.accent, textDecoration: 'underline' },
  strike: { color: c.subtle, textDecoration: 'line-through' },
} satisfies Record<string, CSSProperties>;

export const box = {
  section: { padding: `0 ${space.lg}` },
  card: { border: `1px solid ${c.border}`, padding: space.md },
  rule: { borderTop: `1px solid ${c.border}`, margin: `${space.lg} 0` },
} satisfies Record<string, CSSProperties>;

export const font = { fontFamily: fontStacks.sans };
