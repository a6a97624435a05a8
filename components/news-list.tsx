import { Section } from 'react-email';
import type { WinBack } from '../core/order-document';
import { useTheme } from './design';
import { Paragraph } from './paragraph';
import { Img, Link } from './primitives';
import { stylesFor, text } from './styles';
import { colors, layout, space, type } from './theme';

export type NewsListProps = Readonly<{
  news: NonNullable<WinBack['news']>;
  /** Builds each story's link (campaign parameters for links into the shop). */
  hrefFor: (url: string) => string;
}>;

/** Stories one under another: an optional 16:9 picture, the title (a link to read on) and a short body. */
export function NewsList({ news, hrefFor }: NewsListProps) {
  const themedLink = stylesFor(useTheme()).text.link;
  const imageWidth = layout.width - 2 * layout.gutter;
  const imageHeight = Math.round((imageWidth * 9) / 16);
  return (
    <Section style={styles.list} data-marketing="true">
      {news.map((story, i) => {
        const href = hrefFor(story.url);
        return (
          <Section key={`${i}-${story.title}`} style={i === 0 ? styles.first : styles.story}>
            {story.imageUrl ? (
              // The title below links too: the picture's copy of the link would only repeat the URL in the plain text.
              <Link href={href} data-skip-in-text="true">
                <Img
                  src={story.imageUrl}
                  alt={story.title}
                  width={imageWidth}
                  height={imageHeight}
                  style={styles.image}
                />
              </Link>
            ) : null}
            {/* The title is the link: one "Read more" per story would give several links the same name. */}
            <Paragraph style={styles.title}>
              <Link href={href} style={themedLink}>
                {story.title}
              </Link>
            </Paragraph>
            <Paragraph style={styles.body}>{story.body}</Paragraph>
          </Section>
        );
      })}
    </Section>
  );
}

const styles = {
  list: { margin: `0 0 ${space.md}` },
  first: { padding: `0 0 ${space.md}` },
  story: { borderTop: `1px solid ${colors.light.border}`, padding: `${space.md} 0` },
  image: {
    width: '100%',
    maxWidth: `${layout.width - 2 * layout.gutter}px`,
    height: 'auto',
    margin: `0 0 ${space.sm}`,
  },
  title: { ...type.h2, color: colors.light.text, margin: `0 0 ${space.xs}` },
  body: { ...text.body, margin: `0 0 ${space.xs}` },
} as const;
