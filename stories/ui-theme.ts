import type { CSSProperties } from 'react';

/**
 * Colours and type of the preview's own interface (the frame around an email, the sequence timeline):
 * Storybook's neutral greys, never the email's tokens, so nothing here is mistaken for the design.
 */
export const ui = {
  ink: '#1f2328',
  muted: '#57606a',
  line: '#d0d7de',
  font: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, 'Noto Sans KR', 'Noto Sans SC', sans-serif",
} as const;

/** A small outlined button (the frame's tabs, the timeline's "open"). */
export const uiButton: CSSProperties = {
  font: `600 13px/20px ${ui.font}`,
  padding: '6px 12px',
  border: `1px solid ${ui.line}`,
  borderRadius: '6px',
  background: '#ffffff',
  color: ui.ink,
  cursor: 'pointer',
};
