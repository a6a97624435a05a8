import type { Locale } from '../core/locales';

const cache = new Map<string, Intl.DateTimeFormat>();

function cached(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

function dateFormatter(locale: Locale, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  return cached(
    `${locale}|${timeZone}|${withTime}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone,
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        weekday: 'short',
        ...(withTime ? { hour: 'numeric', minute: '2-digit' } : {}),
      }),
  );
}

/** The 24-hour clock in a zone, as numbers: the Korean and Chinese times are written from it. */
function clockOf(date: Date, timeZone: string): { hour: number; minute: number } {
  const parts = cached(
    `clock|${timeZone}`,
    () =>
      new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }),
  ).formatToParts(date);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { hour: part('hour'), minute: part('minute') };
}

/**
 * The time of day in the locale's own words. ICU's data for `ko` writes an English `AM`/`PM` in some
 * Node builds and `zh-CN` a bare 24-hour clock; a Korean reader expects `오전 10:30` / `오후 2:30`, a
 * Chinese one `上午10:30` / `下午2:30`. English keeps Intl's `10:30 AM`.
 */
const TIME_OF_DAY: Readonly<
  Partial<Record<Locale, (hour12: number, minute: string, pm: boolean) => string>>
> = {
  ko: (hour, minute, pm) => `${pm ? '오후' : '오전'} ${hour}:${minute}`,
  'zh-CN': (hour, minute, pm) => `${pm ? '下午' : '上午'}${hour}:${minute}`,
};

/** `오후 2:30`, `下午2:30`, `2:30 PM`: the local time of day alone. */
export function formatTime(iso: string, locale: Locale, timeZone: string): string {
  const date = new Date(iso);
  const words = TIME_OF_DAY[locale];
  if (words === undefined)
    return cached(
      `time|${locale}|${timeZone}`,
      () => new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }),
    ).format(date);
  const { hour, minute } = clockOf(date, timeZone);
  return words(hour % 12 === 0 ? 12 : hour % 12, String(minute).padStart(2, '0'), hour >= 12);
}

/** A date-only value (`2026-11-24`) is a calendar day, not an instant: format it as such, in UTC. */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Korean writes the day of the week in parentheses after the date (`2026년 11월 20일 (금)`); ICU
 * leaves it bare (`… 20일 금`), which reads as a stray syllable.
 */
function koreanDate(formatter: Intl.DateTimeFormat, date: Date): string {
  return formatter
    .formatToParts(date)
    .map((part) => (part.type === 'weekday' ? `(${part.value})` : part.value))
    .join('');
}

/** Formats an ISO 8601 time (or a `YYYY-MM-DD` day) for a reader in `timeZone`. */
export function formatDate(iso: string, locale: Locale, timeZone: string): string {
  const [zone, date] = DATE_ONLY.test(iso)
    ? ['UTC', new Date(`${iso}T12:00:00Z`)]
    : [timeZone, new Date(iso)];
  const formatter = dateFormatter(locale, zone, false);
  return locale === 'ko' ? koreanDate(formatter, date) : formatter.format(date);
}

/** Date and local time of day, e.g. for a send timeline: `2026년 11월 23일 (월) 오전 10:00`. */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  if (TIME_OF_DAY[locale] === undefined) return dateFormatter(locale, timeZone, true).format(new Date(iso));
  return `${formatDate(iso, locale, timeZone)} ${formatTime(iso, locale, timeZone)}`;
}
