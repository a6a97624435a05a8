/**
 * The outcome report as HTML: a table per template and variant with its goal, the feedback and retention, and two
 * charts drawn to SVG by Vega-Lite in Node (compiled to Vega, rendered by a headless View: no browser, no canvas).
 * `reportSection` is the reusable part (the console's /admin/report wraps it in its own frame); `reportDocument`
 * is the whole page `send report --html` writes.
 */
import type { Config, TopLevelSpec } from 'vega-lite';
import { colors, fontStacks } from '../../components/theme';
import { escapeHtml } from '../../core/html';
import type { OutcomeReport, TemplateRow } from '../engine/outcome-report';

export type ReportCharts = Readonly<{ funnel: string; rates: string }>;

const STAGES = ['sent', 'delivered', 'human clicks', 'orders'] as const;

/** Vega is loaded when a chart is drawn, not when the package is imported. */
async function toSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const chartConfig: Config = {
  background: '#ffffff',
  font: 'system-ui, sans-serif',
  axis: { labelColor: '#3f3f46', titleColor: '#18181b', labelFontSize: 12, titleFontSize: 12 },
  legend: { labelColor: '#3f3f46', titleColor: '#18181b', labelFontSize: 12, titleFontSize: 12 },
  header: { labelColor: '#18181b', labelFontSize: 12, titleFontSize: 12 },
  // Colours told apart by people with the common colour-vision deficiencies (Okabe–Ito).
  range: { category: ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'] },
};

const label = (row: TemplateRow) => row.template;

/** The funnel per step (sent → delivered → human clicks → orders), each template's variants side by side. */
export async function reportCharts(report: OutcomeReport): Promise<ReportCharts> {
  const funnel = report.templates.flatMap((row) =>
    STAGES.map((stage, i) => ({
      template: label(row),
      variant: row.variant,
      stage,
      order: i,
      count:
        stage === 'sent'
          ? row.sent
          : stage === 'delivered'
            ? row.delivered
            : stage === 'human clicks'
              ? row.humanClicks
              : row.orders,
    })),
  );
  const rates = report.templates.flatMap((row) => [
    { template: label(row), variant: row.variant, measure: 'click rate', value: row.clickRate },
    { template: label(row), variant: row.variant, measure: 'conversion rate', value: row.conversionRate },
  ]);
  const [funnelSvg, ratesSvg] = await Promise.all([
    toSvg({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: chartConfig,
      data: { values: funnel },
      facet: {
        row: {
          field: 'template',
          type: 'nominal',
          title: null,
          header: { labelAngle: 0, labelAlign: 'left' },
        },
      },
      spec: {
        width: 420,
        height: { step: 10 },
        mark: { type: 'bar', tooltip: true },
        encoding: {
          y: { field: 'stage', type: 'ordinal', sort: [...STAGES], title: null },
          yOffset: { field: 'variant', type: 'nominal' },
          x: {
            field: 'count',
            type: 'quantitative',
            title: 'emails / orders',
            axis: { tickMinStep: 1, format: 'd' },
          },
          color: { field: 'variant', type: 'nominal', title: 'variant' },
        },
      },
      resolve: { scale: { x: 'independent' } },
    }),
    toSvg({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: chartConfig,
      data: { values: rates },
      facet: { column: { field: 'measure', type: 'nominal', title: null } },
      spec: {
        width: 260,
        height: { step: 14 },
        mark: { type: 'bar', tooltip: true },
        encoding: {
          y: { field: 'template', type: 'nominal', title: null },
          yOffset: { field: 'variant', type: 'nominal' },
          x: { field: 'value', type: 'quantitative', title: 'per delivered email', axis: { format: '.0%' } },
          color: { field: 'variant', type: 'nominal', title: 'variant' },
        },
      },
    }),
  ]);
  return { funnel: funnelSvg, rates: ratesSvg };
}

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
const money = (m: Readonly<Record<string, number>>) =>
  Object.entries(m)
    .map(([currency, amount]) => `${currency} ${amount}`)
    .join(', ') || '—';

/** The report's body: headings, tables and charts, with no page around it (the console embeds it). */
export function reportSection(report: OutcomeReport, charts: ReportCharts): string {
  const head = [
    'template',
    'goal',
    'variant',
    'sent',
    'delivered',
    'bounced',
    'complained',
    'unsubscribed',
    'human clicks',
    'click rate',
    'orders',
    'revenue',
    'per recipient',
    'conversion',
  ];
  const rows = report.templates.map((r) =>
    [
      r.template,
      r.goal,
      r.variant,
      r.sent,
      r.delivered,
      r.bounced,
      r.complained,
      r.unsubscribed,
      r.humanClicks,
      percent(r.clickRate),
      r.orders,
      money(r.revenue),
      money(r.revenuePerRecipient),
      percent(r.conversionRate),
    ]
      .map((c, i) =>
        i === 0 ? `<th scope="row">${escapeHtml(String(c))}</th>` : `<td>${escapeHtml(String(c))}</td>`,
      )
      .join(''),
  );
  const { nps, csat, tags } = report.feedback;
  const tagList = Object.entries(tags)
    .map(([t, n]) => `<li>${escapeHtml(t)}: ${n}</li>`)
    .join('');
  return `<section class="ppe-report" aria-labelledby="ppe-report-title">
<h1 id="ppe-report-title">What each email achieved</h1>
<p class="muted">${escapeHtml(report.since)} – ${escapeHtml(report.until)}. Live emails only; clicks judged human; orders credited to the last human click.</p>
<div class="scroll" role="region" aria-label="Per template and variant" tabindex="0"><table>
<thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>${rows.length ? rows.map((r) => `<tr>${r}</tr>`).join('') : `<tr><td colspan="${head.length}">No emails went out in this window.</td></tr>`}</tbody>
</table></div>
<h2>Funnel per step</h2>
<figure class="chart" role="img" aria-label="Sent, delivered, human clicks and orders per template, variants side by side">${charts.funnel}</figure>
<h2>Click and conversion rates</h2>
<figure class="chart" role="img" aria-label="Click rate and conversion rate per template and variant">${charts.rates}</figure>
<h2>Feedback</h2>
<ul>
<li>NPS: ${nps.score === null ? '—' : Math.round(nps.score)} (${nps.responses} answers)</li>
<li>CSAT: ${csat.percent === null ? '—' : `${Math.round(csat.percent)}%`} (${csat.responses} answers)</li>
</ul>
${tagList ? `<h3>Comments by tag</h3><ul>${tagList}</ul>` : ''}
<h2>Retention</h2>
<p>${report.retention.customers} customers in the flow; ${percent(report.retention.repeatRate)} ordered again.</p>
${learningSection(report)}
</section>`;
}

/** The A/B tests (arms, decision) and the holdout's comparison, when the sequence has them. */
function learningSection(report: OutcomeReport): string {
  const tests = report.abTests.map((t) => {
    const arms = Object.entries(t.arms)
      .map(([v, a]) => `${v}: ${a.successes} of ${a.recipients}`)
      .join('; ');
    const decision = t.decision
      ? `${t.decision.winner === null ? 'no winner' : `winner ${t.decision.winner}`} since ${t.decision.at} (${t.decision.reason})`
      : 'undecided';
    return `<li>${escapeHtml(`${t.test} (${t.metric}) — ${arms} — ${decision}`)}</li>`;
  });
  const h = report.holdout;
  return [
    tests.length ? `<h2>A/B tests</h2>\n<ul>${tests.join('')}</ul>` : '',
    h
      ? `<h2>Holdout</h2>\n<p>${escapeHtml(
          `${percent(h.share)} held out: ${h.held.customers} customers, ${percent(h.held.repeatRate)} ordered again; ` +
            `the others: ${h.treated.customers}, ${percent(h.treated.repeatRate)}. Difference ${percent(h.lift.repeatRate)} ` +
            `(95 % interval ${percent(h.lift.interval95[0])} to ${percent(h.lift.interval95[1])}).`,
        )}</p>`
      : '',
  ].join('\n');
}

const c = colors.light;
const d = colors.dark;
export const REPORT_CSS = `:root{color-scheme:light dark}
body{margin:0;padding:24px 16px;background:${c.canvas};color:${c.text};font:15px/1.5 ${fontStacks.sans}}
.ppe-report{max-width:1100px;margin:0 auto}
.ppe-report .muted{color:${c.muted}}
.ppe-report table{border-collapse:collapse;background:${c.surface};font-variant-numeric:tabular-nums}
.ppe-report th,.ppe-report td{padding:6px 10px;border-bottom:1px solid ${c.border};text-align:right;white-space:nowrap}
.ppe-report th[scope=row],.ppe-report thead th:first-child{text-align:left}
.ppe-report .scroll{overflow-x:auto}
.ppe-report .scroll:focus-visible{outline:3px solid ${c.accent}}
.ppe-report .chart{margin:0;padding:12px;background:#ffffff;border-radius:6px;overflow-x:auto}
.ppe-report .chart svg{max-width:none}
@media (prefers-color-scheme: dark){body{background:${d.canvas};color:${d.text}}
.ppe-report .muted{color:${d.muted}}
.ppe-report table{background:${d.surface}}
.ppe-report th,.ppe-report td{border-color:${d.border}}}`;

/** The whole page `send report --html` writes: self-contained, no script, no request leaves it. */
export function reportDocument(report: OutcomeReport, charts: ReportCharts): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Email report ${escapeHtml(report.since.slice(0, 10))} – ${escapeHtml(report.until.slice(0, 10))}</title><style>${REPORT_CSS}</style></head><body>${reportSection(report, charts)}</body></html>\n`;
}
