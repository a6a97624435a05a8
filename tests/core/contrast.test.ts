import { describe, expect, it } from 'vitest';
import {
  adjustForContrast,
  blackOrWhite,
  contrastRatio,
  formatRatio,
  minContrast,
  mix,
  relativeLuminance,
} from '../../core/contrast';

describe('WCAG 2.2 contrast', () => {
  it('gives the relative luminance of the sRGB extremes and primaries', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 10);
    expect(relativeLuminance('#ff0000')).toBeCloseTo(0.2126, 4);
    expect(relativeLuminance('#00ff00')).toBeCloseTo(0.7152, 4);
    expect(relativeLuminance('#0000ff')).toBeCloseTo(0.0722, 4);
  });

  it('gives the ratios every accessibility checker agrees on', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#123456', '#123456')).toBe(1);
    // #767676 is the lightest grey that passes AA on white; #777777 just misses.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#1d4ed8', '#ffffff')).toBeCloseTo(6.7, 1);
  });

  it('prints a ratio rounded down, so a miss never reads as a pass', () => {
    expect(formatRatio(4.48)).toBe('4.4:1');
    expect(formatRatio(2.14)).toBe('2.1:1');
    expect(formatRatio(21)).toBe('21.0:1');
    expect(formatRatio(4.5)).toBe('4.5:1');
  });

  it('picks black or white, whichever contrasts more, always above 4.5:1', () => {
    expect(blackOrWhite('#ffd60a')).toBe('#000000');
    expect(blackOrWhite('#2f6b3a')).toBe('#ffffff');
    for (let v = 0; v < 256; v += 5) {
      const grey = `#${v.toString(16).padStart(2, '0').repeat(3)}`;
      expect(contrastRatio(grey, blackOrWhite(grey))).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('mixes colours channel by channel', () => {
    expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(mix('#2f6b3a', '#2f6b3a', 0.7)).toBe('#2f6b3a');
    expect(mix('#102030', '#ffffff', 0)).toBe('#102030');
  });

  it('adjusts a colour only as far as it must to reach a ratio on every background', () => {
    expect(adjustForContrast('#1d4ed8', ['#ffffff'], 4.5)).toBe('#1d4ed8');
    const link = adjustForContrast('#ffd60a', ['#ffffff', '#fbfbf6'], 4.5);
    expect(minContrast(link, ['#ffffff', '#fbfbf6'])).toBeGreaterThanOrEqual(4.5);
    // Darkened, not replaced: still a yellow-brown, not black.
    expect(link).not.toBe('#000000');
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(link.slice(i, i + 2), 16)) as [
      number,
      number,
      number,
    ];
    expect(r).toBeGreaterThan(b);
    expect(g).toBeGreaterThan(b);
    const onDark = adjustForContrast('#2f6b3a', ['#18181b'], 4.5);
    expect(contrastRatio(onDark, '#18181b')).toBeGreaterThanOrEqual(4.5);
    expect(relativeLuminance(onDark)).toBeGreaterThan(relativeLuminance('#2f6b3a'));
  });

  it('falls back to black or white when no tint of the colour reaches the ratio', () => {
    const result = adjustForContrast('#777777', ['#777777'], 4.5);
    expect(contrastRatio(result, '#777777')).toBeGreaterThanOrEqual(4.5);
  });
});
