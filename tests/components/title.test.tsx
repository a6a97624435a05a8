import { render } from 'react-email';
import { describe, expect, it } from 'vitest';
import { Paragraph } from '../../components/paragraph';
import { text, tonedStyle } from '../../components/styles';
import { colors } from '../../components/theme';
import { Title } from '../../components/title';

describe('<Paragraph> and <Title>', () => {
  it('set the dark-mode class and the matching token colour together', async () => {
    const html = await render(
      <>
        <Paragraph>Body</Paragraph>
        <Paragraph tone="muted">Muted</Paragraph>
        <Paragraph tone="subtle">Subtle</Paragraph>
        <Title level={1}>One</Title>
        <Title level={3}>Three</Title>
      </>,
    );
    expect(html).toMatch(/<p class="pp-text" style="font-size:16px;[^"]*color:#18181b[^"]*">Body<\/p>/);
    expect(html).toMatch(/<p class="pp-muted" style="font-size:14px;[^"]*color:#52525b[^"]*">Muted<\/p>/);
    expect(html).toMatch(/<p class="pp-subtle" style="font-size:12px;[^"]*color:#71717a[^"]*">Subtle<\/p>/);
    expect(html).toMatch(/<h1 class="pp-text" style="[^"]*font-size:24px[^"]*">One<\/h1>/);
    expect(html).toMatch(
      /<h3 class="pp-text" style="[^"]*font-size:16px[^"]*font-weight:700[^"]*">Three<\/h3>/,
    );
  });

  it('take spacing from the caller but keep the tone’s colour, in the caller’s key order', () => {
    const adjusted = { ...text.caption, color: colors.light.accent, textAlign: 'center' } as const;
    const merged = tonedStyle(text.body, adjusted);
    expect(merged.color).toBe(colors.light.text);
    expect(merged.fontSize).toBe('12px');
    expect(Object.keys(merged)).toEqual(Object.keys(adjusted));
    expect(tonedStyle(text.body, adjusted)).toBe(merged);
    expect(tonedStyle(text.body, undefined)).toBe(text.body);
  });
});
