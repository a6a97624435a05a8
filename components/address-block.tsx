import type { Address } from '../core/order-document';
import { useMessages, useTheme } from './design';
import type { Locale } from './i18n';
import { Paragraph } from './paragraph';
import { stylesFor } from './styles';

export type AddressBlockProps = Readonly<{ address: Address; locale: Locale; title?: string }>;

const regionNames = new Map<Locale, Intl.DisplayNames>();

function countryName(code: string, locale: Locale): string {
  let names = regionNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region' });
    regionNames.set(locale, names);
  }
  return names.of(code) ?? code;
}

/** The address lines, one per line; empty parts (no line2, an empty region) leave no gaps. */
export function addressLines(address: Address, locale: Locale): string[] {
  const cityLine = [address.city, address.region, address.postalCode].filter(Boolean).join(' ');
  return [address.name, address.line1, address.line2, cityLine, countryName(address.country, locale)].filter(
    (line): line is string => Boolean(line?.trim()),
  );
}

export function AddressBlock({ address, locale, title }: AddressBlockProps) {
  const lines = addressLines(address, locale);
  const t = useMessages(locale);
  const { text } = stylesFor(useTheme());
  return (
    <>
      <Paragraph style={text.h2}>{title ?? t.common.shipTo}</Paragraph>
      <Paragraph>
        {lines.map((line, i) => (
          <span key={line}>
            {i > 0 ? <br /> : null}
            {line}
          </span>
        ))}
      </Paragraph>
    </>
  );
}
