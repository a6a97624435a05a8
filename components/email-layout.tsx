import type { ReactNode } from 'react';
import { Body, Column, Container, Head, Html, Preview, Row, Section } from 'react-email';
import type { CopyOverrides } from '../core/copy';
import type { Shop } from '../core/order-document';
import type { EmailKind } from '../core/template';
import { type Design, DesignContext, themed } from './design';
import { Footer } from './footer';
import type { Locale } from './i18n';
import { messages } from './i18n';
import { GhostTableEnd, GhostTableStart } from './outlook';
import { Img, Link } from './primitives';
import { stylesFor, wraps } from './styles';
import { layout, space, type Theme, themeFor } from './theme';

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
  /** Marketing only: the personalised link to the preference centre. */
  preferencesHref?: string;
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
  preferencesHref,
  children,
}: EmailLayoutProps) {
  const theme = themeFor(shop.brand);
  const t = messages(locale, shop.copy);
  const styles = layoutStyles(theme);
  return (
    <DesignContext value={designFor(theme, shop.copy)}>
      <Html lang={t.lang} dir={t.dir}>
        <Head>
          <meta name="color-scheme" content="light dark" />
          <meta name="supported-color-schemes" content="light dark" />
          <meta name="format-detection" content="telephone=no, date=no, address=no, email=no" />
          {theme.webFont ? (
            // Its own block: Gmail drops a <style> holding an @import, and with it every rule beside it.
            <style>{`@import url('${theme.webFont.url}');`}</style>
          ) : null}
          <title>{subject}</title>
          <style>{headCss(theme)}</style>
        </Head>
        {/* react-email's <Body> defaults to lang="en": pass it on, or a Korean email is announced as English. */}
        <Body lang={t.lang} dir={t.dir} className="pp-canvas" style={styles.body}>
          {/* The preheader only: react-email's own <title> would repeat it there, where the subject belongs. */}
          <Preview useTitleTag={false}>{preview}</Preview>
          {/* Fluid (100%, at most 600px) for every client, in a fixed 600px table for Word, which ignores max-width. */}
          <GhostTableStart width={layout.width} />
          <Container className="pp-surface pp-container" width="100%" style={styles.container}>
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
            <Section style={stylesFor(theme).box.section}>{children}</Section>
            <Footer
              shop={shop}
              locale={locale}
              kind={kind}
              unsubscribeHref={unsubscribeHref}
              preferencesHref={preferencesHref}
            />
          </Container>
          <GhostTableEnd />
        </Body>
      </Html>
    </DesignContext>
  );
}

/** One context value per theme and copy, so every block of every email of one shop sees the same object. */
const designs = new WeakMap<Theme, WeakMap<object, Design>>();
const noCopy = {};
function designFor(theme: Theme, copy: CopyOverrides | undefined): Design {
  let byCopy = designs.get(theme);
  if (byCopy === undefined) {
    byCopy = new WeakMap();
    designs.set(theme, byCopy);
  }
  const key = copy ?? noCopy;
  let design = byCopy.get(key);
  if (design === undefined) {
    design = copy === undefined ? { theme } : { theme, copy };
    byCopy.set(key, design);
  }
  return design;
}

/**
 * Clients that honour <style> (Apple Mail, iOS, Outlook for Mac, Gmail on the web for media
 * queries) get dark colours and stacking columns; [data-ogsc] targets Outlook.com's dark mode.
 * Everything else keeps the inline light design, which is complete on its own.
 */
const headCss = themed((theme: Theme) => {
  const d = theme.dark;
  return `
:root{color-scheme:light dark;supported-color-schemes:light dark}
.pp-container{overflow-wrap:anywhere}
@media (prefers-color-scheme: dark){
.pp-canvas,.pp-canvas>table>tbody>tr>td{background-color:${d.canvas}!important}
.pp-surface{background-color:${d.surface}!important}
.pp-surface,.pp-surface h1,.pp-surface h2,.pp-surface p,.pp-surface td{color:${d.text}!important}
.pp-surface .pp-muted{color:${d.muted}!important}
.pp-surface .pp-subtle{color:${d.subtle}!important}
.pp-surface a{color:${d.link}!important}
.pp-surface a.pp-button{background-color:${d.accent}!important;color:${d.accentText}!important${buttonEdge(theme)}}
.pp-surface a.pp-button-quiet{background-color:${d.surface}!important;color:${d.link}!important;border-color:${d.link}!important}
.pp-surface a.pp-bar,.pp-surface a.pp-bar span{background-color:${d.text}!important;color:${d.surface}!important}
.pp-surface .pp-star{color:${d.warning}!important}
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
}${
    theme.webFont
      ? // Only where @media is read: Outlook for Windows, which would fall back to Times New Roman
        // for a font it cannot load, ignores it and keeps the inline stack.
        `@media screen{.pp-canvas,.pp-canvas>table>tbody>tr>td{font-family:${theme.webFont.fontFamily}!important}}`
      : ''
  }
`
    .replace(/\n/g, '')
    .trim();
});

/** The dark button's edge, when its fill alone does not stand out from the dark surface. */
function buttonEdge(theme: Theme): string {
  const d = theme.dark;
  const l = theme.light;
  if (d.buttonBorder === d.accent && l.buttonBorder === l.accent) return '';
  return `;border-color:${d.buttonBorder}!important`;
}

const layoutStyles = themed(
  (theme: Theme) =>
    ({
      body: {
        ...stylesFor(theme).font,
        backgroundColor: theme.light.canvas,
        margin: 0,
        padding: `${space.lg} 0`,
      },
      container: {
        backgroundColor: theme.light.surface,
        maxWidth: `${layout.width}px`,
        margin: '0 auto',
        ...wraps,
      },
      header: { padding: `${space.lg} ${space.lg} ${space.md}` },
      logoLink: { textDecoration: 'none' },
      logo: { height: '40px', width: 'auto', maxWidth: '160px', border: 0 },
      logoDarkWrap: { display: 'none', maxHeight: 0, overflow: 'hidden', msoHide: 'all' },
    }) as const,
);
