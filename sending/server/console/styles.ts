/**
 * The console's stylesheet, built from the design tokens (components/theme.ts): the same palette, spacing and
 * type as the emails, light and dark by the reader's setting. No second design system; no script.
 */
import { colors, fontStacks, space, type } from '../../../components/theme';

type Scheme = (typeof colors)['light'] | (typeof colors)['dark'];

const vars = (c: Scheme) => `
  --canvas: ${c.canvas}; --surface: ${c.surface}; --text: ${c.text}; --muted: ${c.muted};
  --border: ${c.border}; --accent: ${c.accent}; --accent-text: ${c.accentText}; --success: ${c.success};
  --warning: ${c.warning}; --box: ${c.codeBg};`;

const px = (t: { fontSize: string; lineHeight: string; fontWeight: number }) =>
  `font-size: ${t.fontSize}; line-height: ${t.lineHeight}; font-weight: ${t.fontWeight};`;

export const CONSOLE_CSS = `
:root { color-scheme: light dark; ${vars(colors.light)} }
@media (prefers-color-scheme: dark) { :root { ${vars(colors.dark)} } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--canvas); color: var(--text); font-family: ${fontStacks.sans}; ${px(type.body)} }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible,
summary:focus-visible, iframe:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: ${space.md}; top: ${space.md}; background: var(--surface); padding: ${space.xs}; z-index: 1; }
header.top { background: var(--surface); border-bottom: 1px solid var(--border); padding: ${space.sm} ${space.lg};
  display: flex; flex-wrap: wrap; gap: ${space.md}; align-items: center; justify-content: space-between; }
header.top .brand { ${px(type.h3)} color: var(--text); text-decoration: none; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: ${space.md}; margin: 0; padding: 0; }
nav a[aria-current="page"] { font-weight: 700; color: var(--text); }
main { max-width: 1200px; margin: 0 auto; padding: ${space.lg}; }
h1 { ${px(type.h1)} margin: 0 0 ${space.md}; }
h2 { ${px(type.h2)} margin: ${space.xl} 0 ${space.sm}; }
h3 { ${px(type.h3)} margin: ${space.lg} 0 ${space.xs}; }
p { margin: 0 0 ${space.sm}; }
.muted { color: var(--muted); }
section.card { background: var(--surface); border: 1px solid var(--border); padding: ${space.md} ${space.lg}; margin: 0 0 ${space.lg}; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: ${space.md}; }
table { border-collapse: collapse; width: 100%; ${px(type.small)} }
caption { text-align: left; font-weight: 700; padding: ${space.xs} 0; }
th, td { text-align: left; vertical-align: top; padding: ${space.xs}; border-bottom: 1px solid var(--border); }
th { color: var(--muted); font-weight: 700; }
.table-wrap { overflow-x: auto; }
form.inline { display: inline; }
label { display: block; font-weight: 700; margin: ${space.sm} 0 ${space.xxs}; }
.hint { display: block; color: var(--muted); ${px(type.small)} }
input[type="text"], input[type="email"], input[type="password"], input[type="search"], select, textarea {
  font: inherit; color: var(--text); background: var(--surface); border: 1px solid var(--muted);
  padding: ${space.xs}; min-height: 44px; width: 100%; max-width: 36rem; }
textarea { min-height: 12rem; font-family: ${fontStacks.mono}; ${px(type.small)} }
fieldset { border: 1px solid var(--border); padding: ${space.sm} ${space.md}; margin: ${space.sm} 0; max-width: 40rem; }
legend { font-weight: 700; }
fieldset label { display: inline; font-weight: 400; margin: 0 ${space.md} 0 ${space.xxs}; }
button { font: inherit; font-weight: 700; min-height: 44px; padding: ${space.xs} ${space.lg}; cursor: pointer;
  background: var(--accent); color: var(--accent-text); border: 1px solid var(--accent); }
button.quiet { background: var(--surface); color: var(--accent); }
.error { color: var(--warning); font-weight: 700; }
.notice { border-left: 4px solid var(--accent); background: var(--box); padding: ${space.sm} ${space.md}; margin: 0 0 ${space.md}; }
.problems { border-left: 4px solid var(--warning); background: var(--box); padding: ${space.sm} ${space.md}; margin: 0 0 ${space.md}; }
.state { font-weight: 700; }
.state-failed, .state-rejected { color: var(--warning); }
.state-sent { color: var(--success); }
.frames { display: flex; flex-wrap: wrap; gap: ${space.lg}; align-items: flex-start; }
.frames figure { margin: 0; }
.frames iframe { border: 1px solid var(--border); background: ${colors.light.surface}; height: 900px; }
pre.text { white-space: pre-wrap; background: var(--box); padding: ${space.md}; max-width: 40rem; ${px(type.small)} }
dl.pairs { display: grid; grid-template-columns: max-content 1fr; gap: ${space.xxs} ${space.md}; margin: 0; }
dl.pairs dt { color: var(--muted); }
dl.pairs dd { margin: 0; }
.big { ${px(type.h1)} }
`;
