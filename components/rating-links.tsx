import { Column, Row, Section } from 'react-email';
import { themed, useMessages, useTheme } from './design';
import type { Locale } from './i18n';
import { Paragraph } from './paragraph';
import { Link } from './primitives';
import { inked, stylesFor } from './styles';
import { space, type } from './theme';

export type RatingScale = 'stars' | 'nps';

/** The ratings each scale offers: five stars, or the eleven scores of a Net Promoter question. */
export function ratingsOf(scale: RatingScale): number[] {
  return scale === 'nps' ? Array.from({ length: 11 }, (_, i) => i) : [1, 2, 3, 4, 5];
}

const PLACEHOLDER = /\{rating\}|%7Brating%7D/gi;

/**
 * `review.reviewUrl` with one rating filled in: every `{rating}` replaced, or, when the URL has
 * none, a `rating` query parameter added (before any `#fragment`, the rest of the URL untouched).
 */
export function ratingUrl(reviewUrl: string, rating: number): string {
  const filled = reviewUrl.replace(PLACEHOLDER, String(rating));
  if (filled !== reviewUrl) return filled;
  const hashAt = reviewUrl.indexOf('#');
  const base = hashAt === -1 ? reviewUrl : reviewUrl.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : reviewUrl.slice(hashAt);
  const sep = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return `${base}${sep}rating=${rating}${hash}`;
}

export type RatingLinksProps = Readonly<{
  scale: RatingScale;
  question: string;
  /** The link for one rating (already carrying campaign parameters). */
  hrefFor: (rating: number) => string;
  locale: Locale;
}>;

/**
 * One-click rating: a row of links, one per rating, so a single tap records the answer. Stars show
 * a star over its label ("4 stars"); NPS shows 0–10 with the ends labelled (and "7 out of 10" as a
 * tooltip). No aria-label: the visible text is the name, and Yahoo drops ARIA anyway. The plain text
 * lists one rating per line.
 */
export function RatingLinks({ scale, question, hrefFor, locale }: RatingLinksProps) {
  const theme = useTheme();
  const styles = makeStyles(theme);
  const t = useMessages(locale).review;
  const ratings = ratingsOf(scale);
  return (
    <Section className="pp-box" style={styles.box} data-marketing="true">
      <Paragraph style={styles.question}>{question}</Paragraph>
      <Row>
        {ratings.map((rating) => {
          const label = scale === 'nps' ? t.npsLabel(rating) : t.starLabel(rating);
          return (
            <Column key={rating} align="center" width={scale === 'nps' ? '9%' : '20%'} style={styles.cell}>
              <Link
                href={hrefFor(rating)}
                title={scale === 'nps' ? label : undefined}
                className="pp-rating"
                style={scale === 'nps' ? styles.score : styles.star}
              >
                {scale === 'stars' ? (
                  <>
                    {/* The glyph is decoration: the plain text reads "4 stars <link>". */}
                    <span data-skip-in-text="true" {...styles.glyph}>
                      ★
                    </span>
                    <br data-skip-in-text="true" />
                    {label}
                  </>
                ) : (
                  rating
                )}
              </Link>
            </Column>
          );
        })}
      </Row>
      {scale === 'nps' ? (
        <Row style={styles.ends}>
          <Column {...styles.low}>{t.npsLow}</Column>
          <Column align="right" {...styles.high}>
            {t.npsHigh}
          </Column>
        </Row>
      ) : null}
    </Section>
  );
}

const makeStyles = themed((theme) => {
  const { text } = stylesFor(theme);
  const c = theme.light;
  const link = {
    display: 'block',
    color: c.text,
    textDecoration: 'none',
    // No background of its own: it takes the box's, which dark mode darkens along with the link colour.
    border: `1px solid ${c.border}`,
    textAlign: 'center',
  } as const;
  return {
    box: {
      backgroundColor: c.codeBg,
      padding: `${space.md} ${space.md}`,
      margin: `0 0 ${space.lg}`,
    },
    question: { ...text.h2, textAlign: 'center', margin: `0 0 ${space.sm}` },
    cell: { padding: `0 ${space.xxs}` },
    star: { ...link, ...type.caption, fontWeight: 700, padding: `${space.xs} 0` },
    glyph: inked(theme, 'star', type.h1),
    // 44px tall: the tap-target floor, even when eleven cells share a phone's width.
    score: { ...link, ...type.small, fontWeight: 700, padding: `${space.sm} 0` },
    ends: { margin: `${space.xs} 0 0` },
    // Muted, not subtle: the subtle grey falls short of 4.5:1 on the box's tint.
    low: inked(theme, 'muted', { ...text.caption, padding: `0 ${space.xxs}` }),
    high: inked(theme, 'muted', { ...text.caption, padding: `0 ${space.xxs}`, textAlign: 'right' }),
  } as const;
});
