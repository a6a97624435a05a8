/** The live engine's benchmark targets (docs/performance.md), judged on the figures `bench/store.ts` measures. */
import type { StoreFigures } from './store';

export const STORE_TARGETS = {
  /** On a Postgres server: held at the figure of 2026-12-02 (82.1 s) — no regression. */
  releaseSecondsPostgres: 82,
  /** On the embedded store (PGlite runs in the engine's own process, one statement at a time). */
  releaseSecondsEmbedded: 120,
  /** 95 % of the 500 emails/s that 5 requests/s of 100 allow. */
  limitedEmailsPerSecond: 475,
  peakBytes: 2 ** 30,
} as const;

const releaseSecondsOn = (backend: string) =>
  backend.startsWith('Postgres')
    ? STORE_TARGETS.releaseSecondsPostgres
    : STORE_TARGETS.releaseSecondsEmbedded;

export type StoreTarget = { name: string; target: string; measured: string; pass: boolean };

export function storeTargets(f: StoreFigures, stepsPerOrder: number): StoreTarget[] {
  const targets: StoreTarget[] = [];
  for (const r of f.release)
    targets.push(
      {
        name: `live: ${f.steps.toLocaleString('en')} due steps released on ${r.backend}, render included`,
        target: `≤ ${releaseSecondsOn(r.backend)} s, every one sent`,
        measured: `${r.seconds.toFixed(1)} s (${Math.round(r.perSecond)}/s), ${r.emails.toLocaleString('en')} sent`,
        pass: r.emails === f.steps && r.notSent === 0 && r.seconds <= releaseSecondsOn(r.backend),
      },
      {
        name: `live: peak memory of the release (${r.backend})`,
        target: '< 1 GB',
        measured: `${Math.round(r.peakRssMb)} MB`,
        pass: r.peakRssMb * 2 ** 20 < STORE_TARGETS.peakBytes,
      },
    );
  const l = f.limited;
  if (l)
    targets.push({
      name: `live: sustained rate, fake limited to ${l.limit} requests/s (batches of 100)`,
      target: `≥ ${STORE_TARGETS.limitedEmailsPerSecond} emails/s, every one sent`,
      measured: `${Math.round(l.sustainedPerSecond)} emails/s sustained (${Math.round(l.perSecond)}/s from start to end: ${l.emails.toLocaleString('en')} in ${l.seconds.toFixed(1)} s)`,
      pass:
        l.emails === l.limitedOrders * stepsPerOrder &&
        l.notSent === 0 &&
        l.sustainedPerSecond >= STORE_TARGETS.limitedEmailsPerSecond,
    });
  return targets;
}

/** Whether every planned step of every release was accepted by the fake Resend, none skipped, deferred or failed. */
export function everySent(f: StoreFigures, stepsPerOrder: number): boolean {
  const releases = f.release.every((r) => r.emails === f.steps && r.notSent === 0);
  const l = f.limited;
  return releases && (!l || (l.emails === l.limitedOrders * stepsPerOrder && l.notSent === 0));
}
