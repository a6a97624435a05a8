/**
 * Design tokens. Every colour, size and font stack a template uses comes from here:
 * a raw hex value or font size inside a template is a bug. Values are px strings because
 * Outlook's Word engine ignores rem/em in many places.
 *
 * Colours come from a brand (`shop.brand`, core/brand.ts): `colors` is the default brand, and
 * `themeFor(brand)` derives everything else — the dark-mode palette, a link colour that reaches
 * 4.5:1 on the surface, muted and subtle text, borders — with the WCAG 2.2 formula in
 * core/contrast.ts, so no brand that passes validation can render text below AA.
 */

import { type Brand, type BrandColours, DEFAULT_BRAND, resolveBrandColours } from '../core/brand';
import { AA_LARGE, AA_TEXT, adjustForContrast, blackOrWhite, contrastRatio, mix } from '../core/contrast';

export const colors = {
  light: {
    canvas: '#f4f4f5',
    surface: '#ffffff',
    text: '#18181b',
    muted: '#52525b',
    subtle: '#71717a',
    border: '#e4e4e7',
    accent: '#1d4ed8',
    accentText: '#ffffff',
    success: '#15803d',
    warning: '#b45309',
    codeBg: '#f4f4f5',
  },
  dark: {
    canvas: '#09090b',
    surface: '#18181b',
    text: '#fafafa',
    muted: '#d4d4d8',
    subtle: '#a1a1aa',
    border: '#3f3f46',
    accent: '#93c5fd',
    accentText: '#0b1220',
    success: '#4ade80',
    warning: '#fbbf24',
    codeBg: '#27272a',
  },
} as const;

/** Every colour of one scheme (light or dark). */
export type Palette = Readonly<{
  canvas: string;
  surface: string;
  text: string;
  /** Secondary text (labels, notes): at least 4.5:1 on the surface and on boxes. */
  muted: string;
  /** Tertiary text (captions, struck-out prices): at least 4.5:1 on the surface. */
  subtle: string;
  /** Decorative rules and card edges (no text, no control boundary). */
  border: string;
  /** The primary button's fill. */
  accent: string;
  /** The primary button's label: at least 4.5:1 on the accent. */
  accentText: string;
  /** The primary button's edge: the accent itself when it reaches 3:1 on the surface, else a deeper tone that does. */
  buttonBorder: string;
  /** Link text and the quiet button: the accent adjusted until it reaches 4.5:1 on the surface and on boxes. */
  link: string;
  success: string;
  warning: string;
  /** Boxes inside the surface: callouts, codes, rating rows. */
  codeBg: string;
}>;

export type Theme = Readonly<{
  /** The five base colours the brand set or implied. */
  brand: BrandColours;
  light: Palette;
  dark: Palette;
  /** The inline font stack: the brand's family first (when no web font needs loading), the CJK-safe system stack after. */
  fontFamily: string;
  /** A web font for the clients that load them: its stylesheet and the stack that names it first. */
  webFont?: Readonly<{ url: string; fontFamily: string }>;
}>;

export const fontStacks = {
  /** Latin first, then the CJK system fonts each platform ships (Apple, Windows, Android/Noto). */
  sans: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, 'Apple SD Gothic Neo', 'Malgun Gothic', 'Noto Sans KR', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans SC', sans-serif",
  /** For a brand whose family ends in `serif`: the serif CJK faces each platform ships, then the sans ones. */
  serif:
    "Georgia, 'Times New Roman', 'AppleMyungjo', 'Nanum Myeongjo', 'Batang', 'Noto Serif KR', 'Songti SC', 'SimSun', 'Noto Serif SC', serif",
  mono: "'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', 'Noto Sans Mono CJK KR', monospace",
} as const;

const GENERIC_FAMILY = /,?\s*(sans-serif|serif|monospace|system-ui|cursive|fantasy)\s*$/i;

/** The brand's family, then the CJK-safe stack (the serif one when the brand asks for serif). */
export function brandFontStack(fontFamily: string): string {
  const generic = GENERIC_FAMILY.exec(fontFamily)?.[1]?.toLowerCase();
  const family = fontFamily.replace(GENERIC_FAMILY, '').trim();
  const stack = generic === 'serif' ? fontStacks.serif : fontStacks.sans;
  if (family === '') return stack;
  const named = new Set(family.split(',').map(unquote));
  const rest = stack.split(', ').filter((name) => !named.has(unquote(name)));
  return `${family}, ${rest.join(', ')}`;
}

const unquote = (name: string) =>
  name
    .trim()
    .replace(/^['"]|['"]$/g, '')
    .toLowerCase();

const DEFAULT_PALETTES: { light: Palette; dark: Palette } = {
  light: { ...colors.light, link: colors.light.accent, buttonBorder: colors.light.accent },
  dark: { ...colors.dark, link: colors.dark.accent, buttonBorder: colors.dark.accent },
};

/** Whether a surface is dark: light text reads better on it than dark text. */
export function isDarkSurface(surface: string): boolean {
  return contrastRatio(surface, '#ffffff') > contrastRatio(surface, '#000000');
}

/** The light palette of a brand: the base colours, and every other tone derived to reach AA on them. */
export function lightPalette(base: BrandColours): Palette {
  const { surface, text } = base;
  const codeBgTint = mix(surface, text, isDarkSurface(surface) ? 0.08 : 0.045);
  const codeBg = contrastRatio(text, codeBgTint) >= AA_TEXT ? codeBgTint : surface;
  return derive(base, codeBg, colors.light.success, colors.light.warning);
}

/**
 * The dark palette: a brand whose surface is already dark keeps its own colours; any other gets the
 * default dark neutrals, its accent lifted until a button stands out (3:1) on the dark surface, its
 * button label kept when it still reads (4.5:1) or else black or white, and its links lifted to 4.5:1.
 */
export function darkPalette(base: BrandColours, light: Palette): Palette {
  if (isDarkSurface(base.surface)) return light;
  const d = colors.dark;
  return derive(
    { canvas: d.canvas, surface: d.surface, text: d.text, accent: base.accent, accentText: base.accentText },
    d.codeBg,
    d.success,
    d.warning,
    { muted: d.muted, subtle: d.subtle, border: d.border },
  );
}

function derive(
  base: BrandColours,
  codeBg: string,
  success: string,
  warning: string,
  neutrals?: { muted: string; subtle: string; border: string },
): Palette {
  const { surface, text, accent } = base;
  const boxes = [surface, codeBg];
  // In light mode the fill stays the brand's own colour (a pale accent gets an edge instead); in
  // the derived dark mode it is lifted until the button itself stands out.
  const buttonFill = neutrals === undefined ? accent : adjustForContrast(accent, boxes, AA_LARGE);
  const accentText =
    contrastRatio(buttonFill, base.accentText) >= AA_TEXT ? base.accentText : blackOrWhite(buttonFill);
  return {
    canvas: base.canvas,
    surface,
    text,
    muted: adjustForContrast(neutrals?.muted ?? mix(text, surface, 0.3), boxes, AA_TEXT),
    subtle: adjustForContrast(neutrals?.subtle ?? mix(text, surface, 0.42), boxes, AA_TEXT),
    border: neutrals?.border ?? mix(text, surface, 0.82),
    accent: buttonFill,
    accentText,
    buttonBorder: adjustForContrast(buttonFill, boxes, AA_LARGE),
    link: adjustForContrast(accent, boxes, AA_TEXT),
    success: adjustForContrast(success, boxes, AA_TEXT),
    warning: adjustForContrast(warning, boxes, AA_TEXT),
    codeBg,
  };
}

function buildTheme(brand: Brand | undefined): Theme {
  if (brand === undefined) return { brand: DEFAULT_BRAND, ...DEFAULT_PALETTES, fontFamily: fontStacks.sans };
  const base = resolveBrandColours(brand);
  const light = lightPalette(base);
  const dark = darkPalette(base, light);
  const family = brand.fontFamily === undefined ? undefined : brandFontStack(brand.fontFamily);
  return {
    brand: base,
    light,
    dark,
    fontFamily: family !== undefined && brand.fontUrl === undefined ? family : fontStacks.sans,
    ...(family !== undefined && brand.fontUrl !== undefined
      ? { webFont: { url: brand.fontUrl, fontFamily: family } }
      : {}),
  };
}

/** The theme every email wears when the document names no brand: today's colours. */
export const defaultTheme: Theme = buildTheme(undefined);

/** Themes by brand, so a batch of one shop's emails derives its palette once. */
const themes = new Map<string, Theme>();
const MAX_THEMES = 64;

/** The theme for a (validated) brand; the default theme when there is none. */
export function themeFor(brand: Brand | undefined): Theme {
  if (brand === undefined) return defaultTheme;
  const key = JSON.stringify([
    brand.accent,
    brand.accentText,
    brand.canvas,
    brand.surface,
    brand.text,
    brand.fontFamily,
    brand.fontUrl,
  ]);
  let theme = themes.get(key);
  if (theme === undefined) {
    if (themes.size >= MAX_THEMES) themes.clear();
    theme = buildTheme(brand);
    themes.set(key, theme);
  }
  return theme;
}

export const space = {
  xxs: '4px',
  xs: '8px',
  sm: '12px',
  md: '16px',
  lg: '24px',
  xl: '32px',
  xxl: '48px',
} as const;

/** No radii: Outlook for Windows ignores border-radius (caniemail), so square corners look the same in every client. */

/** Container width: 600px is the width every client renders without horizontal scroll. */
export const layout = { width: 600, gutter: 24, thumb: 64, card: 168 } as const;

export const type = {
  h1: { fontSize: '24px', lineHeight: '32px', fontWeight: 700, msoLineHeightRule: 'exactly' },
  h2: { fontSize: '18px', lineHeight: '26px', fontWeight: 700, msoLineHeightRule: 'exactly' },
  h3: { fontSize: '16px', lineHeight: '24px', fontWeight: 700, msoLineHeightRule: 'exactly' },
  body: { fontSize: '16px', lineHeight: '24px', fontWeight: 400, msoLineHeightRule: 'exactly' },
  small: { fontSize: '14px', lineHeight: '20px', fontWeight: 400, msoLineHeightRule: 'exactly' },
  /** 12px is the floor: nothing smaller is legible on phones (and the quality gate checks it). */
  caption: { fontSize: '12px', lineHeight: '18px', fontWeight: 400, msoLineHeightRule: 'exactly' },
  code: { fontSize: '22px', lineHeight: '30px', fontWeight: 700, msoLineHeightRule: 'exactly' },
} as const;

/** Tap targets: WCAG 2.5.8 and Apple's HIG ask for 44px. */
/** A 20px line between 13px paddings: 46px (44 with a 2px edge on each side). */
export const button = { minHeight: 44, paddingX: 24, paddingY: 13 } as const;

/** One pair of a palette a reader depends on, with the ratio WCAG 2.2 AA asks of it. */
export type ContrastPair = Readonly<{
  /** What the pair is, e.g. `link on box`. */
  name: string;
  foreground: string;
  background: string;
  ratio: number;
  /** 4.5 for text, 3 for large text and the edges of controls. */
  needs: number;
}>;

/** Every text-on-background and control-on-surface pair the blocks draw with a palette. */
export function contrastPairs(p: Palette): ContrastPair[] {
  const pair = (name: string, foreground: string, background: string, needs: number): ContrastPair => ({
    name,
    foreground,
    background,
    ratio: contrastRatio(foreground, background),
    needs,
  });
  return [
    pair('text on surface', p.text, p.surface, AA_TEXT),
    pair('text on box', p.text, p.codeBg, AA_TEXT),
    pair('muted text on surface', p.muted, p.surface, AA_TEXT),
    pair('muted text on box', p.muted, p.codeBg, AA_TEXT),
    pair('subtle text on surface', p.subtle, p.surface, AA_TEXT),
    pair('link on surface', p.link, p.surface, AA_TEXT),
    pair('link on box', p.link, p.codeBg, AA_TEXT),
    pair('button label on button', p.accentText, p.accent, AA_TEXT),
    pair('button edge on surface', p.buttonBorder, p.surface, AA_LARGE),
    pair('button edge on box', p.buttonBorder, p.codeBg, AA_LARGE),
    pair('quiet button edge on surface', p.link, p.surface, AA_LARGE),
    pair('success on surface', p.success, p.surface, AA_TEXT),
    pair('warning on surface', p.warning, p.surface, AA_TEXT),
    pair('warning on box', p.warning, p.codeBg, AA_LARGE),
  ];
}
