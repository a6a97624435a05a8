import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTime } from '../../components/dates';
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
    expect(formatDate('2026-11-19T23:30:00-05:00', 'ko', 'Asia/Seoul')).toBe('2026년 11월 20일 (금)');
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

  it('writes the time of day in the locale’s own words: 오전/오후, 上午/下午, never an English AM', () => {
    expect(formatDateTime('2026-11-23T01:00:00Z', 'ko', 'Asia/Seoul')).toBe(
      '2026년 11월 23일 (월) 오전 10:00',
    );
    expect(formatDateTime('2026-11-23T05:30:00Z', 'ko', 'Asia/Seoul')).toBe(
      '2026년 11월 23일 (월) 오후 2:30',
    );
    expect(formatDateTime('2026-11-23T03:00:00Z', 'ko', 'Asia/Seoul')).toBe(
      '2026년 11월 23일 (월) 오후 12:00',
    );
    expect(formatDateTime('2026-11-23T15:05:00Z', 'ko', 'Asia/Seoul')).toBe(
      '2026년 11월 24일 (화) 오전 12:05',
    );
    expect(formatDateTime('2026-11-23T02:00:00Z', 'zh-CN', 'Asia/Shanghai')).toBe(
      '2026年11月23日周一 上午10:00',
    );
    expect(formatDateTime('2026-11-23T11:59:00Z', 'zh-CN', 'Asia/Shanghai')).toBe(
      '2026年11月23日周一 下午7:59',
    );
    expect(formatTime('2026-11-23T05:30:00Z', 'ko', 'Asia/Seoul')).toBe('오후 2:30');
    expect(formatTime('2026-11-23T05:30:00Z', 'zh-CN', 'Asia/Seoul')).toBe('下午2:30');
    for (const locale of ['ko', 'zh-CN'] as const)
      expect(formatDateTime('2026-11-23T01:00:00Z', locale, 'Asia/Seoul')).not.toMatch(/AM|PM/);
  });
});
