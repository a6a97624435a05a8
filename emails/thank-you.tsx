import type { CSSProperties } from 'react';
import { Button } from '../components/button';
import { Callout } from '../components/callout';
import { themed } from '../components/design';
import { EmailLayout } from '../components/email-layout';
import { messages } from '../components/i18n';
import { Paragraph } from '../components/paragraph';
import { prepare } from '../components/prepare';
import { Link } from '../components/primitives';
import { stylesFor } from '../components/styles';
import { space } from '../components/theme';
import { Title } from '../components/title';
import { customerVoice } from '../core/customer-voice';
import { defineTemplate, type TemplateProps } from '../core/template';
import { koreanOrderData } from './_samples';

export type ThankYouProps = TemplateProps;

/** Sent a few days after the order. Marketing: a thank-you, the perks of the customer's voice, a person to write to. */
export function ThankYouEmail(props: ThankYouProps) {
  const { doc, t, link, layout, theme } = prepare(thankYou, props);
  const styles = makeStyles(theme);
  const { text } = stylesFor(theme);
  const { shop, customer } = doc;
  const voice = customerVoice(doc);
  const copy = t.thankYou;
  const contact = shop.contact;
  const contactEmail = contact?.email ?? shop.supportEmail;
  return (
    <EmailLayout {...layout}>
      <Title level={1}>{copy.title[voice](customer.firstName)}</Title>
      <Paragraph>{copy.body[voice](shop.name)}</Paragraph>
      <Callout title={copy.perksTitle[voice]} marketing>
        <Paragraph>{copy.perks[voice]}</Paragraph>
        <Button href={link(shop.url)}>{copy.perksCta[voice]}</Button>
      </Callout>
      {shop.story ? (
        <Callout title={copy.storyTitle}>
          <Paragraph style={styles.story}>{shop.story}</Paragraph>
        </Callout>
      ) : null}
      {contact ? (
        <Paragraph>
          {copy.writeTo(contact.name)}{' '}
          <Link href={`mailto:${contactEmail}`} style={text.link}>
            {contactEmail}
          </Link>
        </Paragraph>
      ) : null}
      <Paragraph style={styles.signature}>
        {copy.signOff}
        <br />
        <strong>{contact ? contact.name : copy.team(shop.name)}</strong>
        {contact?.role ? (
          <>
            <br />
            {contact.role} · {shop.name}
          </>
        ) : null}
      </Paragraph>
    </EmailLayout>
  );
}

// Marketing previews need a key for the sample's {token} unsubscribe link; a real send passes UNSUBSCRIBE_SECRET.
ThankYouEmail.PreviewProps = {
  ...koreanOrderData,
  unsubscribeSecret: 'preview-secret',
} satisfies ThankYouProps;
export default ThankYouEmail;

export const thankYou = defineTemplate({
  id: 'thank-you',
  kind: 'marketing',
  goal: 'click',
  sent: 'Day 3, after the confirmation: a thank-you in the voice the customer has earned (first order, returning, VIP).',
  requires: [],
  subject: (doc, locale, variant) =>
    messages(locale, doc.shop.copy).thankYou.subject[variant][customerVoice(doc)](
      doc.customer.firstName,
      doc.shop.name,
    ),
  preview: (doc, locale) =>
    messages(locale, doc.shop.copy).thankYou.preview[customerVoice(doc)](doc.shop.name),
  component: ThankYouEmail,
});

const makeStyles = themed((theme) => {
  const { text } = stylesFor(theme);
  return {
    story: { ...text.body, fontStyle: 'italic', margin: 0 },
    signature: { ...text.body, margin: `${space.lg} 0 0` },
  } satisfies Record<string, CSSProperties>;
});
