import { Column, Row, Section, Text } from 'react-email';
import type { ShipmentStatus } from '../core/order-document';
import { themed, useMessages, useTheme } from './design';
import type { Locale } from './i18n';
import { inked } from './styles';
import { space, type } from './theme';

export type ShipmentProgressProps = Readonly<{ status: ShipmentStatus; locale: Locale }>;

/** Where each status sits on the ordered → shipped → out for delivery → delivered track. */
const position: Record<ShipmentStatus, number> = {
  shipped: 1,
  delayed: 1,
  out_for_delivery: 2,
  delivered: 3,
};

/** Four labelled steps; done steps carry a check, the current one is bold (and amber when delayed). */
export function ShipmentProgress({ status, locale }: ShipmentProgressProps) {
  const t = useMessages(locale).progress;
  const theme = useTheme();
  const c = theme.light;
  const styles = progressStyles(theme);
  const labels = [t.ordered, t.shipped, t.outForDelivery, t.delivered];
  const at = position[status];
  return (
    <Section style={styles.wrap}>
      <Row>
        {labels.map((label, i) => {
          const done = i <= at;
          const current = i === at;
          const tone = current && status === 'delayed' ? c.warning : done ? c.success : c.subtle;
          return (
            <Column
              key={label}
              align="center"
              width="25%"
              style={{ ...styles.cell, borderTop: `4px solid ${tone}` }}
            >
              <Text
                {...(current ? styles.current : done ? styles.done : styles.upcoming)}
                aria-current={current ? 'step' : undefined}
              >
                {done ? `✓ ${label}` : label}
              </Text>
            </Column>
          );
        })}
      </Row>
    </Section>
  );
}

const progressStyles = themed((theme) => {
  const label = { ...type.caption, color: theme.light.text, margin: 0, textAlign: 'center' } as const;
  return {
    wrap: { margin: `0 0 ${space.lg}` },
    cell: { padding: `${space.xs} ${space.xxs} 0` },
    // Steps to come are in the subtle tone, light and dark alike, like their grey bar.
    done: inked(theme, 'body', { ...label, fontWeight: 400 }),
    current: inked(theme, 'body', { ...label, fontWeight: 700 }),
    upcoming: inked(theme, 'subtle', { ...label, fontWeight: 400 }),
  } as const;
});
