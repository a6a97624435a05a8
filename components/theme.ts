/**
 * Design tokens. Every colour, size and font stack a template uses comes from here:
 * a raw hex value or font size inside a template is a bug. Values are px strings because
 * Outlook's Word engine ignores rem/em in many places.
 */

export const colors = {
  light: {
    canvas: '#f4f4f5',
    surface: '#ffffff',
    text: '#18181b',
    muted: '#52525b',
    subtle: '#71717a',
    border: '#e4e4e7',
    accent: '#1d4ed8',
    accentText: '#ffffff',
    success: '#15803d',
    warning: '#b45309',
    codeBg: '#f4f4f5',
  },
  dark: {
    canvas: '#09090b',
    surface: '#18181b',
    text: '#fafafa',
    muted: '#d4d4d8',
    subtle: '#a1a1aa',
    border: '#3f3f46',
    accent: '#93c5fd',
    accentText: '#0b1220',
    success: '#4ade80',
    warning: '#fbbf24',
    codeBg: '#27272a',
  },
} as const;

export const fontStacks = {
  /** Latin first, then the CJK system fonts each platform ships (Apple, Windows, Android/Noto). */
  sans: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, 'Apple SD Gothic Neo', 'Malgun Gothic', 'Noto Sans KR', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans SC', sans-serif",
  mono: "'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', 'Noto Sans Mono CJK KR', monospace",
} as const;

export const space = {
  xxs: '4px',
  xs: '8px',
  sm: '12px',
  md: '16px',
  lg: '24px',
  xl: '32px',
  xxl: '48px',
} as const;

/** No radii: Outlook for Windows ignores border-radius (caniemail), so square corners look the same in every client. */

/** Container width: 600px is the width every client renders without horizontal scroll. */
export const layout = { width: 600, gutter: 24, thumb: 64, card: 168 } as const;

export const type = {
  h1: { fontSize: '24px', lineHeight: '32px', fontWeight: 700 },
  h2: { fontSize: '18px', lineHeight: '26px', fontWeight: 700 },
  h3: { fontSize: '16px', lineHeight: '24px', fontWeight: 700 },
  body: { fontSize: '16px', lineHeight: '24px', fontWeight: 400 },
  small: { fontSize: '14px', lineHeight: '20px', fontWeight: 400 },
  /** 12px is the floor: nothing smaller is legible on phones (and the quality gate checks it). */
  caption: { fontSize: '12px', lineHeight: '18px', fontWeight: 400 },
  code: { fontSize: '22px', lineHeight: '30px', fontWeight: 700 },
} as const;

/** Tap targets: WCAG 2.5.8 and Apple's HIG ask for 44px. */
/** react-email's Button sets its label's line-height to 120%: 13 + 19.2 + 13 ≈ 45px. */
export const button = { minHeight: 44, paddingX: 24, paddingY: 13 } as const;
