/**
 * How deep a JSON text nests, measured before it is parsed. `JSON.parse` copes with a body nested 100,000 deep,
 * but whatever walks the value afterwards recursively (`JSON.stringify` when it is recorded, a validator) runs
 * out of stack: a 500 for a body that is merely hostile. Every body we parse is a few levels deep (an order
 * document is under ten), so anything deeper than `MAX_JSON_DEPTH` is refused as bad input first.
 */

export const MAX_JSON_DEPTH = 64;

/** True when `raw` opens more than `max` arrays or objects inside one another (strings skipped, one pass). */
export function jsonNestsDeeperThan(raw: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // a backslash: the next character is escaped
      else if (code === 0x22) inString = false;
      continue;
    }
    if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth++;
      if (depth > max) return true;
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return false;
}

export const TOO_DEEP = `body: nested deeper than ${MAX_JSON_DEPTH} levels`;
