import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../components/dates';
import { formatMoney, minorDigits } from '../../components/money';

describe('formatMoney', () => {
  it.each([
    [1999, 'USD', 'en', '$19.99'],
    [39000, 'KRW', 'ko', '₩39,000'],
    [39000, 'KRW', 'en', '₩39,000'],
    [500, 'JPY', 'en', '¥500'],
    [12345, 'EUR', 'en', '€123.45'],
    [12345, 'CNY', 'zh-CN', '¥123.45'],
    [1234, 'BHD', 'en', 'BHD 1.234'],
    [0, 'USD', 'en', '$0.00'],
  ] as const)('%i %s in %s → %s', (minor, currency, locale, expected) => {
    expect(formatMoney(minor, currency, locale).replace(/\u00a0/g, ' ')).toBe(expected);
  });

  it('knows the minor unit of each currency', () => {
    expect([minorDigits('KRW'), minorDigits('JPY'), minorDigits('USD'), minorDigits('BHD')]).toEqual([
      0, 0, 2, 3,
    ]);
  });
});

describe('formatDate', () => {
  it('formats an instant in the reader’s time zone and locale', () => {
    // 23:30 in New York on the 19th is already the 20th in Seoul.
    expect(formatDate('2026-11-19T23:30:00-05:00', 'en', 'America/New_York')).toBe('Thu, November 19, 2026');
    expect(formatDate('2026-11-19T23:30:00-05:00', 'ko', 'Asia/Seoul')).toBe('2026년 11월 20일 금');
    expect(formatDate('2026-11-19T23:30:00-05:00', 'zh-CN', 'Asia/Shanghai')).toBe('2026年11月20日周五');
  });

  it('keeps a date-only value on its calendar day whatever the time zone', () => {
    expect(formatDate('2026-11-24', 'en', 'Pacific/Honolulu')).toBe('Tue, November 24, 2026');
    expect(formatDate('2026-11-24', 'en', 'Pacific/Kiritimati')).toBe('Tue, November 24, 2026');
  });

  it('includes the local time of day when asked', () => {
    expect(formatDateTime('2026-11-23T01:00:00Z', 'en', 'Asia/Seoul').replace(/\u202f/g, ' ')).toBe(
      'Mon, November 23, 2026 at 10:00 AM',
    );
  });
});
