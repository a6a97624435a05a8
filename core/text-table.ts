/** Rows as a plain-text table for a terminal: columns padded to their widest cell, the last column left ragged. */

/** East Asian wide characters take two columns in a terminal. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w +=
      /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

/** The header row, then (with `rule`) a line of `─` under each column, then the rows. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  options: Readonly<{ rule?: boolean }> = { rule: true },
): string {
  const widths = headers.map((h, i) => Math.max(textWidth(h), ...rows.map((r) => textWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - textWidth(c))))
      .join('  ')
      .trimEnd();
  const rule = options.rule === false ? [] : [line(widths.map((w) => '─'.repeat(w)))];
  return [line(headers), ...rule, ...rows.map(line)].join('\n');
}
