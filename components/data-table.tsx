import type { CSSProperties, ReactNode } from 'react';
import { useTheme } from './design';
import { inked } from './styles';

export type DataTableProps = Readonly<{ className?: string; style?: CSSProperties; children: ReactNode }>;

/**
 * A plain table of label/value rows (totals, shipment facts). One table rather than a Row per line,
 * so `data-text-format="dataTable"` makes the plain-text converter align its columns.
 */
export function DataTable({ className, style, children }: DataTableProps) {
  return (
    <table
      role="presentation"
      width="100%"
      cellPadding={0}
      cellSpacing={0}
      border={0}
      className={className}
      style={style}
      data-text-format="dataTable"
    >
      <tbody>{children}</tbody>
    </table>
  );
}

export type LabelledRowsProps = Readonly<{
  rows: readonly (readonly [label: string, value: ReactNode])[];
  /** The label cells' style; its colour is the label tone's. */
  labelStyle: CSSProperties;
  /** The value cells' style; its colour is the body text's. */
  valueStyle: CSSProperties;
  /** Right-align the values (amounts). */
  alignValues?: 'right';
  /** The labels' tone: muted by default, the body's for an emphasised line such as the total. */
  labelTone?: 'muted' | 'body';
  /** @deprecated The same as `labelTone` (`pp-muted` is `muted`, `pp-text` is `body`), by the tone's class name. */
  labelClass?: 'pp-muted' | 'pp-text';
}>;

/** Label/value rows for a DataTable, each cell with its tone's dark-mode class and the matching colour. */
export function LabelledRows({
  rows,
  labelStyle,
  valueStyle,
  alignValues,
  labelTone,
  labelClass,
}: LabelledRowsProps) {
  const theme = useTheme();
  const label = inked(theme, labelTone ?? (labelClass === 'pp-text' ? 'body' : 'muted'), labelStyle);
  const value = inked(theme, 'body', valueStyle);
  return (
    <>
      {rows.map(([text, cell]) => (
        <tr key={text}>
          <td {...label}>{text}</td>
          <td align={alignValues} {...value}>
            {cell}
          </td>
        </tr>
      ))}
    </>
  );
}
