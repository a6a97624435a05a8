import { useTheme } from './design';
import type { Locale } from './i18n';
import { formatMoney } from './money';
import { stylesFor } from './styles';

export type PriceProps = Readonly<{ amount: number; compareAt?: number; currency: string; locale: Locale }>;

/** A price, with the original struck through before it when the original was higher. */
export function Price({ amount, compareAt, currency, locale }: PriceProps) {
  const now = formatMoney(amount, currency, locale);
  const { text } = stylesFor(useTheme());
  if (compareAt === undefined || compareAt <= amount) return <strong>{now}</strong>;
  return (
    <>
      <s className="pp-subtle" style={text.strike}>
        {formatMoney(compareAt, currency, locale)}
      </s>
      {/* A no-break space keeps both prices on one line; Outlook ignores white-space:nowrap. */}
      {'\u00a0'}
      <strong>{now}</strong>
    </>
  );
}
