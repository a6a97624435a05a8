import { wellFormed } from './react-dom-markup';
import { TextBlockBuilder, trimCharacter } from './text-block-builder';

/**
 * The part of the document the plain text is made from: the `<body>` subtree as htmlparser2 would
 * parse it out of the rendered HTML (tag names lower-cased, text decoded, comments dropped,
 * adjacent text merged), built by the static renderer while it writes the HTML — so no parse.
 * Only the attributes the text formatters read are kept, with the values React writes.
 */
export class TextElement {
  readonly children: TextNode[] = [];
  /** `data-skip-in-text` */
  skip: string | undefined = undefined;
  /** `data-text-format` */
  format: string | undefined = undefined;
  href: string | undefined = undefined;
  colspan: string | undefined = undefined;
  rowspan: string | undefined = undefined;
  start: string | undefined = undefined;
  type: string | undefined = undefined;
  constructor(
    readonly name: string,
    readonly parent: TextElement | null,
  ) {}
}
export type TextNode = TextElement | string;

/**
 * The selectors `render/plain-text.ts` `toText()` ends up with — html-to-text's defaults,
 * then react-email's `plainTextSelectors`, then ours — resolved the way html-to-text's picker
 * resolves them (higher specificity wins, the later selector on a tie):
 * `[data-text-format="dataTable"]` > `[data-skip-in-text=true]` > tag selectors > `*` (inline).
 */
type Format =
  | {
      kind:
        | 'skip'
        | 'inline'
        | 'anchor'
        | 'struck'
        | 'dataTable'
        | 'lineBreak'
        | 'wbr'
        | 'horizontalLine'
        | 'pre';
    }
  | { kind: 'block'; leading: number; trailing: number }
  | { kind: 'heading'; leading: number; trailing: number; uppercase: boolean }
  | { kind: 'blockquote' }
  | { kind: 'list'; ordered: boolean };

const SKIP: Format = { kind: 'skip' };
const INLINE: Format = { kind: 'inline' };
const BLOCK_1: Format = { kind: 'block', leading: 1, trailing: 1 };
const BLOCK_2: Format = { kind: 'block', leading: 2, trailing: 2 };

const TAG_FORMATS = new Map<string, Format>([
  ['img', SKIP], // react-email: images never reach the text
  ['a', { kind: 'anchor' }],
  ['s', { kind: 'struck' }], // ours: "$70.00 → $58.00"
  ['h1', { kind: 'heading', leading: 3, trailing: 2, uppercase: false }], // ours
  ['h2', { kind: 'heading', leading: 3, trailing: 2, uppercase: false }], // ours
  ['h3', { kind: 'heading', leading: 3, trailing: 2, uppercase: true }],
  ['h4', { kind: 'heading', leading: 2, trailing: 2, uppercase: true }],
  ['h5', { kind: 'heading', leading: 2, trailing: 2, uppercase: true }],
  ['h6', { kind: 'heading', leading: 2, trailing: 2, uppercase: true }],
  ['p', BLOCK_2],
  ['table', BLOCK_2],
  ['td', BLOCK_1], // react-email: a cell per line
  ['th', BLOCK_1],
  ['article', BLOCK_1],
  ['aside', BLOCK_1],
  ['div', BLOCK_1],
  ['footer', BLOCK_1],
  ['form', BLOCK_1],
  ['header', BLOCK_1],
  ['main', BLOCK_1],
  ['nav', BLOCK_1],
  ['section', BLOCK_1],
  ['blockquote', { kind: 'blockquote' }],
  ['br', { kind: 'lineBreak' }],
  ['wbr', { kind: 'wbr' }],
  ['hr', { kind: 'horizontalLine' }],
  ['pre', { kind: 'pre' }],
  ['ol', { kind: 'list', ordered: true }],
  ['ul', { kind: 'list', ordered: false }],
]);

function formatOf(element: TextElement): Format {
  if (element.format === 'dataTable') return { kind: 'dataTable' };
  if (element.skip === 'true') return SKIP;
  return TAG_FORMATS.get(element.name) ?? INLINE;
}

/**
 * The plain text of a `<body>` tree: exactly `toText(html)` for the HTML the tree came from —
 * including its final `\n{3,}` → `\n\n` and trim, and the U+FFFD that React's UTF-8 round trip
 * puts in place of a lone surrogate.
 */
export function plainTextOf(body: TextElement): string {
  const builder = new TextBlockBuilder();
  walk([body], builder);
  return wellFormed(
    builder
      .toString()
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  );
}

function walk(nodes: readonly TextNode[], builder: TextBlockBuilder): void {
  for (const node of nodes) {
    if (typeof node === 'string') builder.addInline(node);
    else formatElement(node, builder);
  }
}

function formatElement(element: TextElement, builder: TextBlockBuilder): void {
  const format = formatOf(element);
  switch (format.kind) {
    case 'skip':
      return;
    case 'inline':
      walk(element.children, builder);
      return;
    case 'block':
      builder.openBlock(format.leading);
      walk(element.children, builder);
      builder.closeBlock(format.trailing);
      return;
    case 'heading':
      builder.openBlock(format.leading);
      if (format.uppercase) {
        builder.pushWordTransform(upperCase);
        walk(element.children, builder);
        builder.popWordTransform();
      } else {
        walk(element.children, builder);
      }
      builder.closeBlock(format.trailing);
      return;
    case 'anchor':
      formatAnchor(element, builder);
      return;
    case 'struck':
      walk(element.children, builder);
      builder.addInline(' →');
      return;
    case 'lineBreak':
      builder.addLineBreak();
      return;
    case 'wbr':
      // A word-break opportunity only matters when wrapping, which toPlainText turns off.
      return;
    case 'horizontalLine':
      builder.openBlock(2);
      builder.addInline('-'.repeat(40));
      builder.closeBlock(2);
      return;
    case 'pre':
      builder.openBlock(2, true);
      walk(element.children, builder);
      builder.closeBlock(2);
      return;
    case 'blockquote':
      builder.openBlock(2);
      walk(element.children, builder);
      builder.closeBlock(2, (text) =>
        trimCharacter(text, '\n')
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n'),
      );
      return;
    case 'list':
      formatList(element, builder, format.ordered);
      return;
    case 'dataTable':
      formatDataTable(element, builder);
      return;
  }
}

/** react-email's anchor options: the URL after the text, no brackets, hidden when it equals the text. */
function formatAnchor(element: TextElement, builder: TextBlockBuilder): void {
  let href = element.href ? element.href.replace(/^mailto:/, '') : '';
  if (href[0] === '#') href = '';
  if (!href) {
    walk(element.children, builder);
    return;
  }
  let text = '';
  builder.pushWordTransform((word) => {
    if (word) text += word;
    return word;
  });
  walk(element.children, builder);
  builder.popWordTransform();
  if (href !== text) builder.addInline(text ? ` ${href}` : href, true);
}

function formatList(element: TextElement, builder: TextBlockBuilder, ordered: boolean): void {
  const nested = element.parent?.name === 'li';
  let nextIndex = ordered ? Number(element.start || '1') : 0;
  const indexOf = ordered ? orderedIndexFunction(element.type) : undefined;
  const nextPrefix = () => (indexOf ? ` ${indexOf(nextIndex++)}. ` : ' * ');
  let maxPrefixLength = 0;
  const items: { node: TextNode; prefix: string }[] = [];
  for (const child of element.children) {
    if (typeof child === 'string' && /^\s*$/.test(child)) continue;
    if (typeof child === 'string' || child.name !== 'li') {
      items.push({ node: child, prefix: '' });
      continue;
    }
    const prefix = nested ? nextPrefix().trimStart() : nextPrefix();
    if (prefix.length > maxPrefixLength) maxPrefixLength = prefix.length;
    items.push({ node: child, prefix });
  }
  if (items.length === 0) return;
  builder.openList(maxPrefixLength, nested ? 1 : 2);
  for (const { node, prefix } of items) {
    builder.openListItem(prefix);
    walk([node], builder);
    builder.closeListItem();
  }
  builder.closeList(nested ? 1 : 2);
}

function orderedIndexFunction(type: string | undefined): (i: number) => string {
  switch (type) {
    case 'a':
      return (i) => letters(i, 'a');
    case 'A':
      return (i) => letters(i, 'A');
    case 'i':
      return (i) => roman(i).toLowerCase();
    case 'I':
      return (i) => roman(i);
    default:
      return (i) => i.toString();
  }
}

function letters(num: number, baseChar: string, base = 26): string {
  const digits: number[] = [];
  let n = num;
  do {
    n -= 1;
    digits.push(n % base);
    n = (n / base) >> 0;
  } while (n > 0);
  const baseCode = baseChar.charCodeAt(0);
  return digits
    .reverse()
    .map((n) => String.fromCharCode(baseCode + n))
    .join('');
}

function roman(num: number): string {
  const I = ['I', 'X', 'C', 'M'];
  const V = ['V', 'L', 'D'];
  return [...`${num}`]
    .map((n) => +n)
    .reverse()
    .map((v, i) =>
      v % 5 < 4
        ? (v < 5 ? '' : V[i]) + (I[i] as string).repeat(v % 5)
        : (I[i] as string) + (v < 5 ? V[i] : I[i + 1]),
    )
    .reverse()
    .join('');
}

/** html-to-text's `formatDataTable`: rows of cells aligned in columns three spaces apart. */
function formatDataTable(element: TextElement, builder: TextBlockBuilder): void {
  builder.openTable();
  for (const child of element.children) walkTable(child, builder);
  builder.closeTable(2, 2);
}

/** Only table structure counts here: sections and rows by tag name, cells `td`/`th`; all else is ignored. */
function walkTable(node: TextNode, builder: TextBlockBuilder): void {
  if (typeof node === 'string') return;
  switch (node.name) {
    case 'thead':
    case 'tbody':
    case 'tfoot':
    case 'center':
      for (const child of node.children) walkTable(child, builder);
      return;
    case 'tr':
      builder.openTableRow();
      for (const cell of node.children) {
        if (typeof cell === 'string') continue;
        if (cell.name === 'th') {
          builder.pushWordTransform(upperCase);
          formatCell(cell, builder);
          builder.popWordTransform();
        } else if (cell.name === 'td') {
          formatCell(cell, builder);
        }
      }
      builder.closeTableRow();
      return;
  }
}

function formatCell(cell: TextElement, builder: TextBlockBuilder): void {
  builder.openTableCell();
  walk(cell.children, builder);
  builder.closeTableCell(+(cell.colspan ?? '') || 1, +(cell.rowspan ?? '') || 1);
}

function upperCase(word: string): string {
  return word.toUpperCase();
}
