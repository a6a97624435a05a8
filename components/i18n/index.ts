import type { CopyOverrides } from '../../core/copy';
import type { Locale } from '../../core/locales';
import { en } from './en';
import { ko } from './ko';
import type { Messages } from './messages';
import { withCopy } from './overrides';
import { zhCN } from './zh-CN';

export { isLocale, LOCALES, type Locale } from '../../core/locales';
export type { Messages } from './messages';

const catalogue: Record<Locale, Messages> = { en, ko, 'zh-CN': zhCN };

/** The copy for one locale, with a shop's overrides (`shop.copy`) when given. */
export function messages(locale: Locale, copy?: CopyOverrides): Messages {
  return withCopy(catalogue[locale], locale, copy);
}
