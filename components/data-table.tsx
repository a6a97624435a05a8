import type { CSSProperties, ReactNode } from 'react';

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
  labelStyle: CSSProperties;
  valueStyle: CSSProperties;
  /** Right-align the values (amounts). */
  alignValues?: 'right';
  /** Class of the label cells: muted by default, plain text for an emphasised line such as the total. */
  labelClass?: 'pp-muted' | 'pp-text';
}>;

/** Label/value rows for a DataTable, with the dark-mode classes every such row needs. */
export function LabelledRows({
  rows,
  labelStyle,
  valueStyle,
  alignValues,
  labelClass = 'pp-muted',
}: LabelledRowsProps) {
  return (
    <>
      {rows.map(([label, value]) => (
        <tr key={label}>
          <td className={labelClass} style={labelStyle}>
            {label}
          </td>
          <td align={alignValues} className="pp-text" style={valueStyle}>
            {value}
          </td>
        </tr>
      ))}
    </>
  );
}
