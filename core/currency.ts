/** What the order document needs to know of a currency: whether it exists, and its minor unit. */
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
