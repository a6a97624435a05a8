import type { CSSProperties } from 'react';
import { Section } from 'react-email';
import { Button } from '../components/button';
import { CodeBox } from '../components/code-box';
import { formatDateTime } from '../components/dates';
import { EmailLayout } from '../components/email-layout';
import { messages } from '../components/i18n';
import { NewsList } from '../components/news-list';
import { Paragraph } from '../components/paragraph';
import { prepare } from '../components/prepare';
import { space } from '../components/theme';
import { Title } from '../components/title';
import { winBackVoice } from '../core/customer-voice';
import { defineTemplate, type TemplateProps } from '../core/template';
import { koreanOrderData } from './_samples';

export type WinBackProps = TemplateProps<'winBack'>;

/** The last email of the flow. Marketing: a coupon with its code and expiry, or the shop's news. */
export function WinBackEmail(props: WinBackProps) {
  const { doc, locale, t, link, layout } = prepare(winBack, props);
  const { shop, customer, winBack: offer } = doc;
  const copy = t.winBack;
  const voice = winBackVoice(doc);
  const coupon = voice === 'coupon' ? offer.coupon : undefined;
  const shopHref = link(shop.url);
  return (
    <EmailLayout {...layout}>
      <Title level={1}>{copy.title[voice](customer.firstName)}</Title>
      {coupon ? (
        <>
          <Paragraph>{copy.body.coupon(shop.name, coupon.text)}</Paragraph>
          <Section data-marketing="true">
            <CodeBox
              code={coupon.code}
              label={copy.codeLabel}
              hint={t.common.copyHint}
              {...(coupon.expiresAt
                ? { detail: copy.validUntil(formatDateTime(coupon.expiresAt, locale, customer.timeZone)) }
                : {})}
            />
            <Section style={styles.actions}>
              <Button href={shopHref}>{copy.shop}</Button>
            </Section>
          </Section>
        </>
      ) : (
        <>
          <Paragraph>{copy.body.news(shop.name)}</Paragraph>
          <NewsList news={offer.news ?? []} hrefFor={link} />
          <Paragraph>{copy.newsOutro}</Paragraph>
          <Section style={styles.actions}>
            <Button href={shopHref}>{copy.shop}</Button>
          </Section>
        </>
      )}
    </EmailLayout>
  );
}

// Marketing previews need a key for the sample's {token} unsubscribe link; a real send passes UNSUBSCRIBE_SECRET.
WinBackEmail.PreviewProps = {
  ...koreanOrderData,
  unsubscribeSecret: 'preview-secret',
} satisfies WinBackProps;
export default WinBackEmail;

export const winBack = defineTemplate({
  id: 'win-back',
  kind: 'marketing',
  goal: 'order',
  sent: 'Day 42, the end of the flow: a coupon toward a second order for first-order customers, what is new for returning ones.',
  requires: ['winBack'],
  subject: (doc, locale, variant) =>
    messages(locale, doc.shop.copy).winBack.subject[variant][winBackVoice(doc)](
      doc.customer.firstName,
      doc.shop.name,
    ),
  preview: (doc, locale) => {
    const copy = messages(locale, doc.shop.copy).winBack.preview;
    return doc.winBack.coupon && winBackVoice(doc) === 'coupon'
      ? copy.coupon(doc.shop.name, doc.winBack.coupon.text)
      : copy.news(doc.shop.name);
  },
  // Each voice needs its part: refuse rather than send a coupon email without a coupon.
  check: (doc) => {
    const voice = winBackVoice(doc);
    if (voice === 'coupon' && !doc.winBack.coupon)
      return [
        `winBack.coupon: required for a first-order customer (customer.ordersCount ${doc.customer.ordersCount} ≤ 1), who gets a coupon toward a second order`,
      ];
    if (voice === 'news' && !doc.winBack.news)
      return [
        `winBack.news: required for a returning customer (customer.ordersCount ${doc.customer.ordersCount} > 1), who gets what is new`,
      ];
    return [];
  },
  component: WinBackEmail,
});

const styles = {
  actions: { textAlign: 'center', margin: `0 0 ${space.md}` },
} satisfies Record<string, CSSProperties>;
