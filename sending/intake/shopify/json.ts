/**
 * Shopify ids are 64-bit integers written as bare JSON numbers; JSON.parse rounds those above 2^53
 * (820982911946154508 becomes 820982911946154500), which would mix up orders and line items. Long integers
 * outside strings are read as strings instead, digit for digit.
 */

const LONG_INTEGER = 16;

/** JSON.parse, with every integer of 16 digits or more (outside strings) kept as a string. */
export function parseShopifyJson(raw: string): unknown {
  let out = '';
  let inString = false;
  let escaped = false;
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i] as string;
    if (inString) {
      out += ch;
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      i++;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      i++;
      continue;
    }
    if (ch === '-' || (ch >= '0' && ch <= '9')) {
      let j = i + 1;
      while (j < raw.length && /[0-9.eE+-]/.test(raw[j] as string)) j++;
      const token = raw.slice(i, j);
      out += /^-?\d+$/.test(token) && token.replace('-', '').length >= LONG_INTEGER ? `"${token}"` : token;
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return JSON.parse(out);
}
