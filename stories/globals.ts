import { isLocale, type Locale } from '../components/i18n';
import type { Brand } from '../core/brand';
import { SAMPLE_BRAND_NAMES, type SampleBrandName, sampleBrands } from '../emails/_samples/brands';

/**
 * The toolbar globals every email story reads (set in `.storybook/preview.tsx`): which locale,
 * which colour treatment and which width the recipient's client gives the email.
 */

/** `auto`: the customer's own locale (`customer.locale`), as a real send would use. */
export type LocaleChoice = Locale | 'auto';

/**
 * - `light`: the client reports `prefers-color-scheme: light`.
 * - `dark`: it reports `dark`, so the email's own dark rules apply (Apple Mail, iOS, Outlook for Mac).
 * - `inverted`: the client ignores the email's rules and inverts its colours (Gmail's apps).
 */
export type Theme = 'light' | 'dark' | 'inverted';

export type Width = 'mobile' | 'desktop' | 'wide';

export const WIDTHS: Record<Width, number> = { mobile: 375, desktop: 600, wide: 1024 };

export const THEMES: readonly Theme[] = ['light', 'dark', 'inverted'];

/** `document`: the brand the story's order document names (none: today's colours); else a sample brand. */
export type BrandChoice = 'document' | SampleBrandName;

export const BRAND_CHOICES: readonly BrandChoice[] = ['document', ...SAMPLE_BRAND_NAMES];

/** What the frame needs from the toolbar, parsed from Storybook's untyped globals. */
export type View = Readonly<{ locale: LocaleChoice; theme: Theme; width: Width; brand: BrandChoice }>;

export const DEFAULT_VIEW: View = { locale: 'auto', theme: 'light', width: 'desktop', brand: 'document' };

export function viewOf(globals: Readonly<Record<string, unknown>>): View {
  const { locale, theme, width, brand } = globals;
  return {
    locale: isLocale(locale) ? locale : 'auto',
    theme: THEMES.includes(theme as Theme) ? (theme as Theme) : DEFAULT_VIEW.theme,
    width: typeof width === 'string' && Object.hasOwn(WIDTHS, width) ? (width as Width) : DEFAULT_VIEW.width,
    brand: BRAND_CHOICES.includes(brand as BrandChoice) ? (brand as BrandChoice) : DEFAULT_VIEW.brand,
  };
}

/** The toolbar's sample brand, or undefined to keep the document's own. */
export function chosenBrand(view: View): Brand | undefined {
  return view.brand === 'document' ? undefined : sampleBrands[view.brand];
}

/** The order document with the toolbar's brand in its shop (unchanged when the toolbar keeps the document's). */
export function withChosenBrand<D extends Readonly<Record<string, unknown>>>(document: D, view: View): D {
  const brand = chosenBrand(view);
  const shop = document.shop;
  if (brand === undefined || typeof shop !== 'object' || shop === null) return document;
  return { ...document, shop: { ...shop, brand } };
}

/** The locale to render in: the toolbar's choice when it made one, else the story's, else the customer's. */
export function chosenLocale(view: View, fromStory: Locale | undefined): Locale | undefined {
  return view.locale === 'auto' ? fromStory : view.locale;
}
