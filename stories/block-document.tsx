import type { CSSProperties, ReactElement, ReactNode } from 'react';
import { render } from 'react-email';
import { DesignContext } from '../components/design';
import type { Locale } from '../components/i18n';
import { colors, fontStacks, space, themeFor } from '../components/theme';
import type { Brand } from '../core/brand';
import { toText } from '../render/plain-text';
import { chosenBrand, type View } from './globals';

/**
 * One block from `components/`, rendered by react-email as it appears in an email: inside a bare email
 * document on the email's canvas and surface, with the real layout's `<style>` block, in the toolbar's brand.
 * `isDocument`: the block is itself a whole email (`<EmailLayout>`) and is rendered as it is.
 */
export async function renderBlock(
  children: ReactElement,
  view: View,
  locale: Locale,
  isDocument: boolean,
): Promise<{ html: string; text: string }> {
  const brand = chosenBrand(view);
  const theme = themeFor(brand);
  // A block alone sees the toolbar's brand as it would inside an email of that shop.
  const html = await render(
    <DesignContext value={{ theme }}>
      {isDocument ? children : <BlockDocument locale={locale}>{children}</BlockDocument>}
    </DesignContext>,
  );
  const withShell = isDocument
    ? html
    : html
        .replace('</head>', `${await layoutStyles(brand)}</head>`)
        .replace(BLOCK_SHELL_COLOURS, (_, canvas: string) =>
          canvas === 'canvas' ? theme.light.canvas : theme.light.surface,
        );
  return { html: withShell, text: toText(withShell) };
}

/** A bare email document for showing one block on its own, on the email's canvas and surface. */
function BlockDocument({ locale, children }: { locale: Locale; children: ReactNode }) {
  return (
    <html lang={locale}>
      <head>
        <meta name="color-scheme" content="light dark" />
      </head>
      <body className="pp-canvas" style={styles.blockBody}>
        <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} border={0}>
          <tbody>
            <tr>
              <td className="pp-surface" style={styles.blockSurface}>
                {children}
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}

const layoutStylesPromises = new Map<Brand | undefined, Promise<string>>();

/**
 * The `<style>` block of the real `EmailLayout` (dark and narrow-screen rules), taken from its
 * rendered output so a block previewed alone reacts to the theme exactly as it does in an email.
 */
function layoutStyles(brand: Brand | undefined): Promise<string> {
  let promise = layoutStylesPromises.get(brand);
  promise ??= (async () => {
    const [{ EmailLayout }, { koreanOrderData }] = await Promise.all([
      import('../components/email-layout'),
      import('../emails/_samples'),
    ]);
    const html = await render(
      <EmailLayout
        shop={brand ? { ...koreanOrderData.shop, brand } : koreanOrderData.shop}
        locale="en"
        subject=""
        preview=""
        kind="transactional"
        homeHref={koreanOrderData.shop.url}
      >
        {null}
      </EmailLayout>,
    );
    return (html.match(/<style>[\s\S]*?<\/style>/g) ?? []).join('');
  })();
  layoutStylesPromises.set(brand, promise);
  return promise;
}

/** The bare shell's canvas and surface colours (styles.blockBody, styles.blockSurface), swapped for the brand's. */
const BLOCK_SHELL_COLOURS = new RegExp(
  `(?<=class="pp-(canvas|surface)" style="[^"]*background-color:)(?:${colors.light.canvas}|${colors.light.surface})`,
  'g',
);

const styles = {
  blockBody: {
    margin: 0,
    padding: `${space.lg} 0`,
    backgroundColor: colors.light.canvas,
    fontFamily: fontStacks.sans,
  },
  blockSurface: { backgroundColor: colors.light.surface, padding: space.lg },
} satisfies Record<string, CSSProperties>;
