/** What a plan warns about: marketing steps closer than two days on the real calendar, several steps due at once. */

/** Marketing emails closer together than this earn a warning: customers read it as nagging. */
export const MARKETING_GAP_MS = 2 * 86_400_000;

/** What the warnings read of a planned step. */
export type WarnedStep = Readonly<{
  kind: string;
  number: number;
  template: string;
  day: number;
  dispatch: string;
  sendAt: string;
}>;

/** Judged on the real calendar even in a compressed test, since that is what customers will get. */
export function warningsFor<S extends WarnedStep>(
  steps: readonly S[],
  calendar: ReadonlyMap<S, number>,
  nowMs: number,
): string[] {
  const warnings: string[] = [];
  const marketing = steps
    .filter((s) => s.kind === 'marketing')
    .sort((a, b) => (calendar.get(a) ?? 0) - (calendar.get(b) ?? 0));
  for (let i = 1; i < marketing.length; i++) {
    const [prev, next] = [marketing[i - 1], marketing[i]];
    if (!prev || !next) continue;
    const gap = (calendar.get(next) ?? 0) - (calendar.get(prev) ?? 0);
    if (gap < MARKETING_GAP_MS)
      warnings.push(
        `marketing steps ${prev.number} (${prev.template}, day ${prev.day}) and ${next.number} (${next.template}, day ${next.day}) are less than 2 days apart`,
      );
  }
  const due = steps.filter((s) => s.dispatch === 'now');
  if (due.length > 1 && due.some((s) => Date.parse(s.sendAt) < nowMs - 60_000))
    warnings.push(
      `${due.length} steps are already due and go out at once (${due.map((s) => s.template).join(', ')}); use --start to re-base day 0`,
    );
  return warnings;
}
