/**
 * What Postgres can hold. A `text` or `jsonb` value refuses NUL (U+0000) and a UTF-16 surrogate without its
 * partner (`\ud800` alone): JSON allows both, JavaScript strings carry them, and the store's insert then fails
 * (`invalid input syntax for type json`) — a 500 for input that was simply bad. Every string the store keeps is
 * checked here first, so bad input is refused naming its field.
 */

/** NUL, or a high surrogate not followed by a low one, or a low one not preceded by a high one. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the character Postgres refuses.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSTORABLE_MESSAGE = 'holds a character that cannot be stored (NUL or an unpaired surrogate)';

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/**
 * The paths (`['order', 'items', 0, 'name']`) of every string in `value` — object keys included — that cannot be
 * stored. Walks iteratively, so a deeply nested value cannot overflow the stack; `limit` bounds the answer.
 */
export function unstorablePaths(value: unknown, limit = 20): PropertyKey[][] {
  const found: PropertyKey[][] = [];
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  while (stack.length > 0 && found.length < limit) {
    const next = stack.pop();
    if (!next) break;
    const current = next.value;
    if (typeof current === 'string') {
      if (!isStorableText(current)) found.push(next.path);
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--)
        stack.push({ value: current[i], path: [...next.path, i] });
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        if (!isStorableText(key)) found.push([...next.path, key]);
        else stack.push({ value: child, path: [...next.path, key] });
      }
    }
  }
  return found;
}

/** The same text with every unstorable character replaced by U+FFFD: for what we record about a refusal. */
export function storableText(value: string): string {
  return value.replace(new RegExp(UNSTORABLE.source, 'g'), '\ufffd');
}

/** A JSON-able value with every string (and key) made storable: a refused delivery is still recorded. */
export function storableJson<T>(value: T): T {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'string') return storableText(v);
    if (v !== null && typeof v === 'object' && !Array.isArray(v))
      return Object.fromEntries(Object.entries(v).map(([k, child]) => [storableText(k), child]));
    return v;
  });
  return (text === undefined ? value : JSON.parse(text)) as T;
}
