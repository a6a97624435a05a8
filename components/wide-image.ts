import type { CSSProperties } from 'react';
import { layout } from './theme';

const width = layout.width - 2 * layout.gutter;

/**
 * A picture across the content column (the email's width less its two gutters) at 16:9: a news story's, an
 * instruction step's, a video's still. The width and height attributes are the column's, so a client that
 * ignores the inline style (Outlook) keeps the box; the style lets it shrink with a narrow screen.
 */
export const wideImage = {
  width,
  height: Math.round((width * 9) / 16),
  style: { width: '100%', maxWidth: `${width}px`, height: 'auto' } satisfies CSSProperties,
} as const;
