/** The locales every string, subject line, amount and date is written for. */
export const LOCALES = ['en', 'ko', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * A language tag (`en-GB`, `ko_KR`, `zh-Hans-CN`; as a browser's Accept-Language or Shopify's `customer_locale`
 * gives it) → one of our locales by its language subtag, or undefined. Chinese is ours only when simplified:
 * `zh`, `zh-CN`, `zh-SG`, `zh-Hans…`; `zh-TW`, `zh-HK` and `zh-Hant` are not.
 */
export function localeOfTag(value: string): Locale | undefined {
  const tag = value.trim().replace(/_/g, '-').toLowerCase();
  if (!tag) return undefined;
  if (isLocale(tag)) return tag;
  const [language, ...rest] = tag.split('-');
  if (language === 'en') return 'en';
  if (language === 'ko') return 'ko';
  if (language === 'zh' && (rest.length === 0 || rest[0] === 'cn' || rest[0] === 'sg' || rest[0] === 'hans'))
    return 'zh-CN';
  return undefined;
}
