import type { Rating } from '../core/order-document';
import { themed, useMessages, useTheme } from './design';
import type { Locale } from './i18n';
import { Paragraph } from './paragraph';
import { inked } from './styles';
import { space, type } from './theme';

export type StarRatingProps = Readonly<{ rating: Rating; locale: Locale }>;

const averages = new Map<Locale, Intl.NumberFormat>();

/** 4.7 → "4.7" in the reader's digits, always one decimal (4 → "4.0"), so averages line up across cards. */
export function formatAverage(average: number, locale: Locale): string {
  let format = averages.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    averages.set(locale, format);
  }
  return format.format(average);
}

/** Five glyphs, the average rounded to the nearest whole star: half-star glyphs are missing from many fonts. */
export function starGlyphs(average: number): string {
  const full = Math.min(5, Math.max(0, Math.round(average)));
  return '★'.repeat(full) + '☆'.repeat(5 - full);
}

/**
 * Other customers' rating as stars, then its words ("4.7 out of 5, 132 reviews"). The stars are text
 * glyphs in a table cell's inline style (no images, no CSS a client drops) and hidden from screen readers
 * and the plain text, which read the words instead; the words are visible too, since Yahoo drops ARIA.
 */
export function StarRating({ rating, locale }: StarRatingProps) {
  const styles = makeStyles(useTheme());
  const words = useMessages(locale).common.ratingText(formatAverage(rating.average, locale), rating.count);
  return (
    <Paragraph style={styles.line}>
      <span aria-hidden="true" data-skip-in-text="true" {...styles.stars}>
        {starGlyphs(rating.average)}
      </span>{' '}
      <span {...styles.words}>{words}</span>
    </Paragraph>
  );
}

const makeStyles = themed((theme) => {
  const c = theme.light;
  return {
    line: { ...type.small, margin: `0 0 ${space.xs}`, textAlign: 'center' },
    // The brand's warning colour, already adjusted to 4.5:1 on its surface (components/theme.ts).
    stars: inked(theme, 'star', { color: c.warning, letterSpacing: '1px' }),
    words: inked(theme, 'muted', type.caption),
  } as const;
});
