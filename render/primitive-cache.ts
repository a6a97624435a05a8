import { Button, Column, Container, Heading, Hr, Img, Link, Row, Section, Text } from 'react-email';
import { TextElement, type TextNode } from './plain-text-tree';

/**
 * What does not change from one order to the next: react-email's primitives are pure functions of
 * their props, and most of their props — class names, style objects built from tokens, widths —
 * are the same in every email of a template and locale. So the static renderer renders each
 * (primitive, props) pair once, with a placeholder for its children, and keeps the markup before
 * and after the children and the shape of its plain-text tree; every later email with the same
 * props writes the two strings and renders only the children.
 *
 * The key is the props' content (strings, numbers, flat style objects), so a style object built
 * fresh in every render still hits and a mutated one misses. Primitives whose props are per-order
 * data (a link's href, an image's src) stop being recorded once they prove they seldom repeat.
 */

export const MEMOIZABLE: ReadonlySet<unknown> = new Set([
  Button,
  Column,
  Container,
  Heading,
  Hr,
  Img,
  Link,
  Row,
  Section,
  Text,
]);

export type RecordedText = { nodes: TextNode[]; hole: TextElement | null };

export type Recording = {
  /** Markup up to the children. */
  prefix: string;
  /** Markup after the children. */
  suffix: string;
  /** Whether the primitive had children (and so a place for them). */
  hole: boolean;
  /** The plain-text tree of the primitive's own elements, and the element its children go into. */
  text: RecordedText;
};

/** Recorded: the primitive cannot be replayed (it inspects its children, hoists, writes text around them…). */
export const NOT_REPLAYABLE = Symbol('not replayable');

type PrimitiveCache = {
  entries: Map<string, Recording | typeof NOT_REPLAYABLE>;
  lookups: number;
  hits: number;
  /** Still worth recording new prop combinations? */
  recording: boolean;
  /** Still worth looking up at all? */
  enabled: boolean;
};

const MAX_ENTRIES = 512;
const TRIAL_LOOKUPS = 256;
const MIN_HIT_RATE = 0.25;

const caches = new Map<unknown, PrimitiveCache>();

export function cacheFor(type: unknown): PrimitiveCache {
  let cache = caches.get(type);
  if (cache === undefined) {
    cache = { entries: new Map(), lookups: 0, hits: 0, recording: true, enabled: true };
    caches.set(type, cache);
  }
  return cache;
}

/** Counts a lookup; after a trial, a primitive whose props rarely repeat is no longer cached. */
export function noteLookup(cache: PrimitiveCache, hit: boolean): void {
  cache.lookups++;
  if (hit) cache.hits++;
  if (cache.lookups === TRIAL_LOOKUPS && cache.hits / cache.lookups < MIN_HIT_RATE) {
    cache.enabled = false;
    cache.entries.clear();
  }
  if (cache.entries.size >= MAX_ENTRIES) cache.recording = false;
}

/** For tests and benchmarks: start from nothing. */
export function clearPrimitiveCache(): void {
  caches.clear();
}

/** How the cache is doing, per primitive (for the benchmark's report). */
export function primitiveCacheStats(): {
  name: string;
  entries: number;
  lookups: number;
  hits: number;
  enabled: boolean;
}[] {
  return [...caches].map(([type, cache]) => ({
    name: (type as { displayName?: string }).displayName ?? 'primitive',
    entries: cache.entries.size,
    lookups: cache.lookups,
    hits: cache.hits,
    enabled: cache.enabled,
  }));
}

/**
 * The props as a key — every prop but `children` (only whether there are any), in order, typed —
 * or null when a value cannot be keyed by content (a function, a ref, a nested object).
 */
export function propsKey(props: Record<string, unknown>, parentName: string): string | null {
  let key = parentName;
  for (const name in props) {
    if (!Object.hasOwn(props, name) || name === 'children') continue;
    const part = valueKey(props[name]);
    if (part === null) {
      if (typeof props[name] !== 'object' || props[name] === null) return null;
      const style = styleKey(props[name] as Record<string, unknown>);
      if (style === null) return null;
      key += `|${name}{${style}}`;
    } else {
      key += `|${name}${part}`;
    }
  }
  return key + (props.children == null ? '|-' : '|+');
}

function valueKey(value: unknown): string | null {
  switch (typeof value) {
    case 'string':
      return `=${value.length}:${value}`;
    case 'number':
      return `#${value}`;
    case 'boolean':
      return value ? '!t' : '!f';
    case 'undefined':
      return '~u';
    case 'object':
      return value === null ? '~n' : null;
    default:
      return null;
  }
}

function styleKey(style: Record<string, unknown>): string | null {
  if (Object.getPrototypeOf(style) !== Object.prototype) return null;
  let key = '';
  for (const name in style) {
    if (!Object.hasOwn(style, name)) continue;
    const part = valueKey(style[name]);
    if (part === null) return null;
    key += `${name}${part};`;
  }
  return key;
}

/** Copies the recorded text nodes under `parent`; returns the copy of the element the children go into. */
export function replayText(recorded: RecordedText, parent: TextElement): TextElement | null {
  const found: { hole: TextElement | null } = { hole: null };
  copyNodes(recorded.nodes, parent, recorded.hole, found);
  return found.hole;
}

function copyNodes(
  nodes: readonly TextNode[],
  into: TextElement,
  hole: TextElement | null,
  found: { hole: TextElement | null },
): void {
  for (const node of nodes) {
    if (typeof node === 'string') {
      into.children.push(node);
      continue;
    }
    const element = new TextElement(node.name, into);
    element.skip = node.skip;
    element.format = node.format;
    element.href = node.href;
    element.colspan = node.colspan;
    element.rowspan = node.rowspan;
    element.start = node.start;
    element.type = node.type;
    into.children.push(element);
    if (node === hole) found.hole = element;
    if (node.children.length > 0) copyNodes(node.children, element, hole, found);
  }
}
