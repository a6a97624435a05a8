import { minorDigits } from '../core/currency';
import type { Locale } from '../core/locales';

export { isKnownCurrency, minorDigits } from '../core/currency';

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

/**
 * Formats an integer amount in the currency's minor unit: (1999, 'USD', 'en') → "$19.99",
 * (39000, 'KRW', 'ko') → "₩39,000", (1234, 'BHD', 'en') → "BHD 1.234".
 */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
  const digits = minorDigits(currency);
  return formatterFor(currency, locale).format(minor / 10 ** digits);
}
