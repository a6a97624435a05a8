import { isLocale, type Locale } from '../components/i18n';

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

/** What the frame needs from the toolbar, parsed from Storybook's untyped globals. */
export type View = Readonly<{ locale: LocaleChoice; theme: Theme; width: Width }>;

export const DEFAULT_VIEW: View = { locale: 'auto', theme: 'light', width: 'desktop' };

export function viewOf(globals: Readonly<Record<string, unknown>>): View {
  const { locale, theme, width } = globals;
  return {
    locale: isLocale(locale) ? locale : 'auto',
    theme: THEMES.includes(theme as Theme) ? (theme as Theme) : DEFAULT_VIEW.theme,
    width: typeof width === 'string' && Object.hasOwn(WIDTHS, width) ? (width as Width) : DEFAULT_VIEW.width,
  };
}

/** The locale to render in: the toolbar's choice when it made one, else the story's, else the customer's. */
export function chosenLocale(view: View, fromStory: Locale | undefined): Locale | undefined {
  return view.locale === 'auto' ? fromStory : view.locale;
}
