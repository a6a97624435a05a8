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
