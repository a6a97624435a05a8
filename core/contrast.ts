/**
 * Colour contrast as WCAG 2.2 defines it (https://www.w3.org/TR/WCAG22/#dfn-relative-luminance,
 * https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio): the relative luminance of an sRGB colour and the
 * ratio (L1 + 0.05) / (L2 + 0.05), from 1:1 to 21:1. Colours are six-digit hex strings (`#2f6b3a`).
 */

export type Rgb = readonly [r: number, g: number, b: number];

/** AA thresholds: body text, and large text (24px, or 18.66px bold) and the boundaries of controls. */
export const AA_TEXT = 4.5;
export const AA_LARGE = 3;

const HEX = /^#[0-9a-f]{6}$/i;

export function isHexColour(value: string): boolean {
  return HEX.test(value);
}

export function parseHex(hex: string): Rgb {
  if (!HEX.test(hex)) throw new Error(`not a six-digit hex colour: ${hex}`);
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function toHex([r, g, b]: Rgb): string {
  const part = (v: number) =>
    Math.round(Math.min(255, Math.max(0, v)))
      .toString(16)
      .padStart(2, '0');
  return `#${part(r)}${part(g)}${part(b)}`;
}

/** sRGB channel (0–255) to linear light. WCAG 2.2 cites 0.04045 as the sRGB threshold (0.03928 in 2.0 gives the same result for 8-bit values). */
function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * `2.1:1`: rounded down to one decimal, so a ratio that misses a threshold never prints as reaching
 * it (4.47 is `4.4:1`, not `4.5:1`).
 */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 10 + 1e-9) / 10).toFixed(1)}:1`;
}

/** `a` moved towards `b` by `amount` (0 = a, 1 = b), channel by channel in sRGB. */
export function mix(a: string, b: string, amount: number): string {
  const x = parseHex(a);
  const y = parseHex(b);
  return toHex([x[0] + (y[0] - x[0]) * amount, x[1] + (y[1] - x[1]) * amount, x[2] + (y[2] - x[2]) * amount]);
}

/** Black or white, whichever contrasts more with `background` (at least 4.58:1 for any colour). */
export function blackOrWhite(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}

/** The lowest ratio of `colour` against each of `backgrounds`. */
export function minContrast(colour: string, backgrounds: readonly string[]): number {
  let lowest = Number.POSITIVE_INFINITY;
  for (const background of backgrounds) lowest = Math.min(lowest, contrastRatio(colour, background));
  return lowest;
}

/**
 * `colour` itself when it reaches `ratio` against every background; otherwise the nearest colour
 * that does, found by mixing it towards black or towards white (whichever gets there with less
 * change, preferring the direction away from the backgrounds' luminance). Falls back to black or
 * white, whichever contrasts more, when no mix reaches the ratio.
 */
export function adjustForContrast(colour: string, backgrounds: readonly string[], ratio: number): string {
  if (minContrast(colour, backgrounds) >= ratio) return colour;
  let best: { colour: string; amount: number } | null = null;
  for (const target of ['#000000', '#ffffff']) {
    const found = smallestMix(colour, target, backgrounds, ratio);
    if (found !== null && (best === null || found.amount < best.amount)) best = found;
  }
  if (best !== null) return best.colour;
  return minContrast('#000000', backgrounds) >= minContrast('#ffffff', backgrounds) ? '#000000' : '#ffffff';
}

/** Binary search for the least amount of `target` mixed into `colour` that reaches the ratio. */
function smallestMix(
  colour: string,
  target: string,
  backgrounds: readonly string[],
  ratio: number,
): { colour: string; amount: number } | null {
  if (minContrast(target, backgrounds) < ratio) return null;
  let low = 0;
  let high = 1;
  for (let i = 0; i < 24; i++) {
    const middle = (low + high) / 2;
    if (minContrast(mix(colour, target, middle), backgrounds) >= ratio) high = middle;
    else low = middle;
  }
  // Rounding to 8-bit channels can land a hair short: step on until the rounded colour passes.
  let amount = high;
  let result = mix(colour, target, amount);
  while (minContrast(result, backgrounds) < ratio && amount < 1) {
    amount = Math.min(1, amount + 1 / 512);
    result = mix(colour, target, amount);
  }
  return minContrast(result, backgrounds) >= ratio ? { colour: result, amount } : null;
}
