/** The locales every string, subject line, amount and date is written for. */
export const LOCALES = ['en', 'ko', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
