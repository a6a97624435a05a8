import type { CSSProperties } from 'react';
import { Column, Row, Section } from 'react-email';
import { Button } from '../components/button';
import { CodeBox } from '../components/code-box';
import { themed, useTheme } from '../components/design';
import { EmailLayout } from '../components/email-layout';
import { messages } from '../components/i18n';
import { mailtoHref } from '../components/mailto';
import { Paragraph } from '../components/paragraph';
import { prepare } from '../components/prepare';
import { Link } from '../components/primitives';
import { stylesFor } from '../components/styles';
import { layout as sizes, space } from '../components/theme';
import { Title } from '../components/title';
import { defineTemplate, type TemplateProps } from '../core/template';
import { koreanOrderData } from './_samples';

export type ReferralProps = TemplateProps<'referral'>;

/** Sent weeks after the order. Marketing: give/get, the code, a share button and a prefilled email to a friend. */
export function ReferralEmail(props: ReferralProps) {
  const { doc, t, layout, theme } = prepare(referral, props);
  const styles = makeStyles(theme);
  const { text } = stylesFor(theme);
  const { shop, customer, referral: offer } = doc;
  const copy = t.referral;
  // The share link goes to friends, not back to this customer: no campaign parameters (CONTRACT.md).
  const shareHref = offer.shareUrl;
  const mailto = mailtoHref(
    copy.mailSubject(customer.firstName, shop.name, offer.giveText),
    copy.mailBody(shop.name, offer.giveText, offer.code, shareHref),
  );
  return (
    <EmailLayout {...layout}>
      <Title level={1}>{copy.title}</Title>
      <Paragraph>{copy.body(customer.firstName, shop.name, offer.giveText, offer.getText)}</Paragraph>
      <Section data-marketing="true">
        <Row style={styles.incentives}>
          <Incentive label={copy.giveLabel} value={offer.giveText} />
          {/* A gutter cell rather than padding: padding would push a stacked box past the edge. */}
          <Column className="pp-stack" width={sizes.gutter / 2} />
          <Incentive label={copy.getLabel} value={offer.getText} />
        </Row>
        <CodeBox code={offer.code} label={copy.codeLabel} hint={copy.copyHint} />
        <Section style={styles.actions}>
          <Button href={shareHref}>{copy.share}</Button>
          <Paragraph style={styles.mailto}>
            {/* The encoded mailto URL is unreadable as plain text; the share link above serves text readers. */}
            <Link href={mailto} style={text.link} data-skip-in-text="true">
              {copy.shareByEmail}
            </Link>
          </Paragraph>
        </Section>
      </Section>
    </EmailLayout>
  );
}

/** One half of the give/get pair; the two stack on narrow screens. */
function Incentive({ label, value }: Readonly<{ label: string; value: string }>) {
  const theme = useTheme();
  const styles = makeStyles(theme);
  const { text } = stylesFor(theme);
  return (
    <Column className="pp-stack" width="50%" style={styles.incentiveCell}>
      <Section style={styles.incentive}>
        <Paragraph tone="muted" style={text.label}>
          {label}
        </Paragraph>
        <Paragraph style={styles.incentiveValue}>{value}</Paragraph>
      </Section>
    </Column>
  );
}

// Marketing previews need a key for the sample's {token} unsubscribe link; a real send passes UNSUBSCRIBE_SECRET.
ReferralEmail.PreviewProps = {
  ...koreanOrderData,
  unsubscribeSecret: 'preview-secret',
} satisfies ReferralProps;
export default ReferralEmail;

export const referral = defineTemplate({
  id: 'referral',
  kind: 'marketing',
  goal: 'referral',
  sent: 'Day 28, weeks later: a code to share; the friend gets something, so does the customer.',
  requires: ['referral'],
  subject: (doc, locale, variant) =>
    messages(locale, doc.shop.copy).referral.subject[variant](doc.customer.firstName, doc.referral.giveText),
  preview: (doc, locale) =>
    messages(locale, doc.shop.copy).referral.preview(doc.referral.giveText, doc.referral.getText),
  component: ReferralEmail,
});

const makeStyles = themed((theme) => {
  const { text } = stylesFor(theme);
  return {
    incentives: { margin: `0 0 ${space.md}` },
    incentiveCell: { padding: `0 0 ${space.xs}`, verticalAlign: 'top' },
    incentive: {
      border: `1px solid ${theme.light.border}`,
      padding: `${space.sm} ${space.md}`,
    },
    incentiveValue: { ...text.h2, margin: `${space.xxs} 0 0` },
    actions: { textAlign: 'center', margin: `0 0 ${space.md}` },
    mailto: { ...text.body, margin: `${space.md} 0 0`, textAlign: 'center' },
  } satisfies Record<string, CSSProperties>;
});
