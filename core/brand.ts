import { z } from 'zod';
import { AA_TEXT, blackOrWhite, contrastRatio, formatRatio, isHexColour, mix } from './contrast';

/**
 * `shop.brand` (CONTRACT.md): the colours and type a shop makes its own. Only what a reader's eyes
 * depend on is checked here — button text on the accent, body text on the surface and canvas — and
 * refused with the field and the ratio; everything else (links, muted text, dark mode) is derived
 * from these in `components/theme.ts` and reaches AA by construction.
 */

/** Today's colours: the brand every email wears unless the document names its own. */
export const DEFAULT_BRAND = {
  accent: '#1d4ed8',
  accentText: '#ffffff',
  canvas: '#f4f4f5',
  surface: '#ffffff',
  text: '#18181b',
} as const;

/** The dark text and light text the theme prefers over pure black and white. */
const DARK_TEXT = DEFAULT_BRAND.text;
const LIGHT_TEXT = '#fafafa';

const colour = z
  .string({ error: 'expected a six-digit hex colour, e.g. #2f6b3a' })
  .refine(isHexColour, { error: 'expected a six-digit hex colour, e.g. #2f6b3a' })
  .transform((value) => value.toLowerCase());

/** A CSS font-family list: names, quotes, commas. No `;`, braces or `url(` can escape into the style. */
const FONT_FAMILY = /^[\p{L}\p{N} ,'"._-]+$/u;

const fontFamily = z
  .string({ error: 'expected a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'at most 200 characters' })
  .refine((value) => FONT_FAMILY.test(value) && quotesBalanced(value), {
    error: "expected a CSS font-family list, e.g. 'Playfair Display', Georgia, serif",
  });

function quotesBalanced(value: string): boolean {
  return (value.match(/'/g)?.length ?? 0) % 2 === 0 && (value.match(/"/g)?.length ?? 0) % 2 === 0;
}

function isStylesheetUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // It is written into `@import url('…')`: nothing that could close the string or the rule.
  return url.protocol === 'https:' && url.hostname.length > 0 && !/[\s'"()\\<>;{}]/.test(value);
}

const fontUrl = z
  .string({ error: 'expected a string' })
  .refine(isStylesheetUrl, { error: 'expected an absolute https: URL of a stylesheet' });

const FIELDS = ['accent', 'accentText', 'canvas', 'surface', 'text', 'fontFamily', 'fontUrl'] as const;

export const brandSchema = z
  .strictObject(
    {
      accent: colour,
      accentText: colour.optional(),
      canvas: colour.optional(),
      surface: colour.optional(),
      text: colour.optional(),
      fontFamily: fontFamily.optional(),
      fontUrl: fontUrl.optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown field; expected ${FIELDS.join(', ')}`
          : issue.code === 'invalid_type'
            ? 'expected an object'
            : undefined,
    },
  )
  .superRefine((brand, ctx) => {
    // Zod runs this even when a field failed (an unknown key does not stop it): pairs only of real colours.
    const colours = [brand.accent, brand.accentText, brand.canvas, brand.surface, brand.text];
    if (!colours.every((c) => c === undefined || (typeof c === 'string' && isHexColour(c)))) return;
    for (const issue of brandProblems(brand)) ctx.addIssue({ code: 'custom', ...issue });
  });

export type Brand = z.infer<typeof brandSchema>;

/** The five base colours of a brand, every one filled in. */
export type BrandColours = Readonly<{
  accent: string;
  accentText: string;
  canvas: string;
  surface: string;
  text: string;
}>;

/**
 * Fills in what a brand leaves out. No `accentText`: black or white, whichever contrasts more with
 * the accent. No `text`: the default dark text, else the light one, else black or white — whichever
 * first reaches 4.5:1 on the surface. No `canvas`: the default canvas on the default surface, else
 * the surface tinted a little towards the text (the surface itself if the tint would cost contrast).
 */
export function resolveBrandColours(brand: Brand | undefined): BrandColours {
  if (brand === undefined) return DEFAULT_BRAND;
  const surface = brand.surface ?? DEFAULT_BRAND.surface;
  const text =
    brand.text ??
    (contrastRatio(DARK_TEXT, surface) >= AA_TEXT
      ? DARK_TEXT
      : contrastRatio(LIGHT_TEXT, surface) >= AA_TEXT
        ? LIGHT_TEXT
        : blackOrWhite(surface));
  let canvas: string = brand.canvas ?? DEFAULT_BRAND.canvas;
  if (brand.canvas === undefined && surface !== DEFAULT_BRAND.surface) {
    const tinted = mix(surface, text, 0.04);
    canvas = contrastRatio(text, tinted) >= AA_TEXT ? tinted : surface;
  }
  const accentText =
    brand.accentText ??
    (brand.accent === DEFAULT_BRAND.accent ? DEFAULT_BRAND.accentText : blackOrWhite(brand.accent));
  return { accent: brand.accent, accentText, canvas, surface, text };
}

type Issue = { path: string[]; message: string };

const ratioMessage = (ratio: number, other: string) =>
  `contrast with ${other} is ${formatRatio(ratio)}, needs ${AA_TEXT}:1`;

/** The pairs a reader depends on, each below 4.5:1 reported on the field the brand set. */
export function brandProblems(brand: Brand): Issue[] {
  const issues: Issue[] = [];
  const resolved = resolveBrandColours(brand);
  const name = (field: keyof BrandColours) =>
    brand[field] !== undefined
      ? `shop.brand.${field}`
      : `the ${field === 'text' ? 'text colour' : field} (${resolved[field]})`;
  if (brand.accentText !== undefined) {
    const ratio = contrastRatio(brand.accent, brand.accentText);
    if (ratio < AA_TEXT)
      issues.push({ path: ['accentText'], message: ratioMessage(ratio, 'shop.brand.accent') });
  }
  const onSurface = contrastRatio(resolved.text, resolved.surface);
  if (onSurface < AA_TEXT)
    issues.push(
      brand.text !== undefined
        ? { path: ['text'], message: ratioMessage(onSurface, name('surface')) }
        : { path: ['surface'], message: ratioMessage(onSurface, name('text')) },
    );
  const onCanvas = contrastRatio(resolved.text, resolved.canvas);
  if (onCanvas < AA_TEXT && onSurface >= AA_TEXT)
    issues.push(
      brand.canvas !== undefined
        ? { path: ['canvas'], message: ratioMessage(onCanvas, name('text')) }
        : { path: ['text'], message: ratioMessage(onCanvas, name('canvas')) },
    );
  if (brand.fontUrl !== undefined && brand.fontFamily === undefined)
    issues.push({
      path: ['fontFamily'],
      message: 'required with fontUrl: name the family the stylesheet defines',
    });
  return issues;
}
