/**
 * The gate's output: a table a person can read (one row per email: template, locale, state, size,
 * findings), then every finding grouped by what is wrong and where — or the same as JSON.
 */
import { formatTable } from '../core/text-table';
import { formatKb } from './size';
import { type EmailUnderCheck, emailLabel, type Finding } from './types';

export type EmailResult = Readonly<{
  template: string;
  locale: string;
  state: string;
  kind: EmailUnderCheck['kind'];
  bytes: number;
  findings: readonly Finding[];
}>;

export type GateResult = Readonly<{
  emails: readonly EmailResult[];
  /** Findings that belong to no single email (e.g. the browser could not start). */
  general: readonly Finding[];
  skipped: readonly string[];
  screenshots?: Readonly<{ index: string; count: number }>;
}>;

export const errorsOf = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'error');
export const warningsOf = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'warning');

export function passed(result: GateResult): boolean {
  return (
    errorsOf(result.general).length === 0 && result.emails.every((e) => errorsOf(e.findings).length === 0)
  );
}

/** `line 1, col 3004` for a finding that knows it. */
function position(finding: Finding): string {
  return finding.line === undefined
    ? ''
    : ` (line ${finding.line}${finding.column === undefined ? '' : `, col ${finding.column}`})`;
}

/** One line per finding, with everything needed to find it: email, check, rule, problem, place. */
export function formatFinding(finding: Finding): string {
  const mark = finding.severity === 'error' ? '✗' : '!';
  return `${mark} ${emailLabel(finding)} · ${finding.check}/${finding.rule}: ${finding.message} — at ${finding.where}${position(finding)}`;
}

function summarise(findings: readonly Finding[]): string {
  if (findings.length === 0) return '✓';
  const byCheck = new Map<string, number>();
  for (const f of errorsOf(findings)) byCheck.set(f.check, (byCheck.get(f.check) ?? 0) + 1);
  const errors = [...byCheck].map(([check, n]) => `${check} ${n}`).join(', ');
  const warnings = warningsOf(findings).length;
  return [errors ? `✗ ${errors}` : '✓', warnings ? `! ${warnings} warning${warnings > 1 ? 's' : ''}` : '']
    .filter(Boolean)
    .join('  ');
}

type Place = { where: string; first: Finding; emails: Set<string> };
type Group = { first: Finding; places: Map<string, Place>; emails: Set<string>; count: number };

/** Findings grouped by problem (check, rule, message), then by place, with the emails each is in. */
function groups(findings: readonly Finding[]): Group[] {
  const map = new Map<string, Group>();
  for (const f of findings) {
    const key = [f.severity, f.check, f.rule, f.message].join('\u0000');
    const group = map.get(key) ?? { first: f, places: new Map(), emails: new Set(), count: 0 };
    map.set(key, group);
    const place = group.places.get(f.where) ?? { where: f.where, first: f, emails: new Set() };
    group.places.set(f.where, place);
    place.emails.add(emailLabel(f));
    group.emails.add(emailLabel(f));
    group.count += 1;
  }
  return [...map.values()].sort(
    (a, b) =>
      Number(a.first.severity === 'warning') - Number(b.first.severity === 'warning') ||
      b.emails.size - a.emails.size,
  );
}

const MAX_PLACES = 6;

/** The gate's result for a person: a row per email, then the findings grouped by problem and place. */
export function formatGateReport(result: GateResult): string {
  const headers = ['template', 'locale', 'state', 'size', 'findings'];
  const rows = result.emails.map((e) => [
    e.template,
    e.locale,
    e.state,
    formatKb(e.bytes),
    summarise(e.findings),
  ]);
  const all = [...result.general, ...result.emails.flatMap((e) => e.findings)];
  const out = [formatTable(headers, rows, { rule: false })];
  if (all.length) {
    out.push('', 'Findings, by problem and place:');
    for (const group of groups(all)) {
      const { first } = group;
      const mark = first.severity === 'error' ? '✗' : '!';
      out.push(`${mark} ${first.check}/${first.rule}: ${first.message}`);
      const places = [...group.places.values()].sort((a, b) => b.emails.size - a.emails.size);
      for (const place of places.slice(0, MAX_PLACES)) {
        const example = [...place.emails][0] ?? '';
        const count = place.emails.size;
        out.push(
          `    at ${place.where}${position(place.first)} — ${count > 1 ? `${count} emails, e.g. ` : ''}${example}`,
        );
      }
      if (places.length > MAX_PLACES)
        out.push(`    … and ${places.length - MAX_PLACES} more places (--json lists every one)`);
    }
  }
  const errors = errorsOf(all).length;
  const warnings = warningsOf(all).length;
  const failedEmails = result.emails.filter((e) => errorsOf(e.findings).length > 0).length;
  out.push('');
  for (const skipped of result.skipped) out.push(`skipped: ${skipped}`);
  if (result.screenshots) out.push(`screenshots: ${result.screenshots.count} in ${result.screenshots.index}`);
  out.push(
    `${result.emails.length} emails checked: ${failedEmails} failed, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} — ${passed(result) ? 'PASS' : 'FAIL'}`,
  );
  return out.join('\n');
}

export function formatJson(result: GateResult): string {
  return JSON.stringify({ ok: passed(result), ...result }, null, 2);
}
