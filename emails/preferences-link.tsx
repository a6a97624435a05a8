import type { CSSProperties } from 'react';
import { Button } from '../components/button';
import { themed } from '../components/design';
import { EmailLayout } from '../components/email-layout';
import { messages } from '../components/i18n';
import { Paragraph } from '../components/paragraph';
import { prepare } from '../components/prepare';
import { stylesFor } from '../components/styles';
import { space } from '../components/theme';
import { Title } from '../components/title';
import { unsubscribeUrl } from '../core/links';
import { defineTemplate, type TemplateProps } from '../core/template';
import { koreanOrderData } from './_samples';

export type PreferencesLinkProps = TemplateProps<'preferences'>;

/**
 * Sent on request from `/preferences` (someone without an old email at hand asks for their link).
 * Transactional: the reader asked for it; one button to the preference centre, nothing to sell.
 */
export function PreferencesLinkEmail(props: PreferencesLinkProps) {
  const { doc, t, layout, theme } = prepare(preferencesLink, props);
  const styles = makeStyles(theme);
  const { shop, customer, preferences } = doc;
  const copy = t.preferencesLink;
  // Signed for the address it is sent to, like the unsubscribe link; never given campaign parameters.
  const href = unsubscribeUrl(preferences.url, props.recipient ?? customer.email, props.unsubscribeSecret);
  return (
    <EmailLayout {...layout}>
      <Title level={1}>{copy.title}</Title>
      <Paragraph>{copy.body(customer.firstName, shop.name)}</Paragraph>
      <Button href={href}>{copy.button}</Button>
      <Paragraph tone="muted" style={styles.note}>
        {copy.notRequested}
      </Paragraph>
    </EmailLayout>
  );
}

// The sample's {token} link needs a key for previews; the preference centre passes UNSUBSCRIBE_SECRET.
PreferencesLinkEmail.PreviewProps = {
  ...koreanOrderData,
  unsubscribeSecret: 'preview-secret',
} satisfies PreferencesLinkProps;
export default PreferencesLinkEmail;

export const preferencesLink = defineTemplate({
  id: 'preferences-link',
  kind: 'transactional',
  sent: 'On request, from the preference centre: the link to choose which emails to get. Transactional.',
  requires: ['preferences'],
  subject: (doc, locale, variant) =>
    messages(locale, doc.shop.copy).preferencesLink.subject[variant](doc.shop.name),
  preview: (doc, locale) => messages(locale, doc.shop.copy).preferencesLink.preview(doc.shop.name),
  component: PreferencesLinkEmail,
});

const makeStyles = themed((theme) => {
  const { text } = stylesFor(theme);
  return {
    note: { ...text.muted, margin: `${space.lg} 0 0` },
  } satisfies Record<string, CSSProperties>;
});
