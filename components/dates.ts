import type { Locale } from '../core/locales';

const cache = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(locale: Locale, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withTime}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone,
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      weekday: 'short',
      ...(withTime ? { hour: 'numeric', minute: '2-digit' } : {}),
    });
    cache.set(key, f);
  }
  return f;
}

/** A date-only value (`2026-11-24`) is a calendar day, not an instant: format it as such, in UTC. */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Formats an ISO 8601 time (or a `YYYY-MM-DD` day) for a reader in `timeZone`. */
export function formatDate(iso: string, locale: Locale, timeZone: string): string {
  if (DATE_ONLY.test(iso)) return dateFormatter(locale, 'UTC', false).format(new Date(`${iso}T12:00:00Z`));
  return dateFormatter(locale, timeZone, false).format(new Date(iso));
}

/** Date and local time of day, e.g. for a send timeline. */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  return dateFormatter(locale, timeZone, true).format(new Date(iso));
}
