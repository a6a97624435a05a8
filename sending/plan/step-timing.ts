/**
 * How a step's time reads to a marketer: what it counts from and when that lands on the customer's clock,
 * `5 days after delivery · Nov 29, 10:00`. Shown by `status`, the outbox timeline and the Storybook sequence.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** `Nov 29, 10:00` on the customer's clock. */
export function shortLocalTime(iso: string, timeZone: string): string {
  return format(timeZone).format(new Date(iso));
}

/** `5 days after delivery · Nov 29, 10:00`, or `day 3 · Nov 23, 10:00` for a step counted from the order. */
export function timingLabel(
  step: Readonly<{ day: number; anchor?: string | undefined; sendAt: string }>,
  timeZone: string,
): string {
  return `${step.anchor ?? `day ${step.day}`} · ${shortLocalTime(step.sendAt, timeZone)}`;
}
