import type { Locale } from './i18n/locales';

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string, locale: Locale): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Digits after the decimal point for a currency, from ISO 4217 via Intl (KRW/JPY 0, USD 2, BHD 3). */
const digitsByCurrency = new Map<string, number>();

export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

let currencies: ReadonlySet<string> | undefined;

/** True when Intl knows the code as an ISO 4217 currency. */
export function isKnownCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(code);
}

/**
 * Formats an integer amount in the currency's minor unit: (1999, 'USD', 'en') → "$19.99",
 * (39000, 'KRW', 'ko') → "₩39,000", (1234, 'BHD', 'en') → "BHD 1.234".
 */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
  const digits = minorDigits(currency);
  return formatterFor(currency, locale).format(minor / 10 ** digits);
}
