import { useTheme } from './design';
import { type Locale, messages } from './i18n';
import { formatMoney } from './money';
import { inked, stylesFor } from './styles';

export type PriceProps = Readonly<{ amount: number; compareAt?: number; currency: string; locale: Locale }>;

/** An amount as a price: the locale's word for free ("Free", "무료", "免费") when it is 0, never "₩0". */
export function priceText(amount: number, currency: string, locale: Locale): string {
  return amount === 0 ? messages(locale).common.free : formatMoney(amount, currency, locale);
}

/** A price, with the original struck through before it when the original was higher. */
export function Price({ amount, compareAt, currency, locale }: PriceProps) {
  const now = priceText(amount, currency, locale);
  const theme = useTheme();
  if (compareAt === undefined || compareAt <= amount) return <strong>{now}</strong>;
  return (
    <>
      <s {...inked(theme, 'subtle', stylesFor(theme).text.strike)}>
        {formatMoney(compareAt, currency, locale)}
      </s>
      {/* A no-break space keeps both prices on one line; Outlook ignores white-space:nowrap. */}
      {'\u00a0'}
      <strong>{now}</strong>
    </>
  );
}
