/**
 * Wall-clock time in an IANA time zone ↔ UTC instants, with nothing but Intl (no tz database of our own).
 * A send "at 10:00 on day 14" must stay at 10:00 local across a daylight-saving change, so the offset is
 * looked up for the day in question, never carried over from day 0.
 */

export type WallTime = Readonly<{
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}>;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time in `timeZone` at `epochMs`, read from Intl (a few microseconds: see `offsetAt`). */
function wallTimeFromIntl(epochMs: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

function wallAsUtc(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

function offsetFromIntl(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  return wallAsUtc(wallTimeFromIntl(whole, timeZone)) - whole;
}

/**
 * No zone changes its offset twice within a quarter of an hour, so an offset found at both ends of a quarter hour
 * holds all through it; a quarter hour with a change inside it (the ends differ) is asked of Intl each time.
 * Planning an order asks for offsets a hundred times, mostly within the same few quarter hours; Intl answers each
 * in microseconds, which added up to a tenth of an order's intake.
 */
const QUARTER_MS = 900_000;
const quarters = new Map<string, number | null>();

/** The zone's offset from UTC at `epochMs`, in milliseconds (Seoul: +9 h). */
export function offsetAt(epochMs: number, timeZone: string): number {
  const quarter = Math.floor(epochMs / QUARTER_MS);
  const key = `${timeZone} ${quarter}`;
  let known = quarters.get(key);
  if (known === undefined) {
    const start = offsetFromIntl(quarter * QUARTER_MS, timeZone);
    known = offsetFromIntl((quarter + 1) * QUARTER_MS - 1000, timeZone) === start ? start : null;
    if (quarters.size >= 10_000) quarters.clear();
    quarters.set(key, known);
  }
  // A quarter hour with a transition inside it is asked of Intl each time.
  return known ?? offsetFromIntl(epochMs, timeZone);
}

/** The wall-clock time in `timeZone` at the instant `epochMs`. */
export function wallTimeAt(epochMs: number, timeZone: string): WallTime {
  const local = new Date(Math.floor(epochMs / 1000) * 1000 + offsetAt(epochMs, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

const DAY_MS = 86_400_000;

/**
 * The instant a wall-clock time happens in `timeZone`. Resolved like Temporal's `compatible`
 * disambiguation: a time that happens twice (the hour repeated when clocks go back) takes the
 * earlier instant; a time that never happens (the hour skipped when clocks go forward) moves
 * forward by the length of the gap (02:30 → 03:30).
 */
export function zonedToUtc(w: WallTime, timeZone: string): number {
  const local = wallAsUtc(w);
  const candidates = new Set([
    offsetAt(local - DAY_MS, timeZone),
    offsetAt(local, timeZone),
    offsetAt(local + DAY_MS, timeZone),
  ]);
  const valid = [...candidates]
    .map((offset) => local - offset)
    .filter((t) => offsetAt(t, timeZone) === local - t);
  if (valid.length > 0) return Math.min(...valid);
  // In a gap: use the offset in force before the transition, which lands after it.
  return local - offsetAt(local - DAY_MS, timeZone);
}

/** The calendar day `days` after `w`'s (month and year lengths handled by Date.UTC). */
export function addCalendarDays(w: WallTime, days: number): Pick<WallTime, 'year' | 'month' | 'day'> {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** `2026-11-23T10:00:00+09:00`: the instant as the customer's clock shows it, offset included. */
export function toLocalIso(epochMs: number, timeZone: string): string {
  const w = wallTimeAt(epochMs, timeZone);
  const offsetMin = Math.round(offsetAt(epochMs, timeZone) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.trunc(Math.abs(offsetMin) / 60))}:${pad(Math.abs(offsetMin) % 60)}`;
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${offset}`;
}
