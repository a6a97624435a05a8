import { type Brand, brandSchema } from '../../core/brand';
import { parseWith } from '../../core/order-document';
import raw from './brands.json';

export type SampleBrandName = keyof typeof raw;

/**
 * Three brands unlike the default and unlike each other, for Storybook's Brand toolbar, the quality
 * gate and the tests: every template must stay AA-readable in each, light and dark.
 * - `hanok`: Hanok Goods, a deep celadon green on warm paper, white button text.
 * - `noir`: a dark luxury house, gold on near-black, a serif; its own colours are already dark.
 * - `sunny`: a bright yellow whose buttons need black text (and an edge on white).
 */
export const sampleBrands: Readonly<Record<SampleBrandName, Brand>> = Object.fromEntries(
  Object.entries(raw).map(([name, brand]) => [name, parseWith(brandSchema, brand, `sample brand ${name}`)]),
) as Record<SampleBrandName, Brand>;

export const SAMPLE_BRAND_NAMES = Object.keys(raw) as SampleBrandName[];
