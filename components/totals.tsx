import { isAllDigital } from '../core/fulfilment';
import type { Order } from '../core/order-document';
import { DataTable, LabelledRows } from './data-table';
import { themed, useMessages, useTheme } from './design';
import type { Locale, Messages } from './i18n';
import { formatMoney } from './money';
import { priceText } from './price';
import { stylesFor } from './styles';
import { space, type } from './theme';

export type TotalsProps = Readonly<{ order: Order; locale: Locale }>;

/** Subtotal, discount, shipping, tax and total; the plain text aligns them as a two-column table. */
export function Totals({ order, locale }: TotalsProps) {
  const t = useMessages(locale).common;
  const styles = totalStyles(useTheme());
  const money = (minor: number) => formatMoney(minor, order.currency, locale);
  // A zero subtotal or total is a price, and reads as the word for free; a zero discount or tax is not shown.
  const price = (minor: number) => priceText(minor, order.currency, locale);
  const lines: [string, string][] = [[t.subtotal, price(order.subtotal)]];
  if (order.discount) lines.push([discountLabel(order, t), `−${money(order.discount)}`]);
  // Nothing ships in an all-digital order: a "Shipping: Free" line would promise a parcel.
  if (order.shipping !== 0 || !isAllDigital(order))
    lines.push([t.shipping, order.shipping === 0 ? t.freeShipping : money(order.shipping)]);
  if (order.tax) lines.push([t.tax, money(order.tax)]);
  // One plain table (not a Row per line) so the plain-text converter lays it out as aligned columns.
  return (
    <DataTable style={styles.wrap}>
      <LabelledRows rows={lines} labelStyle={styles.label} valueStyle={styles.value} alignValues="right" />
      <LabelledRows
        rows={[[t.total, price(order.total)]]}
        labelTone="body"
        labelStyle={styles.totalLabel}
        valueStyle={styles.totalValue}
        alignValues="right"
      />
    </DataTable>
  );
}

/** "Discount", or "Discount (WELCOME10, FREESHIP)" when the order names the codes the customer entered. */
function discountLabel(order: Order, t: Messages['common']): string {
  const codes = [...new Set(order.discountCodes ?? [])];
  return codes.length ? t.discountWithCodes(codes.join(', ')) : t.discount;
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
