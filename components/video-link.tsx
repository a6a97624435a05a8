import { Section } from 'react-email';
import { Button } from './button';
import { themed, useTheme } from './design';
import { Img, Link } from './primitives';
import { space, type } from './theme';
import { wideImage } from './wide-image';

export type VideoLinkProps = Readonly<{
  href: string;
  /** A still from the video; without one, a play button stands in. */
  thumbnailUrl?: string;
  /** The visible call to action, e.g. "Watch the video". */
  label: string;
  /** The thumbnail's alt text: it says what clicking does. */
  alt: string;
}>;

/**
 * A video as a link, never an embedded player (no email client plays one). With a thumbnail: the
 * still, and under it a dark bar with ▶ and the label, both one link; overlaying a play icon would
 * need background images or positioning, which Outlook and Gmail drop.
 */
export function VideoLink({ href, thumbnailUrl, label, alt }: VideoLinkProps) {
  const styles = videoStyles(useTheme());
  if (!thumbnailUrl) {
    return (
      <Section style={styles.wrap}>
        <Button href={href}>{`▶ ${label}`}</Button>
      </Section>
    );
  }
  return (
    <Section style={styles.wrap}>
      <Link href={href} data-skip-in-text="true" style={styles.imageLink}>
        <Img
          src={thumbnailUrl}
          alt={alt}
          width={wideImage.width}
          height={wideImage.height}
          style={styles.image}
        />
      </Link>
      <Link href={href} className="pp-bar" style={styles.bar}>
        <span style={styles.play}>▶</span> {label}
      </Link>
    </Section>
  );
}

const videoStyles = themed(
  ({ light: c }) =>
    ({
      wrap: { margin: `0 0 ${space.lg}` },
      imageLink: { display: 'block', textDecoration: 'none' },
      image: wideImage.style,
      bar: {
        ...type.body,
        fontWeight: 700,
        display: 'block',
        backgroundColor: c.text,
        color: c.surface,
        textDecoration: 'none',
        textAlign: 'center',
        padding: `${space.sm} ${space.md}`,
      },
      play: { color: c.surface },
    }) as const,
);
