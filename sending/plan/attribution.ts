/** The attribution window: how long after a human click an order still counts for the email clicked. */
export const DEFAULT_ATTRIBUTION_DAYS = 5;

/** `ATTRIBUTION_DAYS`: a whole number of days from 1 to 30 (default 5); anything else names the variable. */
export function parseAttributionDays(value: string | undefined): number {
  const text = value?.trim() ?? '';
  if (text === '') return DEFAULT_ATTRIBUTION_DAYS;
  const days = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(days) || days < 1 || days > 30)
    throw new RangeError(`ATTRIBUTION_DAYS ${text}: expected a whole number of days from 1 to 30`);
  return days;
}
