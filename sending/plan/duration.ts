/** A duration as a person writes it on a command line or in a query string. */

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `--since` / `?since=`: `30d`, `12h`, `90m` → milliseconds (a positive amount with its unit, at most ten years). */
export function parseSince(value: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(m|h|d)$/.exec(value.trim());
  if (!m) return undefined;
  const ms = Number(m[1]) * UNIT_MS[m[2] as 'm' | 'h' | 'd'];
  return ms > 0 && ms <= 3650 * 86_400_000 ? ms : undefined;
}

const DURATION = /^(\d+)(s|m|h)$/;
/** `--compress`: `30s`, `2m`, `1h` → milliseconds per sequence day; anything else (or zero) → undefined. */
export function parseDuration(value: string): number | undefined {
  const m = DURATION.exec(value.trim());
  if (!m) return undefined;
  const ms = Number(m[1]) * UNIT_MS[m[2] as 's' | 'm' | 'h'];
  return ms > 0 ? ms : undefined;
}
