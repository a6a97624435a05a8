import type { Order } from '../core/order-document';
import { DataTable, LabelledRows } from './data-table';
import { themed, useMessages, useTheme } from './design';
import type { Locale } from './i18n';
import { formatMoney } from './money';
import { stylesFor } from './styles';
import { space, type } from './theme';

export type TotalsProps = Readonly<{ order: Order; locale: Locale }>;

/** Subtotal, discount, shipping, tax and total; the plain text aligns them as a two-column table. */
export function Totals({ order, locale }: TotalsProps) {
  const t = useMessages(locale).common;
  const styles = totalStyles(useTheme());
  const money = (minor: number) => formatMoney(minor, order.currency, locale);
  const lines: [string, string][] = [[t.subtotal, money(order.subtotal)]];
  if (order.discount) lines.push([t.discount, `−${money(order.discount)}`]);
  lines.push([t.shipping, order.shipping === 0 ? t.freeShipping : money(order.shipping)]);
  if (order.tax) lines.push([t.tax, money(order.tax)]);
  // One plain table (not a Row per line) so the plain-text converter lays it out as aligned columns.
  return (
    <DataTable style={styles.wrap}>
      <LabelledRows rows={lines} labelStyle={styles.label} valueStyle={styles.value} alignValues="right" />
      <LabelledRows
        rows={[[t.total, money(order.total)]]}
        labelClass="pp-text"
        labelStyle={styles.totalLabel}
        valueStyle={styles.totalValue}
        alignValues="right"
      />
    </DataTable>
  );
}

const totalStyles = themed((theme) => {
  const { text } = stylesFor(theme);
  const c = theme.light;
  return {
    wrap: { margin: `0 0 ${space.lg}` },
    label: { ...text.label, padding: `${space.xxs} 0` },
    value: { ...text.value, padding: `${space.xxs} 0`, textAlign: 'right' },
    totalLabel: {
      ...type.body,
      fontWeight: 700,
      color: c.text,
      padding: `${space.xs} 0 0`,
      borderTop: `2px solid ${c.text}`,
    },
    totalValue: {
      ...type.body,
      fontWeight: 700,
      color: c.text,
      padding: `${space.xs} 0 0`,
      textAlign: 'right',
      borderTop: `2px solid ${c.text}`,
    },
  } as const;
});
