/**
 * `/admin/report?since=30d`: what each email achieved, inside the console's frame — the same section (tables and
 * Vega-Lite charts as SVG) that `send report --html` writes, with its rules scoped to the section.
 */
import { parseSince } from '../../plan/duration';
import { REPORT_CSS, reportCharts, reportSection } from '../report-page';
import type { Session } from './auth';
import type { ConsoleOptions } from './console-app';
import { html, Layout } from './layout';

/** The report's rules for its own section: the page-wide ones (`:root`, `body`) stay the console's. */
const SECTION_CSS = REPORT_CSS.split('\n')
  .filter((rule) => !/^(:root|body)\{/.test(rule))
  .join('\n');

export async function reportPage(
  sequencer: ConsoleOptions['sequencer'],
  session: Session,
  url: URL,
): Promise<Response> {
  const since = url.searchParams.get('since') || '30d';
  const sinceMs = parseSince(since);
  if (sinceMs === undefined)
    return html(
      <Layout title="Report" page="report" csrf={session.csrf}>
        <h1>Report</h1>
        <p role="alert">since: expected a duration such as 7d, 30d or 12h, got “{since}”.</p>
      </Layout>,
      400,
    );
  const report = await sequencer.report({ sinceMs });
  const section = reportSection(report, await reportCharts(report));
  return html(
    <Layout title="Report" page="report" csrf={session.csrf}>
      <style>{SECTION_CSS}</style>
      <form method="get" action="/admin/report" className="inline">
        <label htmlFor="since">Over the last</label>{' '}
        <select id="since" name="since" defaultValue={since}>
          {['7d', '30d', '90d'].map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>{' '}
        <button type="submit">Show</button>
      </form>
      {/* reportSection escapes every value it writes (sending/server/report-page.ts). */}
      <div dangerouslySetInnerHTML={{ __html: section }} />
    </Layout>,
  );
}
