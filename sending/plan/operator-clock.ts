/**
 * Times as the operator reads them: on their own clock (`TZ`, else the machine's zone), short when it is today,
 * with how far away it is, and the customer's clock beside it.
 */

/** The operator's time zone: `TZ` when it names one, else the machine's. */
export function operatorZone(env: NodeJS.ProcessEnv): string {
  const tz = env.TZ?.trim();
  if (tz) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return tz;
    } catch {
      // An unknown TZ: the machine's zone, as the C library does.
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function parts(ms: number, zone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms))
    out[p.type] = p.value;
  return out;
}

/** `10:39` today, `12-09 10:39` this year, else `2027-01-04 10:39` — on the operator's clock. */
export function clockTime(iso: string, zone: string, now: Date): string {
  const at = parts(Date.parse(iso), zone);
  const today = parts(now.getTime(), zone);
  const time = `${at.hour}:${at.minute}`;
  if (at.year === today.year && at.month === today.month && at.day === today.day) return time;
  if (at.year === today.year) return `${at.month}-${at.day} ${time}`;
  return `${at.year}-${at.month}-${at.day} ${time}`;
}

/** `in 1 min`, `in 3 h`, `2 days ago`, `now`. */
export function relative(iso: string, now: Date): string {
  const ms = Date.parse(iso) - now.getTime();
  const abs = Math.abs(ms);
  if (abs < 30_000) return 'now';
  const [n, unit] =
    abs < 3_600_000
      ? [Math.max(1, Math.round(abs / 60_000)), 'min']
      : abs < 2 * 86_400_000
        ? [Math.round(abs / 3_600_000), 'h']
        : [Math.round(abs / 86_400_000), 'days'];
  return ms > 0 ? `in ${n} ${unit}` : `${n} ${unit} ago`;
}

/** `2026-12-08T19:39:00+09:00` → `19:39 +09:00` when the same calendar day, else `12-08 19:39 +09:00`. */
export function customerClock(local: string, iso: string, zone: string, now: Date): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(local);
  if (!m) return local;
  const operatorDay = clockTime(iso, zone, now);
  const offset = m[5] === 'Z' ? '+00:00' : m[5];
  const sameDay = !/ /.test(operatorDay) && parts(Date.parse(iso), zone).day === m[3];
  return sameDay ? `${m[4]} ${offset}` : `${m[2]}-${m[3]} ${m[4]} ${offset}`;
}
