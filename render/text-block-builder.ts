/**
 * html-to-text 10's `BlockTextBuilder` (MIT, © html-to-text contributors), ported for the one
 * configuration react-email's `toPlainText` uses: `wordwrap: false`, `preserveNewlines: false`,
 * no character encoding. Without word wrap no line is ever split, so the inline builder keeps
 * each line as a string instead of an array of words; everything else — how blocks stash and
 * merge line breaks, how whitespace collapses across inline pieces, word transforms (uppercase,
 * the link-text collector), lists and data tables — follows the original step by step, because
 * the plain text must come out identical to `render/plain-text.ts` `toText()`.
 */

const WHITESPACE = ' \t\r\n\f\u200b';
const WORD = /[^ \t\r\n\f\u200b]+/g;
const ONLY_WHITESPACE = /^[ \t\r\n\f\u200b]*$/;

function isWhitespace(char: string | undefined): boolean {
  return char !== undefined && WHITESPACE.includes(char);
}

/** One line at a time; words joined by single spaces (html-to-text's `InlineTextBuilder`, never wrapping). */
class InlineText {
  lines: string[] = [];
  line = '';
  words = 0;
  stashedSpace = false;

  pushWord(word: string): void {
    this.line = this.words === 0 ? word : `${this.line} ${word}`;
    this.words++;
  }

  /** Glues a word to the previous one (no whitespace between the two pieces of text). */
  concatWord(word: string): void {
    if (this.words === 0) this.pushWord(word);
    else this.line += word;
  }

  startNewLine(n = 1): void {
    this.lines.push(this.line);
    for (let i = 1; i < n; i++) this.lines.push('');
    this.line = '';
    this.words = 0;
  }

  isEmpty(): boolean {
    return this.lines.length === 0 && this.words === 0;
  }

  clear(): void {
    this.lines.length = 0;
    this.line = '';
    this.words = 0;
  }

  toString(): string {
    return this.lines.length === 0 ? this.line : `${this.lines.join('\n')}\n${this.line}`;
  }
}

type WordTransform = (word: string) => string;

/** A block, list, list item or table cell: something that holds text. */
class TextBlock {
  readonly inline = new InlineText();
  rawText = '';
  stashedLineBreaks = 0;
  isPre: boolean;
  constructor(
    readonly next: StackItem | null,
    public leadingLineBreaks: number,
    readonly kind: 'block' | 'list' | 'item' | 'cell',
  ) {
    this.isPre = next?.isPre ?? false;
  }
  // list fields
  maxPrefixLength = 0;
  interRowLineBreaks = 1;
  prefix = '';
}

export type TableCell = {
  colspan: number;
  rowspan: number;
  text: string;
  lines?: string[];
  rendered?: boolean;
};

class TableItem {
  readonly rows: TableCell[][] = [];
  readonly isPre: boolean;
  readonly kind = 'table' as const;
  constructor(readonly next: StackItem | null) {
    this.isPre = next?.isPre ?? false;
  }
}

class TableRowItem {
  readonly cells: TableCell[] = [];
  readonly isPre: boolean;
  readonly kind = 'row' as const;
  constructor(readonly next: TableItem) {
    this.isPre = next.isPre;
  }
}

type StackItem = TextBlock | TableItem | TableRowItem;

function textOf(item: TextBlock): string {
  return item.inline.isEmpty() ? item.rawText : item.rawText + item.inline.toString();
}

function addText(item: TextBlock, text: string, leadingLineBreaks: number, trailingLineBreaks: number): void {
  const parentText = textOf(item);
  const lineBreaks = Math.max(item.stashedLineBreaks, leadingLineBreaks);
  item.inline.clear();
  if (parentText) {
    item.rawText = parentText + '\n'.repeat(lineBreaks) + text;
  } else {
    item.rawText = text;
    item.leadingLineBreaks = lineBreaks;
  }
  item.stashedLineBreaks = trailingLineBreaks;
}

export function trimCharacter(text: string, char: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === char) ++start;
  while (end > start && text[end - 1] === char) --end;
  return start > 0 || end < text.length ? text.substring(start, end) : text;
}

export class TextBlockBuilder {
  private stack: StackItem = new TextBlock(null, 1, 'block');
  private readonly root = this.stack as TextBlock;
  private transforms: WordTransform[] = [];

  pushWordTransform(transform: WordTransform): void {
    this.transforms.push(transform);
  }

  popWordTransform(): void {
    this.transforms.pop();
  }

  private holder(): TextBlock | undefined {
    const item = this.stack;
    return item.kind === 'table' || item.kind === 'row' ? undefined : item;
  }

  private transformWord(word: string): string {
    let result = word;
    // The most recently pushed transform runs first (html-to-text's `applyTransformer`).
    for (let i = this.transforms.length - 1; i >= 0; i--)
      result = (this.transforms[i] as WordTransform)(result);
    return result;
  }

  addLineBreak(): void {
    const item = this.holder();
    if (!item) return;
    if (item.isPre) item.rawText += '\n';
    else item.inline.startNewLine();
  }

  /** Adds a text node: whitespace runs collapse to one space, leading/trailing space is remembered. */
  addInline(text: string, noWordTransform = false): void {
    const item = this.holder();
    if (!item) return;
    if (item.isPre) {
      item.rawText += text;
      return;
    }
    if (text.length === 0 || (item.stashedLineBreaks && ONLY_WHITESPACE.test(text))) return;
    const inline = item.inline;
    if (item.stashedLineBreaks) inline.startNewLine(item.stashedLineBreaks);
    const transform = !noWordTransform && this.transforms.length > 0;
    const previouslyStashedSpace = inline.stashedSpace;
    WORD.lastIndex = 0;
    let match = WORD.exec(text);
    let anyMatch = false;
    if (match) {
      anyMatch = true;
      const word = transform ? this.transformWord(match[0]) : match[0];
      if (previouslyStashedSpace || isWhitespace(text[0])) inline.pushWord(word);
      else inline.concatWord(word);
      for (match = WORD.exec(text); match !== null; match = WORD.exec(text))
        inline.pushWord(transform ? this.transformWord(match[0]) : match[0]);
    }
    inline.stashedSpace = (previouslyStashedSpace && !anyMatch) || isWhitespace(text[text.length - 1]);
    item.stashedLineBreaks = 0;
  }

  openBlock(leadingLineBreaks = 1, isPre = false): void {
    const block = new TextBlock(this.stack, leadingLineBreaks, 'block');
    if (isPre) block.isPre = true;
    this.stack = block;
  }

  closeBlock(trailingLineBreaks = 1, blockTransform?: (text: string) => string): void {
    const block = this.pop() as TextBlock;
    const text = blockTransform ? blockTransform(textOf(block)) : textOf(block);
    addText(
      this.stack as TextBlock,
      text,
      block.leadingLineBreaks,
      Math.max(block.stashedLineBreaks, trailingLineBreaks),
    );
  }

  openList(maxPrefixLength: number, leadingLineBreaks: number): void {
    const list = new TextBlock(this.stack, leadingLineBreaks, 'list');
    list.maxPrefixLength = maxPrefixLength;
    list.interRowLineBreaks = 1;
    this.stack = list;
  }

  openListItem(prefix: string): void {
    const list = this.stack as TextBlock;
    const item = new TextBlock(list, list.interRowLineBreaks, 'item');
    item.prefix = prefix;
    this.stack = item;
  }

  closeListItem(): void {
    const item = this.pop() as TextBlock;
    const list = item.next as TextBlock;
    const prefixLength = Math.max(item.prefix.length, list.maxPrefixLength);
    const spacing = `\n${' '.repeat(prefixLength)}`;
    const text = item.prefix.padEnd(prefixLength) + textOf(item).replace(/\n/g, spacing);
    addText(list, text, item.leadingLineBreaks, Math.max(item.stashedLineBreaks, list.interRowLineBreaks));
  }

  closeList(trailingLineBreaks: number): void {
    const list = this.pop() as TextBlock;
    const text = textOf(list);
    if (text) addText(this.stack as TextBlock, text, list.leadingLineBreaks, trailingLineBreaks);
  }

  openTable(): void {
    this.stack = new TableItem(this.stack);
  }

  openTableRow(): void {
    this.stack = new TableRowItem(this.stack as TableItem);
  }

  openTableCell(): void {
    this.stack = new TextBlock(this.stack, 1, 'cell');
  }

  closeTableCell(colspan: number, rowspan: number): void {
    const cell = this.pop() as TextBlock;
    (cell.next as TableRowItem).cells.push({ colspan, rowspan, text: trimCharacter(textOf(cell), '\n') });
  }

  closeTableRow(): void {
    const row = this.pop() as TableRowItem;
    row.next.rows.push(row.cells);
  }

  closeTable(leadingLineBreaks = 2, trailingLineBreaks = 2): void {
    const table = this.pop() as TableItem;
    const output = tableToString(table.rows, 0, 3);
    if (output) addText(this.stack as TextBlock, output, leadingLineBreaks, trailingLineBreaks);
  }

  private pop(): StackItem {
    const item = this.stack;
    this.stack = item.next as StackItem;
    return item;
  }

  toString(): string {
    return textOf(this.root);
  }
}

// --- html-to-text's `tableToString`: cells laid out on a grid, columns padded to the widest line plus `colSpacing`.

function getRow<T>(matrix: T[][], j: number): T[] {
  let row = matrix[j];
  if (!row) {
    row = [];
    matrix[j] = row;
  }
  return row;
}

function findFirstVacantIndex(row: unknown[], x = 0): number {
  let index = x;
  while (row[index]) index++;
  return index;
}

function transposeInPlace<T>(matrix: (T | undefined)[][], maxSize: number): void {
  for (let i = 0; i < maxSize; i++) {
    const rowI = getRow(matrix, i);
    for (let j = 0; j < i; j++) {
      const rowJ = getRow(matrix, j);
      if (rowI[j] || rowJ[i]) {
        const temp = rowI[j];
        rowI[j] = rowJ[i];
        rowJ[i] = temp;
      }
    }
  }
}

function putCellIntoLayout(
  cell: TableCell,
  layout: (TableCell | undefined)[][],
  baseRow: number,
  baseCol: number,
): void {
  for (let r = 0; r < cell.rowspan; r++) {
    const layoutRow = getRow(layout, baseRow + r);
    for (let c = 0; c < cell.colspan; c++) layoutRow[baseCol + c] = cell;
  }
}

function getOrInitOffset(offsets: number[], index: number): number {
  let offset = offsets[index];
  if (offset === undefined) {
    offset = index === 0 ? 0 : 1 + getOrInitOffset(offsets, index - 1);
    offsets[index] = offset;
  }
  return offset;
}

function updateOffset(offsets: number[], base: number, span: number, value: number): void {
  offsets[base + span] = Math.max(
    getOrInitOffset(offsets, base + span),
    getOrInitOffset(offsets, base) + value,
  );
}

export function tableToString(tableRows: TableCell[][], rowSpacing: number, colSpacing: number): string {
  const layout: (TableCell | undefined)[][] = [];
  let colNumber = 0;
  const rowNumber = tableRows.length;
  const rowOffsets = [0];
  for (let j = 0; j < rowNumber; j++) {
    const layoutRow = getRow(layout, j);
    const cells = tableRows[j] as TableCell[];
    let x = 0;
    for (const cell of cells) {
      x = findFirstVacantIndex(layoutRow, x);
      putCellIntoLayout(cell, layout, j, x);
      x += cell.colspan;
      cell.lines = cell.text.split('\n');
      updateOffset(rowOffsets, j, cell.rowspan, cell.lines.length + rowSpacing);
    }
    colNumber = Math.max(layoutRow.length, colNumber);
  }

  transposeInPlace(layout, Math.max(rowNumber, colNumber));

  const outputLines: string[] = [];
  const colOffsets = [0];
  for (let x = 0; x < colNumber; x++) {
    let y = 0;
    const column = layout[x] as (TableCell | undefined)[];
    const rowsInThisColumn = Math.min(rowNumber, column.length);
    while (y < rowsInThisColumn) {
      const cell = column[y];
      if (cell) {
        if (!cell.rendered) {
          let cellWidth = 0;
          const lines = cell.lines as string[];
          for (let j = 0; j < lines.length; j++) {
            const line = lines[j] as string;
            const lineOffset = (rowOffsets[y] as number) + j;
            outputLines[lineOffset] = (outputLines[lineOffset] || '').padEnd(colOffsets[x] as number) + line;
            cellWidth = Math.max(line.length, cellWidth);
          }
          updateOffset(colOffsets, x, cell.colspan, cellWidth + colSpacing);
          cell.rendered = true;
        }
        y += cell.rowspan;
      } else {
        const lineOffset = rowOffsets[y] as number;
        outputLines[lineOffset] = outputLines[lineOffset] || '';
        y++;
      }
    }
  }
  return outputLines.join('\n');
}
