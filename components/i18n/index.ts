import type { Locale } from '../../core/locales';
import { en } from './en';
import { ko } from './ko';
import type { Messages } from './messages';
import { zhCN } from './zh-CN';

export { isLocale, LOCALES, type Locale } from '../../core/locales';
export type { Messages } from './messages';

const catalogue: Record<Locale, Messages> = { en, ko, 'zh-CN': zhCN };

/** The copy for one locale. */
export function messages(locale: Locale): Messages {
  return catalogue[locale];
}
