import { Hr, Section } from 'react-email';
import { ADVERTISING_MARKS } from '../core/advertising';
import type { Shop } from '../core/order-document';
import type { EmailKind } from '../core/template';
import { themed, useMessages, useTheme } from './design';
import { type Locale, messages } from './i18n';
import { Paragraph } from './paragraph';
import { Link } from './primitives';
import { ruled, stylesFor } from './styles';
import { space } from './theme';

export type FooterProps = Readonly<{
  shop: Shop;
  locale: Locale;
  kind: EmailKind;
  unsubscribeHref?: string;
  /** Marketing only: the personalised link to the preference centre (`shop.preferencesUrl`). */
  preferencesHref?: string;
}>;

/**
 * Who to talk to, then the legal part. Marketing mail must show a working unsubscribe link and the
 * sender's postal address (CAN-SPAM, Gmail/Yahoo bulk-sender rules); transactional mail has neither link nor promotion.
 * In Korea and China the law also asks advertising mail to name its sender and a free way to refuse
 * in the reader's language (`수신거부`, `退订`): there those lines keep the stock words, so no
 * `shop.copy` override can word them away (docs/compliance.md).
 */
export function Footer({ shop, locale, kind, unsubscribeHref, preferencesHref }: FooterProps) {
  const theme = useTheme();
  const styles = makeStyles(theme);
  const { text } = stylesFor(theme);
  const t = useMessages(locale).common;
  const legal = ADVERTISING_MARKS[locale] === undefined ? t : messages(locale).common;
  return (
    <Section style={styles.footer}>
      <Hr {...styles.rule} />
      <Paragraph tone="muted">
        {t.questions} {t.emailLabel}{' '}
        <Link href={`mailto:${shop.supportEmail}`} style={text.link}>
          {shop.supportEmail}
        </Link>
        {shop.supportPhone ? (
          <>
            {' · '}
            {t.phoneLabel} {shop.supportPhone}
          </>
        ) : null}
      </Paragraph>
      {shop.contact ? (
        <Paragraph tone="muted">{t.contactPerson(shop.contact.name, shop.contact.role)}</Paragraph>
      ) : null}
      {kind === 'marketing' && shop.social?.length ? (
        <Paragraph tone="muted">
          {t.followUs}:{' '}
          {shop.social.map((s, i) => (
            <span key={s.url}>
              {i > 0 ? ' · ' : null}
              <Link href={s.url} style={text.link}>
                {networkName(s.network)}
              </Link>
            </span>
          ))}
        </Paragraph>
      ) : null}
      <Paragraph tone="subtle">
        {kind === 'marketing' ? t.whyReceived(shop.name) : t.transactionalNote(shop.name)}
      </Paragraph>
      <Paragraph tone="subtle">
        {kind === 'marketing' ? legal.sender(shop.name, shop.address) : `${shop.name} · ${shop.address}`}
      </Paragraph>
      {kind === 'marketing' && unsubscribeHref ? (
        <Paragraph tone="subtle" style={{ ...text.caption, marginTop: space.xs }}>
          {/* A full-width colon (Chinese) needs no space after it. */}
          {legal.refusal}
          {legal.refusal.endsWith('：') ? null : ' '}
          <Link href={unsubscribeHref} data-unsubscribe="true" style={text.link}>
            {legal.unsubscribe}
          </Link>
          {preferencesHref ? (
            <>
              {' · '}
              <Link href={preferencesHref} data-preferences="true" style={text.link}>
                {legal.preferences}
              </Link>
            </>
          ) : null}
        </Paragraph>
      ) : null}
    </Section>
  );
}

/** Brand spellings for the networks shops list most; anything else is capitalised as given. */
const NETWORK_NAMES: Record<string, string> = {
  youtube: 'YouTube',
  tiktok: 'TikTok',
  linkedin: 'LinkedIn',
  wechat: 'WeChat',
  kakaotalk: 'KakaoTalk',
  x: 'X',
  twitter: 'X',
  weibo: 'Weibo',
  xiaohongshu: '小红书',
};

function networkName(network: string): string {
  return NETWORK_NAMES[network.toLowerCase()] ?? network.charAt(0).toUpperCase() + network.slice(1);
}

const makeStyles = themed(
  (theme) =>
    ({
      footer: { padding: `0 ${space.lg} ${space.lg}` },
      rule: ruled(theme, { margin: `${space.lg} 0 ${space.md}` }),
    }) as const,
);
