import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by vitest.full.config.ts (`npm run test:full`): every matrix at full size. */
    full: boolean;
  }
}

/** `npm run test:full` (every case of every matrix) rather than `npm test` (a representative case of each). */
export const FULL: boolean = inject('full') === true;

/**
 * A test matrix: every case under `npm run test:full`; under `npm test`, the cases `pick` chooses
 * (one representative of each kind), so the quick suite still fails where the full one would start to.
 */
export function matrix<T>(all: readonly T[], pick: (all: readonly T[]) => readonly T[]): readonly T[] {
  return FULL ? all : pick(all);
}

/** One case per group (by `key`), rotating through each group's cases so that the picks differ. */
export function onePer<T>(key: (item: T) => string): (all: readonly T[]) => readonly T[] {
  return (all) => {
    const groups = new Map<string, T[]>();
    for (const item of all) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
    return [...groups.values()].map((group, i) => group[(i * 7) % group.length] as T);
  };
}
