/** The law's night (Korea's), applied to a plan after the sequence's own frequency rules. */
import { dispatchFor } from './dispatch';
import { afterQuietHours, inQuietHours, nightReason } from './frequency';
import type { PlannedStep } from './schedule';
import { toLocalIso } from './zoned-time';

/**
 * A step whose time has passed goes out at once: when "at once" is in the law's night, the step
 * waits for the morning (or its own `at` then) like any other night-time step.
 */
export function keepOutOfTheNight(
  planned: PlannedStep[],
  night: readonly [string, string],
  timeZone: string,
  nowMs: number,
  compressed: boolean,
): void {
  planned.forEach((step, index) => {
    if (step.kind !== 'marketing') return;
    const goesMs = Math.max(Date.parse(step.sendAt), nowMs);
    if (!inQuietHours(goesMs, night, timeZone)) return;
    const atMs = afterQuietHours(goesMs, night, timeZone, compressed ? undefined : step.at);
    planned[index] = {
      ...step,
      sendAt: new Date(atMs).toISOString(),
      local: toLocalIso(atMs, timeZone),
      dispatch: dispatchFor(atMs, nowMs),
      deferred: step.deferred ? `${step.deferred}; ${nightReason(night)}` : nightReason(night),
    };
  });
}
