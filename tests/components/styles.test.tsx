import { Hr, render } from 'react-email';
import { describe, expect, it } from 'vitest';
import { LabelledRows } from '../../components/data-table';
import { inked, ruled, text } from '../../components/styles';
import { colors, defaultTheme, themeFor } from '../../components/theme';
import { sampleBrands } from '../../emails/_samples/brands';

describe('inked() and ruled(): a colour class with its colour', () => {
  it('gives the ink’s class and colour, in the caller’s key order, one pair per style', () => {
    const style = { ...text.caption, padding: '0 4px' } as const;
    const pair = inked(defaultTheme, 'muted', style);
    expect(pair.className).toBe('pp-muted');
    expect(pair.style.color).toBe(colors.light.muted);
    // The caption's own colour (subtle) is replaced where it stands.
    expect(Object.keys(pair.style)).toEqual(Object.keys(style));
    expect(inked(defaultTheme, 'muted', style)).toBe(pair);
    // A style already in the ink's colour is passed on as it is.
    expect(inked(defaultTheme, 'subtle', text.caption).style).toBe(text.caption);
    expect(inked(defaultTheme, 'star', { letterSpacing: '1px' })).toEqual({
      className: 'pp-star',
      style: { letterSpacing: '1px', color: colors.light.warning },
    });
  });

  it('takes the colour from the brand’s palette', () => {
    const theme = themeFor(sampleBrands.noir);
    expect(inked(theme, 'body', {}).style.color).toBe(theme.light.text);
    expect(ruled(theme, {}).style.borderTop).toBe(`1px solid ${theme.light.border}`);
  });

  it('draws a rule in the border colour, spacing from the caller', async () => {
    const rule = ruled(defaultTheme, { margin: '24px 0' });
    expect(rule).toEqual({
      className: 'pp-rule',
      style: { borderTop: `1px solid ${colors.light.border}`, margin: '24px 0' },
    });
    const html = await render(<Hr {...rule} />);
    expect(html).toContain(`class="pp-rule"`);
    expect(html).toContain(`border-top:1px solid ${colors.light.border}`);
  });

  it('LabelledRows: each label cell in its tone, each value in the body’s, whatever colour the style held', async () => {
    const html = await render(
      <table>
        <tbody>
          <LabelledRows
            rows={[['Total', '$81.00']]}
            labelTone="body"
            labelStyle={{ ...text.label, color: colors.light.accent }}
            valueStyle={text.label}
          />
          <LabelledRows rows={[['Tax', '$0.00']]} labelStyle={text.label} valueStyle={text.value} />
          <LabelledRows
            rows={[['Ship', '$3.00']]}
            labelClass="pp-text"
            labelStyle={text.label}
            valueStyle={text.value}
          />
        </tbody>
      </table>,
    );
    expect(html).toMatch(
      new RegExp(`<td class="pp-text" style="[^"]*color:${colors.light.text}[^"]*">Total</td>`),
    );
    expect(html).toMatch(
      new RegExp(`<td class="pp-text" style="[^"]*color:${colors.light.text}[^"]*">\\$81.00</td>`),
    );
    expect(html).toMatch(
      new RegExp(`<td class="pp-muted" style="[^"]*color:${colors.light.muted}[^"]*">Tax</td>`),
    );
    expect(html).toMatch(
      new RegExp(`<td class="pp-text" style="[^"]*color:${colors.light.text}[^"]*">Ship</td>`),
    );
    expect(html).not.toContain(colors.light.accent);
  });
});
