/** `send report`: what each email achieved, as a table, the JSON document, or the page with its charts. */
import { writeFile } from 'node:fs/promises';
import { CliError, EXIT, type ExitCode } from '../../core/cli';
import type { OutcomeReport } from '../engine/outcome-report';
import type { Sequencer } from '../sequencer';
import type { Io } from './io';
import { formatTable } from './report';
import type { ReportArgs } from './send-options';

/** `report`: the table (or `--json`, the contract's document), and with `--html` the page with its charts. */
export async function runReport(args: ReportArgs, sequencer: Sequencer, io: Io): Promise<ExitCode> {
  const report = await sequencer.report({ sinceMs: args.sinceMs });
  if (args.html !== undefined) {
    const { reportCharts, reportDocument } = await import('../server/report-page');
    const page = reportDocument(report, await reportCharts(report));
    try {
      await writeFile(args.html, page);
    } catch (error) {
      throw new CliError(
        `--html ${args.html}: cannot write it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      );
    }
  }
  if (args.json) {
    io.out(`${JSON.stringify(report, null, 2)}\n`);
    return EXIT.ok;
  }
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const money = (m: Readonly<Record<string, number>>) =>
    Object.entries(m)
      .map(([c, a]) => `${c} ${a}`)
      .join(', ');
  io.out(
    report.templates.length === 0
      ? `No live emails went out since ${report.since}.\n`
      : `${formatTable(
          [
            'template',
            'goal',
            'variant',
            'sent',
            'delivered',
            'bounced',
            'complained',
            'unsub',
            'clicks',
            'click rate',
            'orders',
            'revenue',
            'per recipient',
            'conversion',
          ],
          report.templates.map((r) => [
            r.template,
            r.goal,
            r.variant,
            String(r.sent),
            String(r.delivered),
            String(r.bounced),
            String(r.complained),
            String(r.unsubscribed),
            String(r.humanClicks),
            pct(r.clickRate),
            String(r.orders),
            money(r.revenue),
            money(r.revenuePerRecipient),
            pct(r.conversionRate),
          ]),
        )}\n`,
  );
  const learning = learningLines(report);
  if (learning) io.out(`${learning}\n`);
  const { nps, csat } = report.feedback;
  io.out(
    `NPS ${nps.score === null ? '—' : Math.round(nps.score)} (${nps.responses} answers), CSAT ${csat.percent === null ? '—' : `${Math.round(csat.percent)}%`} (${csat.responses} answers); ${report.retention.customers} customers, ${pct(report.retention.repeatRate)} ordered again${args.html ? `; page written to ${args.html}` : ''}.\n`,
  );
  return EXIT.ok;
}

/** The report's A/B tests and holdout, one line each, for a person. */
function learningLines(report: OutcomeReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const tests = report.abTests.map((t) => {
    const arms = Object.entries(t.arms)
      .map(([v, a]) => `${v} ${a.successes}/${a.recipients}`)
      .join(', ');
    const decision = t.decision
      ? `${t.decision.winner === null ? 'no winner' : `winner ${t.decision.winner}`} (${t.decision.reason})`
      : 'undecided';
    return `A/B ${t.test} (${t.metric}): ${arms}; ${decision}`;
  });
  const h = report.holdout;
  const holdout = h
    ? [
        `Holdout ${pct(h.share)}: held ${h.held.customers} customers (${pct(h.held.repeatRate)} ordered again), treated ${h.treated.customers} (${pct(h.treated.repeatRate)}); difference ${pct(h.lift.repeatRate)} (95% interval ${pct(h.lift.interval95[0])} to ${pct(h.lift.interval95[1])})`,
      ]
    : [];
  return [...tests, ...holdout].join('\n');
}
