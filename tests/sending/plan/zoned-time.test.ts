/**
 * Zoned time (sending/plan/zoned-time.ts) against Intl itself: the offsets are remembered per quarter hour, so
 * every answer is compared with Intl's own, minute by minute across daylight-saving changes — including a zone
 * whose change falls off the quarter hour (Antarctica/Casey at 16:01 UTC).
 */
import { describe, expect, it } from 'vitest';
import { offsetAt, toLocalIso, wallTimeAt, zonedToUtc } from '../../../sending/plan/zoned-time';

function intlWallTime(epochMs: number, timeZone: string) {
  const parts: Record<string, number> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  for (const p of format.formatToParts(new Date(epochMs)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts;
}

const CHANGES: readonly [string, string][] = [
  ['America/New_York', '2026-03-08T07:00:00Z'],
  ['America/New_York', '2026-11-01T06:00:00Z'],
  ['Europe/Berlin', '2026-03-29T01:00:00Z'],
  ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
  ['Antarctica/Casey', '2022-10-01T16:01:00Z'],
];

describe('zoned time', () => {
  it.each(CHANGES)('agrees with Intl minute by minute around a change of offset in %s (%s)', (zone, at) => {
    const change = Date.parse(at);
    for (let t = change - 3_600_000; t <= change + 3_600_000; t += 60_000 + 1_234) {
      const wall = wallTimeAt(t, zone);
      expect(wall).toEqual(intlWallTime(t, zone));
      const utcOfWall = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
      expect(offsetAt(t, zone)).toBe(utcOfWall - Math.floor(t / 1000) * 1000);
    }
  });

  it('changes offset at the very minute Intl does, off the quarter hour too', () => {
    const change = Date.parse('2022-10-01T16:01:00Z');
    expect(offsetAt(change - 1000, 'Antarctica/Casey')).not.toBe(offsetAt(change, 'Antarctica/Casey'));
    expect(offsetAt(change - 60_000, 'Antarctica/Casey')).toBe(offsetAt(change - 1000, 'Antarctica/Casey'));
  });

  it('turns a wall-clock time into its instant and back', () => {
    const at = zonedToUtc({ year: 2026, month: 7, day: 1, hour: 10, minute: 0, second: 0 }, 'Asia/Seoul');
    expect(new Date(at).toISOString()).toBe('2026-07-01T01:00:00.000Z');
    expect(toLocalIso(at, 'Asia/Seoul')).toBe('2026-07-01T10:00:00+09:00');
  });
});
