/**
 * File and folder names derived from data (an order id naming its outbox folder). An order id is the shop's
 * text: `..`, `../x`, `a/b`, `con`, a NUL or 10,000 characters must never name a place outside `--out`, nor
 * fail to be written. The name keeps the id's readable characters, and when it had to change anything (or is
 * one of Windows' reserved device names) it gains a short hash of the whole id, so two ids never share a folder.
 */
import { createHash } from 'node:crypto';
import { relative, resolve, sep } from 'node:path';

/** CON, PRN, AUX, NUL, COM1–9, LPT1–9 (with any extension): device names on Windows, not files. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

const MAX_LENGTH = 80;

export function safeFileName(id: string): string {
  const readable = id
    .replace(/[^A-Za-z0-9._-]/g, '_')
    // No name of dots alone (`.`, `..`), none hidden, none ending in a dot (Windows drops it).
    .replace(/^\.+/, '_')
    .replace(/\.+$/, '_')
    .slice(0, MAX_LENGTH);
  const changed = readable !== id || RESERVED.test(readable);
  if (!changed && readable.length > 0) return readable;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 10);
  // A device name stays one with any extension (`NUL.txt`): such a name gets a prefix as well.
  return `${RESERVED.test(readable) ? '_' : ''}${readable || 'order'}-${hash}`;
}

/** `name` joined under `dir`, refused (thrown) if it would land anywhere but directly inside it. */
export function insideDirectory(dir: string, name: string): string {
  const base = resolve(dir);
  const path = resolve(base, name);
  const rel = relative(base, path);
  if (rel === '' || rel.startsWith('..') || rel.includes(sep))
    throw new Error(`${name}: not a name inside ${dir}`);
  return path;
}
