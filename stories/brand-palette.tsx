import type { CSSProperties } from 'react';
import { contrastPairs, type Palette, themeFor } from '../components/theme';
import type { Brand } from '../core/brand';
import { formatRatio } from '../core/contrast';
import { ui } from './ui-theme';

const SWATCHES: readonly (keyof Palette)[] = [
  'canvas',
  'surface',
  'codeBg',
  'text',
  'muted',
  'subtle',
  'border',
  'accent',
  'accentText',
  'buttonBorder',
  'link',
  'success',
  'warning',
];

/**
 * A brand's derived palette, light and dark, with every pair a reader depends on and its WCAG 2.2
 * contrast ratio: what `themeFor(shop.brand)` gives every block.
 */
export function BrandPalette({ name, brand }: Readonly<{ name: string; brand: Brand | undefined }>) {
  const theme = themeFor(brand);
  return (
    <section style={styles.page} aria-label={`${name} palette`}>
      <h1 style={styles.title}>{name}</h1>
      <p style={styles.note}>
        {brand ? <code>{JSON.stringify(brand)}</code> : "No shop.brand: today's colours."} Font:{' '}
        <code>{theme.webFont?.fontFamily ?? theme.fontFamily}</code>
      </p>
      {(['light', 'dark'] as const).map((mode) => (
        <div key={mode}>
          <h2 style={styles.heading}>{mode === 'light' ? 'Light' : 'Dark (derived)'}</h2>
          <ul style={styles.swatches}>
            {SWATCHES.map((key) => (
              <li key={key} style={styles.swatch}>
                <span style={{ ...styles.chip, backgroundColor: theme[mode][key] }} />
                <span>
                  {key} <code>{theme[mode][key]}</code>
                </span>
              </li>
            ))}
          </ul>
          <table style={styles.table}>
            <thead>
              <tr>
                <th style={styles.cell}>Pair</th>
                <th style={styles.cell}>Sample</th>
                <th style={styles.cell}>Ratio</th>
                <th style={styles.cell}>Needs</th>
              </tr>
            </thead>
            <tbody>
              {contrastPairs(theme[mode]).map((pair) => (
                <tr key={pair.name}>
                  <td style={styles.cell}>{pair.name}</td>
                  <td style={styles.cell}>
                    {/* A 3:1 pair is for large text and edges: shown large, as axe then judges it. */}
                    <span
                      style={{
                        ...(pair.needs < 4.5 ? styles.largeSample : styles.sample),
                        color: pair.foreground,
                        backgroundColor: pair.background,
                      }}
                    >
                      Aa 가 字
                    </span>
                  </td>
                  <td style={styles.cell}>{formatRatio(pair.ratio)}</td>
                  <td style={styles.cell}>
                    {pair.needs}:1 {pair.ratio >= pair.needs ? '✓' : '✗'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

const styles = {
  page: { font: `14px/20px ${ui.font}`, color: ui.ink, maxWidth: 760 },
  title: { fontSize: 20, margin: '0 0 4px' },
  heading: { fontSize: 16, margin: '16px 0 8px' },
  note: { color: ui.muted, margin: 0 },
  swatches: { listStyle: 'none', padding: 0, margin: 0, columns: 3 },
  swatch: { display: 'flex', gap: 8, alignItems: 'center', margin: '0 0 6px' },
  chip: { width: 28, height: 28, border: `1px solid ${ui.line}`, flex: 'none' },
  table: { borderCollapse: 'collapse', margin: '8px 0 0' },
  cell: { borderBottom: `1px solid ${ui.line}`, padding: '4px 12px 4px 0', textAlign: 'left' },
  sample: { display: 'inline-block', padding: '2px 8px', fontWeight: 600, fontSize: 16 },
  largeSample: {
    display: 'inline-block',
    padding: '2px 8px',
    fontWeight: 700,
    fontSize: 24,
    lineHeight: '32px',
  },
} satisfies Record<string, CSSProperties>;
