import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';

/**
 * DOM equivalence of two HTML documents: the same elements, attributes (style declaration by
 * declaration) and text, after only the normalisations named here. The static renderer is held to
 * it against react-email's render() (tests/render/fast-render.test.ts), and so is the Preact alternative
 * in the benchmark (bench/preact.ts).
 */

export const NORMALISATIONS = {
  reactMarkers:
    'React’s streaming bookkeeping comments — `<!--$-->`/`<!--/$-->` (the Suspense boundary react-email wraps ' +
    'every email in), `<!--html-->`/`<!--head-->`/`<!--body-->` (where the hoisted preamble stood) and `<!-- -->` ' +
    '(between adjacent text nodes) — are dropped: they carry no content and no client reads them. Every other ' +
    'comment (Outlook’s `<!--[if mso]>` blocks) is compared exactly.',
  adjacentText:
    'Text nodes that only those markers separated are joined into one, as a browser would show them.',
  zeroUnits:
    'Only where asked (other renderers than React): `0px` in a style declaration is read as `0`, which is what it means.',
  imagePreloads:
    'Only for @react-email/components (render 2.0.6): React’s `<link rel="preload" as="image">` hints in <head> ' +
    'are dropped; react-email 6 (render 2.3) strips them itself (react-email issue #3034), email clients ignore them.',
} as const;

const REACT_MARKERS = new Set(['$', '/$', 'html', 'head', 'body', ' ']);

export type Normalise = {
  /** Drop React's image preload `<link>`s (see NORMALISATIONS.imagePreloads). */
  imagePreloads?: boolean;
  /** Read a zero length with or without its unit as the same value (`0` and `0px`). */
  zeroUnits?: boolean;
};

function isElement(node: ChildNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function normalisedChildren(nodes: readonly ChildNode[], options: Normalise): ChildNode[] {
  const result: ChildNode[] = [];
  for (const node of nodes) {
    if (node.type === 'comment' && REACT_MARKERS.has(node.data)) continue;
    if (
      options.imagePreloads &&
      isElement(node) &&
      node.name === 'link' &&
      node.attribs.rel === 'preload' &&
      node.attribs.as === 'image'
    )
      continue;
    const last = result[result.length - 1];
    if (node.type === 'text' && last?.type === 'text') {
      result[result.length - 1] = { ...last, data: last.data + node.data } as ChildNode;
      continue;
    }
    result.push(node);
  }
  return result;
}

/** `a:b;c:d` → [['a','b'],['c','d']], splitting only on `;` outside quotes and parentheses. */
function declarations(style: string, options: Normalise = {}): [string, string][] {
  const result: [string, string][] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i <= style.length; i++) {
    const char = style[i];
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if ((char === ';' || char === undefined) && depth === 0) {
      const declaration = style.slice(start, i);
      start = i + 1;
      if (!declaration.trim()) continue;
      const colon = declaration.indexOf(':');
      const value = declaration.slice(colon + 1).trim();
      result.push([
        declaration.slice(0, colon).trim(),
        options.zeroUnits ? value.replace(/(^|[\s(,])0px\b/g, '$10') : value,
      ]);
    }
  }
  return result;
}

function describeNode(node: ChildNode): string {
  if (isElement(node)) return `<${node.name}>`;
  if (node.type === 'text') return `text ${JSON.stringify(node.data.slice(0, 60))}`;
  if (node.type === 'comment') return `comment ${JSON.stringify(node.data.slice(0, 60))}`;
  return node.type;
}

/** The first difference between two DOM trees, as a path and a reason; null when they are the same. */
function domDifference(
  expected: readonly ChildNode[],
  actual: readonly ChildNode[],
  options: Normalise,
  path = '',
): string | null {
  const a = normalisedChildren(expected, options);
  const b = normalisedChildren(actual, options);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    const here = `${path}/${i}`;
    if (!x || !y)
      return `${here}: ${x ? describeNode(x) : 'nothing'} expected, ${y ? describeNode(y) : 'nothing'} found`;
    if (x.type !== y.type) return `${here}: ${describeNode(x)} expected, ${describeNode(y)} found`;
    if (isElement(x) && isElement(y)) {
      const where = `${path}/${x.name}[${i}]`;
      if (x.name !== y.name) return `${where}: <${x.name}> expected, <${y.name}> found`;
      const names = new Set([...Object.keys(x.attribs), ...Object.keys(y.attribs)]);
      for (const name of names) {
        const u = x.attribs[name];
        const v = y.attribs[name];
        if (name === 'style' && u !== undefined && v !== undefined) {
          if (JSON.stringify(declarations(u, options)) !== JSON.stringify(declarations(v, options)))
            return `${where} style: ${JSON.stringify(u)} expected, ${JSON.stringify(v)} found`;
        } else if (u !== v)
          return `${where} @${name}: ${JSON.stringify(u)} expected, ${JSON.stringify(v)} found`;
      }
      const inner = domDifference(x.children, y.children, options, where);
      if (inner) return inner;
    } else if ('data' in x && 'data' in y && x.data !== y.data) {
      return `${here}: ${describeNode(x)} expected, ${describeNode(y)} found`;
    }
  }
  return null;
}

export function sameDom(expected: string, actual: string, options: Normalise = {}): string | null {
  return domDifference(parseDocument(expected).children, parseDocument(actual).children, options);
}
