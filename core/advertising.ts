import type { Locale } from './locales';
import type { EmailKind } from './template';

/**
 * The advertising mark a locale's law asks for at the very start of a marketing subject line:
 * Korea's Information and Communications Network Act (article 50, `(광고)`) and China's rules for
 * commercial email (`广告`, written here as `【广告】`). English needs none. Transactional mail never
 * carries one: it is not advertising, and marking it would teach readers to ignore the mark.
 */
export const ADVERTISING_MARKS: Readonly<Partial<Record<Locale, string>>> = {
  ko: '(광고)',
  'zh-CN': '【广告】',
};

/** What follows the mark: a space after the Korean parentheses, nothing after the Chinese brackets (they are full-width). */
const SEPARATOR: Readonly<Partial<Record<Locale, string>>> = { ko: ' ', 'zh-CN': '' };

/** The mark this email's subject must start with, or undefined when it needs none. */
export function advertisingMark(locale: Locale, kind: EmailKind): string | undefined {
  return kind === 'marketing' ? ADVERTISING_MARKS[locale] : undefined;
}

/**
 * The subject line as it goes out: the locale's advertising mark in front of a marketing subject.
 * Applied after the shop's copy overrides, so no override can remove it; a subject that already
 * starts with the mark (a shop that wrote it into its override) keeps it once.
 */
export function markedSubject(subject: string, locale: Locale, kind: EmailKind): string {
  const mark = advertisingMark(locale, kind);
  if (mark === undefined) return subject;
  const trimmed = subject.trimStart();
  if (trimmed.startsWith(mark)) return trimmed;
  return `${mark}${SEPARATOR[locale] ?? ' '}${trimmed}`;
}
