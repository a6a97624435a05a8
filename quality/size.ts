/**
 * Size: Gmail clips a message whose HTML passes about 102 KB ("[Message clipped] View entire message"),
 * hiding the rest — the footer with the unsubscribe link and address first. Warn at half of that.
 */
import { type Checker, type EmailUnderCheck, type Finding, findingFor } from './types';

export const KB = 1024;
export const SIZE_LIMITS = { warn: 51 * KB, fail: 102 * KB } as const;

/** The HTML's size in bytes as sent (UTF-8): a Korean or Chinese character is three bytes, not one. */
export function htmlBytes(html: string): number {
  return Buffer.byteLength(html, 'utf8');
}

export function formatKb(bytes: number): string {
  return `${(bytes / KB).toFixed(1)} KB`;
}

export const checkSize: Checker = (email: EmailUnderCheck): Finding[] => {
  const bytes = htmlBytes(email.html);
  if (bytes > SIZE_LIMITS.fail)
    return [
      findingFor(email, 'size', {
        rule: 'gmail-clip',
        message: `HTML is ${formatKb(bytes)}, over the ${formatKb(SIZE_LIMITS.fail)} at which Gmail clips the message (the footer, with the unsubscribe link, is cut off first)`,
        where: 'document',
      }),
    ];
  if (bytes > SIZE_LIMITS.warn)
    return [
      findingFor(email, 'size', {
        severity: 'warning',
        rule: 'size-budget',
        message: `HTML is ${formatKb(bytes)}, over the ${formatKb(SIZE_LIMITS.warn)} budget (Gmail clips at ${formatKb(SIZE_LIMITS.fail)})`,
        where: 'document',
      }),
    ];
  return [];
};
