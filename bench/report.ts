import { availableParallelism, loadavg } from 'node:os';
import type { BulkResult } from './bulk';
import type { ColdResult } from './cold-start';
import { ORDERS, type TemplateFigures } from './render-timing';
import { markdownTable, ms, type Summary, table } from './stats';
import type { Alternative, Target } from './targets';

/** `npm run bench`'s tables: as text for the terminal, and as Markdown for bench-results/latest.md. */
export function renderReport(
  perTemplate: TemplateFigures[],
  cold: ColdResult,
  bulk: BulkResult | null,
  targets: Target[],
  options: Readonly<{ iterations: number }>,
  alternative: Alternative,
) {
  const triple = (s: Summary) => `${ms(s.mean)} / ${ms(s.p50)} / ${ms(s.p95)}`;
  const header = [
    'template',
    'renderEmail() mean/p50/p95',
    'HTML step',
    'render() HTML mean/p50/p95',
    'render() HTML+text',
    'renderToStaticMarkup',
    'reference renderer',
    'HTML KB',
    '÷ render() CPU (wall)',
    'step ÷ floor CPU (wall)',
  ];
  const rows = perTemplate.map((t) => [
    t.id,
    triple(t.renderEmail),
    ms(t.htmlStep.mean),
    triple(t.reactEmailHtml),
    ms(t.reactEmailHtmlAndText.mean),
    ms(t.renderToStaticMarkup.mean),
    ms(t.referenceRenderer.mean),
    (t.htmlBytes / 1024).toFixed(1),
    `${t.ratioToRender.toFixed(2)}× (${t.wallRatioToRender.toFixed(2)}×)`,
    `${t.ratioHtmlStepToFloor.toFixed(2)}× (${t.wallRatioHtmlStepToFloor.toFixed(2)}×)`,
  ]);
  const altHeader = [
    'template',
    'renderEmail() CPU: ours',
    'on Preact',
    '÷ render(): ours',
    'on Preact',
    'HTML step ÷ floor: ours',
    'on Preact',
  ];
  const altRows = perTemplate.map((t) => [
    t.id,
    ms(t.cpu.renderEmail),
    ms(t.cpu.preactRenderEmail),
    `${t.ratioToRender.toFixed(2)}×`,
    `${t.preactRatioToRender.toFixed(2)}×`,
    `${t.ratioHtmlStepToFloor.toFixed(2)}×`,
    `${t.preactRatioHtmlToFloor.toFixed(2)}×`,
  ]);
  const { equivalence, ownLines: lines } = alternative;
  const altNote = `side by side, CPU ms per call: our static renderer (${lines.static} lines of our own code) and preact-render-to-string through preact/compat + html-to-text's compiled converter (${lines.preact} lines); Preact's output against react-email render(): ${equivalence.sameDom}/${equivalence.checked} emails DOM-equivalent, ${equivalence.sameText}/${equivalence.checked} with the same text`;
  const coldHeader = [
    'cold start (median)',
    'import',
    'first render',
    'process start → email',
    'CPU',
    'spawn → exit',
  ];
  const coldRows = (
    [
      ['built library, renderEmail()', cold.library],
      ['react-email render() + toText()', cold.reactEmail],
    ] as const
  ).map(([name, r]) => [
    name,
    `${ms(r.medianImportMs)} ms`,
    `${ms(r.medianRenderMs)} ms`,
    `${ms(r.medianTotalMs)} ms`,
    `${ms(r.medianCpuMs)} ms`,
    `${ms(r.medianWallMs)} ms`,
  ]);
  const bulkLine = bulk
    ? `bulk: ${bulk.orders.toLocaleString('en')} orders × ${bulk.templates} templates = ${bulk.emails.toLocaleString('en')} emails (HTML + text) on ${bulk.workers} worker threads in ${(bulk.wallMs / 1000).toFixed(1)} s — ${bulk.emailsPerSecond.toFixed(0)} emails/s, ${(bulk.cpuMs / bulk.emails).toFixed(2)} ms CPU per email, peak RSS ${(bulk.peakRssBytes / 2 ** 20).toFixed(0)} MB, ${(bulk.htmlBytes / 2 ** 20).toFixed(0)} MB of HTML`
    : 'bulk: skipped (--no-bulk)';
  const targetHeader = ['target', 'goal', 'measured', ''];
  const targetRows = targets.map((t) => [t.name, t.target, t.measured, t.pass ? 'PASS' : 'FAIL']);
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  const note = `times in ms (wall clock: mean / p50 / p95), ${options.iterations} calls each after warm-up, 8-line orders (en, ${ORDERS} different ones in turn); ratios on CPU time, wall-clock ratio in brackets; NODE_ENV=${process.env.NODE_ENV ?? '(unset)'}; load average ${load} on ${availableParallelism()} cores`;
  return {
    text: [
      table(header, rows),
      note,
      '',
      table(altHeader, altRows),
      altNote,
      '',
      table(coldHeader, coldRows),
      '',
      bulkLine,
      '',
      table(targetHeader, targetRows),
    ].join('\n'),
    markdown: [
      markdownTable(header, rows),
      '',
      `_${note}_`,
      '',
      markdownTable(altHeader, altRows),
      '',
      `_${altNote}_`,
      '',
      markdownTable(coldHeader, coldRows),
      '',
      bulkLine,
      '',
      markdownTable(targetHeader, targetRows),
    ].join('\n'),
  };
}
