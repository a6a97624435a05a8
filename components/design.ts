import { createContext, useContext } from 'react';
import type { CopyOverrides } from '../core/copy';
import { type Locale, type Messages, messages } from './i18n';
import { defaultTheme, type Theme } from './theme';

/**
 * What the layout hands every block below it: the shop's theme (colours and type derived from
 * `shop.brand`) and its copy overrides (`shop.copy`). Blocks read it with `useTheme()` and
 * `useMessages(locale)`, so a brand reaches every block without a template passing it along. A block
 * rendered on its own (a story, a test) gets the default theme and the stock copy.
 */
export type Design = Readonly<{ theme: Theme; copy?: CopyOverrides }>;

export const DesignContext = createContext<Design>({ theme: defaultTheme });
DesignContext.displayName = 'Design';

export function useTheme(): Theme {
  return useContext(DesignContext).theme;
}

/** The copy for `locale` with the shop's overrides applied. */
export function useMessages(locale: Locale): Messages {
  return messages(locale, useContext(DesignContext).copy);
}

/**
 * Style objects built from a theme, built once per theme: `const styles = themed((t) => ({…}))`
 * at the bottom of a block, `styles(useTheme())` in it.
 */
export function themed<S>(build: (theme: Theme) => S): (theme: Theme) => S {
  const built = new WeakMap<Theme, S>();
  return (theme) => {
    let styles = built.get(theme);
    if (styles === undefined) {
      styles = build(theme);
      built.set(theme, styles);
    }
    return styles;
  };
}
