/**
 * Shopify writes money as decimal strings ("19.99", "1000", "1.234"); the order document holds integers in the
 * currency's minor unit. The conversion is done on the digits, never through floating point: 0.1 + 0.2 is not
 * a price anyone was charged.
 */
import { minorDigits } from '../../../core/currency';

const DECIMAL = /^(\d+)(?:\.(\d*))?$/;

export type MinorUnits = { ok: true; value: number } | { ok: false; problem: string };

/**
 * `"19.99"` USD → 1999, `"1000"` JPY → 1000, `"1.234"` BHD → 1234, `"10"` USD → 1000, `"10.5"` → 1050.
 * More fractional digits than the currency has are refused unless they are zeros (`"1000.00"` JPY is 1000).
 * Negative amounts, exponents, signs, spaces and thousands separators are refused.
 */
export function toMinorUnits(amount: unknown, currency: string): MinorUnits {
  if (typeof amount === 'number') {
    // A JSON number is accepted only when its decimal spelling is exact (Shopify sends strings; some apps numbers).
    if (!Number.isFinite(amount)) return { ok: false, problem: 'expected a decimal amount' };
    return toMinorUnits(String(amount), currency);
  }
  if (typeof amount !== 'string')
    return { ok: false, problem: 'expected a decimal amount as a string, e.g. "19.99"' };
  const m = DECIMAL.exec(amount.trim());
  if (!m) return { ok: false, problem: `"${amount}" is not a decimal amount (e.g. "19.99")` };
  const digits = minorDigits(currency);
  const whole = m[1] ?? '0';
  const fraction = m[2] ?? '';
  const kept = fraction.slice(0, digits);
  const extra = fraction.slice(digits);
  if (/[^0]/.test(extra))
    return {
      ok: false,
      problem: `"${amount}" has more decimals than ${currency} has (${digits === 0 ? 'none' : digits})`,
    };
  const text = `${whole}${kept.padEnd(digits, '0')}`.replace(/^0+(?=\d)/, '');
  const value = Number(text);
  if (!Number.isSafeInteger(value)) return { ok: false, problem: `"${amount}" is too large` };
  return { ok: true, value };
}
