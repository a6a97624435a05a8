import { Section } from 'react-email';
import type { WinBack } from '../core/order-document';
import { themed, useTheme } from './design';
import { Paragraph } from './paragraph';
import { Img, Link } from './primitives';
import { ruled, stylesFor } from './styles';
import { space } from './theme';
import { wideImage } from './wide-image';

export type NewsListProps = Readonly<{
  news: NonNullable<WinBack['news']>;
  /** Builds each story's link (campaign parameters for links into the shop). */
  hrefFor: (url: string) => string;
}>;

/** Stories one under another: an optional 16:9 picture, the title (a link to read on) and a short body. */
export function NewsList({ news, hrefFor }: NewsListProps) {
  const styles = makeStyles(useTheme());
  return (
    <Section style={styles.list} data-marketing="true">
      {news.map((story, i) => {
        const href = hrefFor(story.url);
        return (
          <Section key={`${i}-${story.title}`} {...(i === 0 ? styles.first : styles.story)}>
            {story.imageUrl ? (
              // The title below links too: the picture's copy of the link would only repeat the URL in the plain text.
              <Link href={href} data-skip-in-text="true">
                <Img
                  src={story.imageUrl}
                  alt={story.title}
                  width={wideImage.width}
                  height={wideImage.height}
                  style={styles.image}
                />
              </Link>
            ) : null}
            {/* The title is the link: one "Read more" per story would give several links the same name. */}
            <Paragraph style={styles.title}>
              <Link href={href} style={styles.link}>
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

const makeStyles = themed((theme) => {
  const { text } = stylesFor(theme);
  return {
    list: { margin: `0 0 ${space.md}` },
    first: { style: { padding: `0 0 ${space.md}` } },
    // Each story after the first under a rule, as the footer's.
    story: ruled(theme, { padding: `${space.md} 0` }),
    image: { ...wideImage.style, margin: `0 0 ${space.sm}` },
    title: { ...text.h2, margin: `0 0 ${space.xs}` },
    link: text.link,
    body: { ...text.body, margin: `0 0 ${space.xs}` },
  } as const;
});
