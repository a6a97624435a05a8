import type { Brand } from '../../core/brand';

/**
 * Three brands unlike the default and unlike each other, for Storybook's Brand toolbar, the quality
 * gate and the tests: every template must stay AA-readable in each, light and dark.
 */
export const sampleBrands = {
  /** Hanok Goods: a deep celadon green on warm paper, white button text. */
  hanok: { accent: '#2f6b3a', canvas: '#f3f1ea', surface: '#ffffff', text: '#1f2a22' },
  /** A dark luxury house: gold on near-black, a serif; its own colours are already dark. */
  noir: {
    accent: '#c9a227',
    canvas: '#0b0b0c',
    surface: '#141416',
    text: '#ece6da',
    fontFamily: "Didot, 'Bodoni 72', Georgia, serif",
  },
  /** A bright one: a sunny yellow whose buttons need black text (and an edge on white). */
  sunny: {
    accent: '#ffd60a',
    accentText: '#000000',
    canvas: '#fff8d6',
    surface: '#ffffff',
    text: '#1a1a1a',
    fontFamily: "'Trebuchet MS', Verdana, sans-serif",
  },
} as const satisfies Record<string, Brand>;

export type SampleBrandName = keyof typeof sampleBrands;
export const SAMPLE_BRAND_NAMES = Object.keys(sampleBrands) as SampleBrandName[];
