import type { ReactNode } from 'react';
import { Body, Column, Container, Head, Html, Preview, Row, Section } from 'react-email';
import type { Shop } from '../core/order-document';
import type { EmailKind } from '../core/template';
import { Footer } from './footer';
import type { Locale } from './i18n';
import { messages } from './i18n';
import { Img, Link } from './primitives';
import { box, font } from './styles';
import { colors, layout, space } from './theme';

export type { EmailKind };

export type EmailLayoutProps = Readonly<{
  shop: Shop;
  locale: Locale;
  /** The subject line: also the document's `<title>` (a title that differs from the subject reads as spam). */
  subject: string;
  preview: string;
  kind: EmailKind;
  /** The shop's home link, already carrying campaign parameters. */
  homeHref: string;
  /** Marketing only: the personalised unsubscribe link. */
  unsubscribeHref?: string;
  children: ReactNode;
}>;

/**
 * The shell every email shares: `<html lang dir>`, colour-scheme metadata, dark and narrow-screen
 * rules that clients without <style> support simply ignore (the inline light styles stand),
 * the hidden preheader, the logo header and the footer.
 */
export function EmailLayout({
  shop,
  locale,
  subject,
  preview,
  kind,
  homeHref,
  unsubscribeHref,
  children,
}: EmailLayoutProps) {
  const t = messages(locale);
  return (
    <Html lang={t.lang} dir={t.dir}>
      <Head>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <meta name="format-detection" content="telephone=no, date=no, address=no, email=no" />
        <title>{subject}</title>
        <style>{CSS}</style>
      </Head>
      {/* react-email's <Body> defaults to lang="en": pass it on, or a Korean email is announced as English. */}
      <Body lang={t.lang} dir={t.dir} className="pp-canvas" style={styles.body}>
        {/* The preheader only: react-email's own <title> would repeat it there, where the subject belongs. */}
        <Preview useTitleTag={false}>{preview}</Preview>
        <Container className="pp-surface pp-container" width={layout.width} style={styles.container}>
          <Section style={styles.header}>
            <Row>
              <Column>
                <Link href={homeHref} style={styles.logoLink} data-skip-in-text="true">
                  <Img
                    className={shop.logoDarkUrl ? 'pp-logo-light' : undefined}
                    src={shop.logoUrl}
                    alt={t.common.logoAlt(shop.name)}
                    width={160}
                    height={40}
                    style={styles.logo}
                  />
                  {shop.logoDarkUrl ? (
                    // Hidden until a dark-mode rule reveals it. The wrapper collapses it three ways, as
                    // react-email's preheader does: display:none, max-height:0 with overflow hidden (Gmail's
                    // mobile web view ignores display:none) and mso-hide for Outlook.
                    <div className="pp-logo-dark" style={styles.logoDarkWrap}>
                      <Img
                        src={shop.logoDarkUrl}
                        alt={t.common.logoAlt(shop.name)}
                        width={160}
                        height={40}
                        style={styles.logo}
                      />
                    </div>
                  ) : null}
                </Link>
              </Column>
            </Row>
          </Section>
          <Section style={box.section}>{children}</Section>
          <Footer shop={shop} locale={locale} kind={kind} unsubscribeHref={unsubscribeHref} />
        </Container>
      </Body>
    </Html>
  );
}

const c = colors.light;
const d = colors.dark;

/**
 * Clients that honour <style> (Apple Mail, iOS, Outlook for Mac, Gmail on the web for media
 * queries) get dark colours and stacking columns; [data-ogsc] targets Outlook.com's dark mode.
 * Everything else keeps the inline light design, which is complete on its own.
 */
const CSS = `
:root{color-scheme:light dark;supported-color-schemes:light dark}
@media (prefers-color-scheme: dark){
.pp-canvas,.pp-canvas>table>tbody>tr>td{background-color:${d.canvas}!important}
.pp-surface{background-color:${d.surface}!important}
.pp-surface,.pp-surface h1,.pp-surface h2,.pp-surface p,.pp-surface td{color:${d.text}!important}
.pp-surface .pp-muted{color:${d.muted}!important}
.pp-surface .pp-subtle{color:${d.subtle}!important}
.pp-surface a{color:${d.accent}!important}
.pp-surface a.pp-button{background-color:${d.accent}!important;color:${d.accentText}!important}
.pp-surface a.pp-button-quiet{background-color:${d.surface}!important;color:${d.accent}!important;border-color:${d.accent}!important}
.pp-surface .pp-box{background-color:${d.codeBg}!important;border-color:${d.border}!important}
.pp-surface .pp-rule{border-color:${d.border}!important}
.pp-surface .pp-logo-dark{display:block!important;max-height:none!important}
.pp-surface .pp-logo-light{display:none!important}
}
[data-ogsc] .pp-text{color:${d.text}!important}
[data-ogsc] .pp-button{background-color:${d.accent}!important;color:${d.accentText}!important}
@media only screen and (max-width:620px){
.pp-container{width:100%!important}
.pp-stack{display:block!important;width:100%!important;max-width:100%!important}
}
`
  .replace(/\n/g, '')
  .trim();

const styles = {
  body: { ...font, backgroundColor: c.canvas, margin: 0, padding: `${space.lg} 0` },
  container: {
    backgroundColor: c.surface,
    maxWidth: `${layout.width}px`,
    margin: '0 auto',
  },
  header: { padding: `${space.lg} ${space.lg} ${space.md}` },
  logoLink: { textDecoration: 'none' },
  logo: { height: '40px', width: 'auto', maxWidth: '160px', border: 0 },
  logoDarkWrap: { display: 'none', maxHeight: 0, overflow: 'hidden', msoHide: 'all' },
} as const;
