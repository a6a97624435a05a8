import { Section } from 'react-email';
import type { OrderItem } from '../core/order-document';
import { Button } from './button';
import { CodeBox } from './code-box';
import { formatDateTime } from './dates';
import { themed, useMessages, useTheme } from './design';
import type { Locale } from './i18n';
import { Paragraph } from './paragraph';
import { stylesFor } from './styles';
import { space, type } from './theme';

export type AccessListProps = Readonly<{
  /** The digital items (each has `access`); others are ignored. */
  items: readonly OrderItem[];
  locale: Locale;
  /** The customer's time zone: an expiry is shown on their clock. */
  timeZone: string;
}>;

/**
 * What a digital order delivers, item by item: a button to the download or account page, the licence
 * key alone in a copyable box, and when access ends. The access URL is passed through untouched: it is
 * often signed, and a campaign parameter appended to it would break the signature.
 */
export function AccessList({ items, locale, timeZone }: AccessListProps) {
  const t = useMessages(locale);
  const styles = makeStyles(useTheme());
  return (
    <Section style={styles.list}>
      {items.map((item) => {
        const access = item.access;
        if (!access) return null;
        return (
          <Section key={item.id} className="pp-box" style={styles.item}>
            <Paragraph style={styles.name}>{item.name}</Paragraph>
            {item.variant ? (
              <Paragraph tone="muted" style={styles.label}>
                {item.variant}
              </Paragraph>
            ) : null}
            <Section style={styles.action}>
              <Button href={access.url}>{access.label ?? t.confirmation.open(item.name)}</Button>
            </Section>
            {access.licenseKey ? (
              <CodeBox code={access.licenseKey} label={t.confirmation.licenseKey} hint={t.common.copyHint} />
            ) : null}
            {access.expiresAt ? (
              <Paragraph tone="muted" style={styles.expiry}>
                {t.confirmation.accessUntil(formatDateTime(access.expiresAt, locale, timeZone))}
              </Paragraph>
            ) : null}
          </Section>
        );
      })}
    </Section>
  );
}

const makeStyles = themed((theme) => {
  const { text } = stylesFor(theme);
  const c = theme.light;
  return {
    list: { margin: `0 0 ${space.md}` },
    // The brand's border, and `pp-box` gives it the dark palette's: a default grey edge on a dark brand glared.
    item: {
      border: `1px solid ${c.border}`,
      padding: `${space.md} ${space.md} ${space.xs}`,
      margin: `0 0 ${space.sm}`,
    },
    name: { ...type.body, fontWeight: 700, color: c.text, margin: 0 },
    label: text.label,
    action: { margin: `${space.sm} 0 ${space.md}` },
    expiry: { ...text.muted, margin: `0 0 ${space.xs}` },
  } as const;
});
