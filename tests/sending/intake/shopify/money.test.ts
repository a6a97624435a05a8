import { describe, expect, it } from 'vitest';
import { minorDigits } from '../../../../core/currency';
import { toMinorUnits } from '../../../../sending/intake/shopify/money';

const value = (amount: unknown, currency: string) => {
  const result = toMinorUnits(amount, currency);
  return result.ok ? result.value : result.problem;
};

describe('toMinorUnits', () => {
  it('knows the digit count of every currency it is tested with', () => {
    expect(['JPY', 'KRW', 'USD', 'EUR', 'BHD', 'KWD', 'CLP'].map(minorDigits)).toEqual([0, 0, 2, 2, 3, 3, 0]);
  });

  it.each([
    // no minor unit
    ['1000', 'JPY', 1000],
    ['1000.00', 'JPY', 1000],
    ['1000.', 'JPY', 1000],
    ['0', 'JPY', 0],
    ['39000', 'KRW', 39000],
    ['39000.0', 'KRW', 39000],
    // two digits
    ['19.99', 'USD', 1999],
    ['10', 'USD', 1000],
    ['10.5', 'USD', 1050],
    ['10.50', 'USD', 1050],
    ['10.500', 'USD', 1050],
    ['0.01', 'USD', 1],
    ['0.1', 'EUR', 10],
    ['0.29', 'EUR', 29],
    ['1.005', 'USD', '"1.005" has more decimals than USD has (2)'],
    ['007.10', 'USD', 710],
    ['123456789.99', 'USD', 12345678999],
    // three digits
    ['1.234', 'BHD', 1234],
    ['1.2', 'BHD', 1200],
    ['12.25', 'BHD', 12250],
    ['12', 'KWD', 12000],
    ['1.2340', 'BHD', 1234],
    ['1.2345', 'BHD', '"1.2345" has more decimals than BHD has (3)'],
    ['19.5', 'JPY', '"19.5" has more decimals than JPY has (none)'],
  ] as const)('%s %s → %s', (amount, currency, expected) => {
    expect(value(amount, currency)).toBe(expected);
  });

  it('never goes through floating point: amounts where float multiplication is off by one', () => {
    // 0.29 * 100 = 28.999999999999996 and 1.005 * 1000 = 1004.9999999999999 in floating point.
    expect(value('0.29', 'USD')).toBe(29);
    expect(value('1.005', 'BHD')).toBe(1005);
    expect(value('4.35', 'USD')).toBe(435);
    expect(value('1.15', 'EUR')).toBe(115);
  });

  it.each([['-1.00'], ['1e3'], ['1,000.00'], ['$19.99'], [' '], ['abc'], ['1.2.3'], ['+5']])(
    'refuses %j',
    (amount) => {
      expect(toMinorUnits(amount, 'USD').ok).toBe(false);
    },
  );

  it('refuses what is not an amount at all', () => {
    expect(toMinorUnits(null, 'USD')).toEqual({
      ok: false,
      problem: 'expected a decimal amount as a string, e.g. "19.99"',
    });
    expect(toMinorUnits('99999999999999999.99', 'USD')).toEqual({
      ok: false,
      problem: '"99999999999999999.99" is too large',
    });
  });

  it('takes a JSON number by its decimal spelling', () => {
    expect(value(19.99, 'USD')).toBe(1999);
    expect(value(1000, 'JPY')).toBe(1000);
  });
});
