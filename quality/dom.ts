/**
 * A static view of an email's HTML for the checks that need no browser: the parsed tree with
 * source offsets, and a short, human-readable way to say where an element is.
 */
import { DomUtils, parseDocument } from 'htmlparser2';

export type ParsedHtml = ReturnType<typeof parseDocument>;
export type HtmlElement = Parameters<typeof DomUtils.getAttributeValue>[0];
type AnyNode = Parameters<typeof DomUtils.isTag>[0];

export function parseHtml(html: string): ParsedHtml {
  // lowerCaseAttributeNames: React writes cellPadding; HTML attribute names are case-insensitive.
  return parseDocument(html, { withStartIndices: true, withEndIndices: true, lowerCaseAttributeNames: true });
}

export function elements(root: ParsedHtml | HtmlElement): HtmlElement[] {
  return DomUtils.findAll(() => true, root);
}

/** The 1-based line and column of a 0-based offset. */
export function lineColumn(html: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = html.indexOf('\n'); i !== -1 && i < offset; i = html.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The 0-based offset of a 1-based line and column. */
export function offsetOf(html: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l += 1) {
    const next = html.indexOf('\n', offset);
    if (next === -1) break;
    offset = next + 1;
  }
  return offset + column - 1;
}

/**
 * A lookup of the element whose start tag begins at an offset, or else the innermost element containing it: the
 * document's elements listed once, each offset's answer kept (caniemail reports hundreds of uses per email, many at
 * the same place).
 */
export function elementsAt(doc: ParsedHtml): (offset: number) => HtmlElement | undefined {
  const all = elements(doc);
  const found = new Map<number, HtmlElement | undefined>();
  return (offset) => {
    if (found.has(offset)) return found.get(offset);
    let best: HtmlElement | undefined;
    for (const el of all) {
      if (el.startIndex === offset) {
        best = el;
        break;
      }
      if (el.startIndex !== null && el.endIndex !== null && el.startIndex <= offset && offset <= el.endIndex)
        best = el;
    }
    found.set(offset, best);
    return best;
  };
}

/** `td.pp-muted` for one element. */
function segment(el: HtmlElement): string {
  const classes = (el.attribs.class ?? '').split(/\s+/).filter(Boolean);
  return el.name + classes.map((c) => `.${c}`).join('');
}

/** The attribute that best tells a person which element this is. */
function identity(el: HtmlElement): string {
  for (const name of ['id', 'href', 'src', 'alt', 'data-marketing', 'data-unsubscribe', 'role']) {
    const value = el.attribs[name];
    if (value !== undefined) return `[${name}="${value.length > 60 ? `${value.slice(0, 57)}…` : value}"]`;
  }
  return '';
}

/** The text an element shows, trimmed to a short quote. */
export function quote(el: HtmlElement, max = 40): string {
  const text = DomUtils.textContent(el).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A short selector a person can find in the HTML: the last few ancestors with their classes and
 * the element's identifying attribute, e.g. `table.pp-box > tbody > tr > td.pp-muted > a[href="mailto:…"]`.
 */
export function describe(el: HtmlElement, depth = 4): string {
  const parts: string[] = [];
  let node: HtmlElement | null = el;
  while (node && parts.length < depth) {
    parts.unshift(segment(node));
    const parent: unknown = node.parent;
    node = parent && DomUtils.isTag(parent as AnyNode) ? (parent as HtmlElement) : null;
  }
  const text = quote(el, 30);
  return `${node ? '… > ' : ''}${parts.join(' > ')}${identity(el)}${text && !identity(el) ? ` ("${text}")` : ''}`;
}

/** Where an element is, as a finding's `where`, `line` and `column`. */
export function locate(html: string, el: HtmlElement): { where: string; line?: number; column?: number } {
  if (el.startIndex === null) return { where: describe(el) };
  return { where: describe(el), ...lineColumn(html, el.startIndex) };
}

/** Inline `style` as a map of lower-case property names to values (last one wins, like the cascade). */
export function inlineStyle(el: HtmlElement): Map<string, string> {
  const map = new Map<string, string>();
  for (const declaration of (el.attribs.style ?? '').split(';')) {
    const colon = declaration.indexOf(':');
    if (colon <= 0) continue;
    map.set(declaration.slice(0, colon).trim().toLowerCase(), declaration.slice(colon + 1).trim());
  }
  return map;
}

/** Hidden from every reader: it or an ancestor has `display:none`, the `hidden` attribute or `aria-hidden`. */
export function isHidden(el: HtmlElement): boolean {
  for (let node: HtmlElement | null = el; node; ) {
    const display = inlineStyle(node).get('display');
    if (display?.replace(/\s*!important$/, '') === 'none' || node.attribs.hidden !== undefined) return true;
    if (node.attribs['aria-hidden'] === 'true') return true;
    const parent: unknown = node.parent;
    node = parent && DomUtils.isTag(parent as AnyNode) ? (parent as HtmlElement) : null;
  }
  return false;
}

/** The document's visible text: no `<head>`, no hidden elements (the preheader), whitespace collapsed. */
export function visibleText(doc: ParsedHtml): string {
  const out: string[] = [];
  const walk = (nodes: AnyNode[]) => {
    for (const node of nodes) {
      if (DomUtils.isTag(node)) {
        if (['head', 'style', 'script', 'title'].includes(node.name) || isHiddenSelf(node)) continue;
        if (node.name === 'br') out.push('\n');
        walk(node.children as AnyNode[]);
        if (['p', 'div', 'td', 'tr', 'h1', 'h2', 'h3', 'li', 'table'].includes(node.name)) out.push('\n');
      } else if (DomUtils.isText(node)) out.push(node.data);
    }
  };
  walk(doc.children as AnyNode[]);
  // htmlparser2 has decoded the entities already; a no-break space reads as a space.
  return out
    .join('')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

function isHiddenSelf(el: HtmlElement): boolean {
  const display = inlineStyle(el).get('display');
  return display?.replace(/\s*!important$/, '') === 'none' || el.attribs.hidden !== undefined;
}
