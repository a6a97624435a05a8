import { z } from 'zod';

/**
 * The field types the order document is built from (order-document-schema.ts): text that must not be
 * empty, one-line text for headers, money in minor units, https and mailto links, ISO times with an
 * offset, IANA time zones, email addresses and the signed link templates of the preference centre.
 */

export const text = z.string({ error: 'expected a string' }).trim().min(1, { error: 'must not be empty' });
export const optionalText = z.string({ error: 'expected a string' }).optional();

/** A C0 control character or DEL: a line break, a tab, a NUL… */
const hasControl = (value: string): boolean =>
  [...value].some((c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });
const ONE_LINE = { error: 'must be one line, without control characters' } as const;
/** Text that reaches a header (a subject, a sender's name): one line, so it can never add a header of its own. */
export const line = text.refine((v) => !hasControl(v), ONE_LINE);
export const optionalLine = optionalText.refine((v) => v === undefined || !hasControl(v), ONE_LINE);

/** Money is an integer in the currency's minor unit (USD 1999 = $19.99). */
export const money = z
  .number({ error: 'expected an integer' })
  .int({ error: 'expected an integer' })
  .nonnegative({ error: 'must not be negative' });

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

const isHttps = (value: string) => {
  const url = parseUrl(value);
  return url?.protocol === 'https:' && url.hostname.length > 0 && !/\s/.test(value);
};
const isMailto = (value: string) =>
  parseUrl(value)?.protocol === 'mailto:' && value.length > 'mailto:'.length;

/** Only https: links reach a browser; http: would leak the reader's context and `javascript:` is an attack. */
export const httpsUrl = z
  .string({ error: 'expected a string' })
  .refine(isHttps, { error: 'expected an absolute https: URL' });

/** A link a reader follows: https: or mailto:. */
export const linkUrl = z
  .string({ error: 'expected a string' })
  .refine((v) => isHttps(v) || isMailto(v), { error: 'expected an https: or mailto: URL' });

const OFFSET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Date.parse rolls 2026-02-30 over to March; a real calendar day, hour and offset are required. */
function isRealDateTime(value: string): boolean {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?[^Z+-]*(?:Z|[+-](\d{2}):(\d{2}))?)?$/.exec(
      value,
    );
  if (!m) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0, offsetH = 0, offsetM = 0] = m
    .slice(1)
    .map((part) => Number(part ?? 0));
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day));
  return (
    date.getUTCMonth() === (month ?? 1) - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    offsetH <= 14 &&
    offsetM < 60
  );
}

/** ISO 8601 with an offset: a bare local time would be ambiguous across time zones. */
export const isoTime = z
  .string({ error: 'expected a string' })
  .refine((v) => OFFSET_TIME.test(v) && isRealDateTime(v) && !Number.isNaN(Date.parse(v)), {
    error: 'expected an ISO 8601 time with an offset, e.g. 2026-11-20T09:30:00+09:00',
  });

export const isoDay = z
  .string({ error: 'expected a string' })
  .refine(
    (v) => (DATE_ONLY.test(v) || OFFSET_TIME.test(v)) && isRealDateTime(v) && !Number.isNaN(Date.parse(v)),
    { error: 'expected a date (YYYY-MM-DD) or an ISO 8601 time with an offset' },
  );

/** Zones already proven valid: building an Intl.DateTimeFormat per check was a sixth of a render. Only valid ones are kept, so bad input cannot grow it. */
const knownZones = new Set<string>();

export function isTimeZone(value: string): boolean {
  if (knownZones.has(value)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    return false;
  }
  knownZones.add(value);
  return true;
}

export const timeZone = z
  .string({ error: 'expected a string' })
  .refine(isTimeZone, { error: 'expected an IANA time zone, e.g. Asia/Seoul' });

export const email = z.email({ error: 'expected an email address' });

/** An email address as the order document takes one (`customer.email`): also the check for `--to` and `recipient`. */
export function isEmailAddress(value: string): boolean {
  return email.safeParse(value).success;
}

/** A link signed per recipient: https, with no placeholder but `{email}` and `{token}`. */
export const signedLinkTemplate = httpsUrl.refine(
  (url) => [...url.matchAll(/\{([^}]*)\}/g)].every((m) => m[1] === 'email' || m[1] === 'token'),
  { error: 'a placeholder other than {email} or {token}: it would reach the customer as written' },
);
