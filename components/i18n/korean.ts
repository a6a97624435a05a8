import { josa } from 'es-hangul';

/** The particles our Korean copy puts after a name (es-hangul's spellings: with a final consonant / without). */
export type Particle = '이/가' | '을/를' | '은/는' | '와/과' | '으로/로';

/** A name ends in a Hangul syllable: only then does its sound choose the particle (`한옥상회가`, `한옥이`). */
export function endsInHangul(word: string): boolean {
  return /[\uAC00-\uD7A3]$/.test(word.trim());
}

/**
 * One of two wordings, by the name it holds. A Hangul name takes its particle from es-hangul's `josa`
 * (chosen by the final consonant); a name in Latin letters, digits or Hanzi cannot be read for one
 * (`Hanok Goods` is said 굿즈, `Tea Set` 셋), so the sentence is worded to need none — the name
 * before `에`, `에서`, `의` or a noun that carries the particle itself.
 */
export function byName(
  word: string,
  particle: Particle,
  withParticle: (named: string) => string,
  withoutParticle: (name: string) => string,
): string {
  return endsInHangul(word) ? withParticle(josa(word, particle)) : withoutParticle(word);
}
