import {
  type AtPath,
  COPY_PLACEHOLDERS,
  type CopyKey,
  type CopyOverrides,
  fillPlaceholders,
  type MessagePath,
  messagePath,
} from '../../core/copy';
import type { Locale } from '../../core/locales';
import type { Messages } from './messages';

/**
 * A shop's copy overrides (`shop.copy`, core/copy.ts) applied to a locale's messages: each key
 * path's message becomes the shop's text, its `{placeholders}` filled from the arguments the
 * message receives.
 */

/** Every message key path of the `Messages` interface (metadata such as `lang` aside). */
type MessageKeys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string | ((...args: never[]) => string)
    ? `${Prefix}${K}`
    : MessageKeys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
type MessageKey = Exclude<MessageKeys<Messages>, 'lang' | 'dir'>;

type Arity<F> = F extends (...args: infer A) => string ? A['length'] : 0;
type SpecAt<K extends string> = K extends CopyKey
  ? AtPath<typeof import('../../core/copy').COPY_SPEC, K>
  : never;

// The table of key paths and placeholder names (core/copy.ts) must name every message of the
// interface, and nothing else, with one name per parameter: each line fails `tsc` with the keys at fault.
type Missing = Exclude<MessageKey, MessagePath<CopyKey>>;
type Extra = Exclude<MessagePath<CopyKey>, MessageKey>;
type WrongArity = {
  [K in CopyKey]: SpecAt<K> extends { length: infer N }
    ? N extends Arity<AtPath<Messages, MessagePath<K>>>
      ? never
      : K
    : K;
}[CopyKey];
const everyMessageHasAKey: [Missing] extends [never] ? true : Missing = true;
const everyKeyIsAMessage: [Extra] extends [never] ? true : Extra = true;
const placeholdersMatchParameters: [WrongArity] extends [never] ? true : WrongArity = true;
void [everyMessageHasAKey, everyKeyIsAMessage, placeholdersMatchParameters];

type Tree = Record<string, unknown>;

/** The messages with `overrides` in place of the stock texts (only the branches on the way are copied). */
export function applyOverrides(
  base: Messages,
  overrides: Readonly<Record<string, string | undefined>>,
): Messages {
  const root: Tree = { ...(base as unknown as Tree) };
  const copied = new Set<Tree>([root]);
  for (const [key, text] of Object.entries(overrides)) {
    const names = COPY_PLACEHOLDERS.get(key);
    if (names === undefined || text === undefined) continue;
    const path = messagePath(key).split('.');
    let node = root;
    for (const segment of path.slice(0, -1)) {
      let child = node[segment] as Tree;
      if (!copied.has(child)) {
        child = { ...child };
        copied.add(child);
        node[segment] = child;
      }
      node = child;
    }
    const leaf = path.at(-1) as string;
    node[leaf] =
      typeof node[leaf] === 'function' ? (...args: unknown[]) => fillPlaceholders(text, names, args) : text;
  }
  return root as unknown as Messages;
}

const applied = new WeakMap<object, Messages>();

/** The copy for `locale` with the shop's overrides for it, built once per overrides object. */
export function withCopy(base: Messages, locale: Locale, copy: CopyOverrides | undefined): Messages {
  const overrides = copy?.[locale];
  if (overrides === undefined) return base;
  let result = applied.get(overrides);
  if (result === undefined) {
    result = applyOverrides(base, overrides);
    applied.set(overrides, result);
  }
  return result;
}
